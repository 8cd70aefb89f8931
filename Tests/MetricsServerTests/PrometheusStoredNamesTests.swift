import Foundation
import MetricsRuntime
import MetricsServer
import Testing

/// A real Prometheus scrapes a real server; the names it stores are compared with the registered ones.
///
/// Prometheus asks for OpenMetrics first. By default the server answers Prometheus text, so every
/// stored name is a registered name. With OpenMetrics enabled, one thing differs: a counter registered
/// without `_total` is stored as `<name>_total` (OpenMetrics counter samples always end in `_total`).
/// `_created` series appear in neither mode, because `_created` samples are off unless enabled.
@Suite(.serialized) struct PrometheusStoredNamesTests {
    static let registered = [
        "dynamo_component_e2e_errors_total",  // counter registered with _total
        "dynamo_component_e2e_jobs",  // counter registered without _total
        "dynamo_component_e2e_wait_seconds_bucket", "dynamo_component_e2e_wait_seconds_count",
        "dynamo_component_e2e_wait_seconds_sum",
    ]

    @Test(.enabled(if: PrometheusTools.shouldRun, PrometheusTools.skipReason), .timeLimit(.minutes(3)))
    func defaultModeStoresTheRegisteredNames() async throws {
        #expect(try await storedNames(openMetrics: false) == Self.registered)
    }

    @Test(.enabled(if: PrometheusTools.shouldRun, PrometheusTools.skipReason), .timeLimit(.minutes(3)))
    func openMetricsModeStoresACounterWithoutTotalAsTotal() async throws {
        let expected = Self.registered.map { $0 == "dynamo_component_e2e_jobs" ? "dynamo_component_e2e_jobs_total" : $0 }
        #expect(try await storedNames(openMetrics: true) == expected.sorted())
    }

    private func storedNames(openMetrics: Bool) async throws -> [String] {
        let prometheus = try #require(PrometheusTools.prometheus, "prometheus is not on PATH (apt-get install -y prometheus)")
        let runtime = MetricsRuntime()
        try runtime.metrics.makeCounter("e2e_jobs", help: "Jobs.").inc(by: 3)
        try runtime.metrics.makeCounter("e2e_errors_total", help: "Errors.").inc()
        try runtime.metrics.makeHistogram("e2e_wait_seconds", help: "Wait.", buckets: [1]).observe(0.5)
        let configuration = loopbackConfiguration { $0.enableOpenMetrics = openMetrics }
        let server = try #require(try await MetricsServer.start(runtime: runtime, configuration: configuration))
        let directory = try makeTemporaryDirectory("prometheus-names")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var names: [String] = []
        do {
            try await withPrometheus(prometheus, scraping: server.boundPort, job: "names", directory: directory) { api in
                // Every sample of one scrape is stored together: once one e2e name is there, all are.
                _ = try await api.waitForSamples(#"{__name__=~"dynamo_component_e2e_.*"}"#)
                names = try await api.storedNames().filter { $0.hasPrefix("dynamo_component_e2e_") }
            }
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        return names
    }
}
