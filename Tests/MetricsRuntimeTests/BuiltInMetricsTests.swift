import MetricsRuntime
import Testing

/// `<prefix>_uptime_seconds` on the root, refreshed at every scrape; the shared runtime.
@Suite struct BuiltInMetricsTests {
    func uptimeValue(_ text: String, line prefix: String = "dynamo_component_uptime_seconds ") -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    @Test func uptimeIsRefreshedAtEveryRootScrape() async throws {
        let runtime = MetricsRuntime()
        let first = try #require(uptimeValue(try runtime.metrics.exposition()))
        try await Task.sleep(for: .milliseconds(20))
        let second = try #require(uptimeValue(try runtime.metrics.exposition()))
        #expect(first >= 0)
        #expect(second >= first + 0.02)
        #expect(runtime.uptime >= .seconds(second))
        let openMetrics = try runtime.metrics.exposition(format: .openMetrics)
        let third = try #require(uptimeValue(openMetrics))
        #expect(third >= second)
    }

    @Test func uptimeIsOnlyOnTheRootAndHasDynamosHelp() throws {
        var configuration = MetricsConfiguration()
        configuration.instanceID = 0x694d_9d78_249c_bd10
        let runtime = MetricsRuntime(configuration: configuration)
        let text = try runtime.metrics.exposition()
        #expect(text.hasPrefix("""
            # HELP dynamo_component_uptime_seconds Total uptime of the DistributedRuntime in seconds
            # TYPE dynamo_component_uptime_seconds gauge
            dynamo_component_uptime_seconds{worker_id="694d9d78249cbd10"} 
            """))
        #expect(occurrences(of: "uptime_seconds{", in: text) == 1)
        #expect(try runtime.namespace("ns").metrics.exposition() == "")
        #expect(uptimeValue(text, line: #"dynamo_component_uptime_seconds{worker_id="694d9d78249cbd10"} "#) != nil)
    }

    @Test func userMetricsCannotRedefineTheUptimeGauge() throws {
        let runtime = MetricsRuntime()
        // The exact `difference` wording is covered by RegistrationConflictTests.
        for error in [thrownError { try runtime.metrics.makeCounter("uptime_seconds", help: "Mine") },
                      thrownError { try runtime.namespace("ns").metrics.makeGauge("uptime_seconds", help: "Mine") }] {
            guard case .conflictingRegistration(let metric, _) = error else {
                Issue.record("expected conflictingRegistration, got \(String(describing: error))")
                continue
            }
            #expect(metric == "dynamo_component_uptime_seconds")
        }
    }

    @Test func sharedRuntimeIsOneInstanceAndBootstrapAfterUseThrows() {
        // Bootstrapping with the default configuration keeps any other user of `shared` unaffected.
        _ = try? MetricsRuntime.bootstrapShared(MetricsConfiguration())
        let shared = MetricsRuntime.shared
        #expect(MetricsRuntime.shared === shared)
        let error = thrownError { try MetricsRuntime.bootstrapShared(MetricsConfiguration()) }
        #expect(error == .sharedRuntimeAlreadyCreated)
        #expect(error?.description
            == "MetricsRuntime.bootstrapShared must be called before MetricsRuntime.shared is first used")
    }
}
