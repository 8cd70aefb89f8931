import Foundation
import Testing

/// The web-framework example apps (Examples/HummingbirdApp, Examples/VaporApp, built by
/// `swift build` / `swift test`): requests recorded by the middleware, `/metrics` on the app's own
/// port checked by promtool and scraped by a real Prometheus.
@Suite(.serialized) struct FrameworkExampleScrapeTests {
    struct App: Sendable, CustomTestStringConvertible {
        var executable: String
        /// How the framework writes the route template of `/hello/<name>`.
        var route: String
        var testDescription: String { executable }
    }

    static let apps = [
        App(executable: "HummingbirdExample", route: "/hello/{name}"),
        App(executable: "VaporExample", route: "/hello/:name"),
    ]

    @Test(.enabled(if: PrometheusTools.shouldRun, PrometheusTools.skipReason), .timeLimit(.minutes(3)), arguments: apps)
    func prometheusScrapesTheExampleApp(_ app: App) async throws {
        let prometheus = try #require(PrometheusTools.prometheus, "prometheus is not on PATH (apt-get install -y prometheus)")
        let promtool = try #require(PrometheusTools.promtool, "promtool is not on PATH (apt-get install -y prometheus)")
        let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let path = buildDirectory.appendingPathComponent(app.executable).path
        try #require(FileManager.default.isExecutableFile(atPath: path), "\(app.executable) not built: run swift build --product \(app.executable)")
        let directory = try makeTemporaryDirectory("framework-\(app.executable)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let port = try await PrometheusEndToEndTests.freeLoopbackPort()
        let child = try ChildProcess(executable: path, arguments: [], environment: ["PORT": "\(port)"], logDirectory: directory)
        do {
            try await Self.waitUntilServing(port: port)
            for name in ["world", "swift", "metrics"] {
                let hello = try ParsedResponse.parseOne(try await RawConnection.exchange(port: port, http("GET", "/hello/\(name)")))
                #expect(hello.status == 200)
            }
            let scrape = try ParsedResponse.parseOne(
                try await RawConnection.exchange(port: port, http("GET", "/metrics", "Accept-Encoding: gzip")))
            #expect(scrape.status == 200)
            #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            // MetricsRouteResponse: the same gzip as MetricsServer's /metrics.
            #expect(scrape.header("Content-Encoding") == "gzip")
            let body = try gunzip(scrape.body)
            let check = try runTool(promtool, ["check", "metrics"], input: body)
            #expect(check.status == 0 && check.output == "", "promtool: \(check.output)")
            let text = String(decoding: body, as: UTF8.self)
            #expect(text.contains("# TYPE http_server_request_duration_seconds histogram\n"))
            #expect(text.contains("# TYPE process_cpu_seconds_total counter\n"))

            try await withPrometheus(prometheus, scraping: port, job: app.executable, directory: directory) { api in
                let selector = #"http_request_method="GET",http_route="\#(app.route)",http_response_status_code="200""#
                let count = try await api.waitForSamples("http_server_request_duration_seconds_count{\(selector)}")
                #expect(count.map(\.value) == ["3"])
                // During a scrape exactly one request is active: the scrape itself.
                let active = try await api.waitForSamples(#"http_server_active_requests{http_request_method="GET"}"#)
                #expect(active.map(\.value) == ["1"])
                let started = try await api.waitForSamples("process_start_time_seconds")
                #expect(started.count == 1)
            }
        } catch {
            await child.stop()
            Issue.record("\(app.executable) output:\n\(child.output)\n\(child.errorOutput)")
            throw error
        }
        await child.stop()
    }

    struct NotServing: Error {}

    /// Polls `GET /metrics` until it answers (at most 60 s: the app may still be starting).
    static func waitUntilServing(port: Int) async throws {
        for _ in 0..<600 {
            if let bytes = try? await RawConnection.exchange(port: port, http("GET", "/metrics")),
               let response = try? ParsedResponse.parseOne(bytes), response.status == 200 {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NotServing()
    }
}
