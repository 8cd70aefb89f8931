import Foundation
import Testing

/// Runs a real `prometheus` that scrapes `127.0.0.1:targetPort` every second, hands its API to `body`,
/// and stops it afterwards (its log is recorded when `body` throws).
func withPrometheus(
    _ prometheus: String, scraping targetPort: Int, job: String, directory: String,
    _ body: (PrometheusAPI) async throws -> Void
) async throws {
    let config = """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: \(job)
            static_configs:
              - targets: ['127.0.0.1:\(targetPort)']
        """
    try config.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
    let apiPort = try await PrometheusEndToEndTests.freeLoopbackPort()
    let server = try ChildProcess(
        executable: prometheus,
        arguments: [
            "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(apiPort)",
        ],
        logDirectory: directory
    )
    do {
        let api = PrometheusAPI(port: apiPort)
        // A successful scrape, not the first one: on a slow machine (the sanitizer runs) the first can
        // miss the 1 s scrape timeout; one that never succeeds still fails when the wait gives up.
        let up = try await api.waitForSamples(#"up{job="\#(job)"} == 1"#)
        #expect(up.map(\.value) == ["1"], "Prometheus log:\n\(server.errorOutput)")
        try await body(api)
    } catch {
        await server.stop()
        Issue.record("prometheus log:\n\(server.errorOutput)")
        throw error
    }
    await server.stop()
}
