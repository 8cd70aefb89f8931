import MetricsRuntime
import MetricsServer
import Testing

/// The server in front of the real runtime (the other suites use a fake source).
@Suite struct RuntimeServingTests {
    struct CallbackFailure: Error {}

    @Test func servesTheWholeRuntimeInBothFormats() async throws {
        let runtime = MetricsRuntime()
        let counter = try runtime.namespace("ns").component("comp").metrics.makeCounter("hits_total", help: "Hits.")
        counter.inc(by: 5)
        let configuration = loopbackConfiguration { $0.enableOpenMetrics = true }
        let server = try #require(try await MetricsServer.start(runtime: runtime, configuration: configuration))
        let text = try await request(server, http("GET", "/metrics"))
        let openMetrics = try await request(server, http("GET", "/metrics", "Accept: application/openmetrics-text"))
        await server.shutdown()
        #expect(text.status == 200)
        #expect(text.text.contains(#"dynamo_component_hits_total{dynamo_component="comp",dynamo_namespace="ns"} 5"# + "\n"))
        #expect(text.text.contains("# TYPE dynamo_component_uptime_seconds gauge\n"))
        #expect(openMetrics.header("Content-Type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(openMetrics.text.contains(#"dynamo_component_hits_total{dynamo_component="comp",dynamo_namespace="ns"} 5.0"#))
        #expect(openMetrics.text.hasSuffix("# EOF\n"))
        #expect(!openMetrics.text.contains("_created"), "no _created samples unless enabled")
    }

    @Test func openMetricsCreatedSamplesOnlyWhenAskedFor() async throws {
        let runtime = MetricsRuntime()
        try runtime.metrics.makeCounter("jobs", help: "Jobs.").inc()
        try runtime.metrics.makeHistogram("wait_seconds", help: "Wait.", buckets: [1]).observe(0.5)
        let accept = "Accept: application/openmetrics-text"
        var configuration = loopbackConfiguration { $0.enableOpenMetrics = true }
        var server = try #require(try await MetricsServer.start(runtime: runtime, configuration: configuration))
        let without = try await request(server, http("GET", "/metrics", accept))
        await server.shutdown()
        configuration.enableOpenMetricsCreatedSamples = true
        server = try #require(try await MetricsServer.start(runtime: runtime, configuration: configuration))
        let with = try await request(server, http("GET", "/metrics", accept))
        await server.shutdown()
        func createdNames(_ text: String) -> [String] {
            text.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("_created") }
                .map { String($0.prefix { $0 != " " && $0 != "{" }) }
        }
        #expect(without.text.contains("dynamo_component_jobs_total 1.0\n"))
        #expect(createdNames(without.text) == [])
        // process_cpu_seconds_total: the server enables the process metrics (configuration.processMetrics).
        #expect(createdNames(with.text)
            == ["dynamo_component_jobs_created", "dynamo_component_wait_seconds_created", "process_cpu_seconds_created"])
    }

    @Test func oneCallStartsTheRuntimeServerFromTheEnvironment() async throws {
        let runtime = MetricsRuntime()
        try runtime.metrics.makeGauge("temperature_celsius", help: "Temperature.").set(21.5)
        #expect(try await MetricsServer.start(runtime: runtime, environment: [:]) == nil)
        let environment = ["DYN_SYSTEM_PORT": "0", "DYN_SYSTEM_HOST": "127.0.0.1"]
        let server = try #require(try await MetricsServer.start(runtime: runtime, environment: environment))
        let response = try await request(server, http("GET", "/metrics"))
        await server.shutdown()
        #expect(response.text.contains("dynamo_component_temperature_celsius 21.5\n"))
    }

    @Test func failingCallbackUnderFailScrapeGives500AndServingContinues() async throws {
        var configuration = MetricsConfiguration()
        configuration.callbackFailurePolicy = .failScrape
        configuration.errorHandler = { _ in }
        let runtime = MetricsRuntime(configuration: configuration)
        runtime.metrics.addUpdateCallback { throw CallbackFailure() }
        let server = try #require(try await MetricsServer.start(runtime: runtime, configuration: loopbackConfiguration()))
        let failed = try await request(server, http("GET", "/metrics"))
        let health = try await request(server, http("GET", "/health"))
        let again = try await request(server, http("GET", "/metrics"))
        await server.shutdown()
        #expect(failed.status == 500)
        #expect(failed.text == "Failed to get metrics")
        #expect(health.status == 503)
        #expect(again.status == 500)
    }

    @Test func healthUptimeIsTheRuntimeUptime() async throws {
        let runtime = MetricsRuntime()
        try await Task.sleep(for: .milliseconds(1100))
        let server = try #require(try await MetricsServer.start(runtime: runtime, configuration: loopbackConfiguration()))
        let health = try await request(server, http("GET", "/live"))
        await server.shutdown()
        #expect(!health.text.hasPrefix(#"{"status":"notready","uptime":{"secs":0,"#))
        #expect(health.text.hasPrefix(#"{"status":"notready","uptime":{"secs":"#))
    }

    /// Scrapes run while other tasks register new families and record into them.
    @Test func scrapesRunSafelyWhileMetricsAreRegisteredAndRecorded() async throws {
        let runtime = MetricsRuntime()
        let registry = runtime.namespace("load").metrics
        let server = try #require(try await MetricsServer.start(runtime: runtime, configuration: loopbackConfiguration()))
        let statuses = try await withThrowingTaskGroup(of: [Int].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for index in 0..<50 {
                        let counter = try registry.makeCounter("w\(writer)_c\(index)_total", help: "Load counter.")
                        counter.inc(by: Double(index))
                    }
                    return []
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    var seen: [Int] = []
                    for _ in 0..<10 { seen.append(try await request(server, http("GET", "/metrics")).status) }
                    return seen
                }
            }
            return try await group.reduce(into: [Int]()) { $0 += $1 }
        }
        let final = try await request(server, http("GET", "/metrics"))
        await server.shutdown()
        #expect(statuses == Array(repeating: 200, count: 40))
        for writer in 0..<4 {
            #expect(final.text.contains(#"dynamo_component_w\#(writer)_c49_total{dynamo_namespace="load"} 49"# + "\n"))
        }
        let families = final.text.split(separator: "\n").filter { $0.hasPrefix("# TYPE dynamo_component_w") }
        #expect(families.count == 200)
    }
}
