import Foundation
import NIOCore
import NIOPosix
import Testing

/// `prometheus` and `promtool` from PATH. CI sets REQUIRE_PROMETHEUS_TOOLS=1 so that missing tools fail.
enum PrometheusTools {
    static let prometheus = findOnPath("prometheus")
    static let promtool = findOnPath("promtool")
    static let required = ProcessInfo.processInfo.environment["REQUIRE_PROMETHEUS_TOOLS"] == "1"
    static let shouldRun = required || (prometheus != nil && promtool != nil)
    static let skipReason: Comment =
        "SKIPPED: prometheus/promtool not on PATH (apt-get install -y prometheus); REQUIRE_PROMETHEUS_TOOLS=1 makes this a failure"
}

/// Starts the real `metrics-demo` program with `DYN_SYSTEM_PORT=0`, lets a real Prometheus scrape it
/// every second, and reads the stored samples back through Prometheus's HTTP API.
@Suite(.serialized) struct PrometheusEndToEndTests {
    static let selector = #"dynamo_namespace="demo",dynamo_component="worker",dynamo_endpoint="generate""#

    @Test(.enabled(if: PrometheusTools.shouldRun, PrometheusTools.skipReason), .timeLimit(.minutes(3)))
    func prometheusScrapesExactlyWhatTheDemoRecorded() async throws {
        let prometheus = try #require(PrometheusTools.prometheus, "prometheus is not on PATH (apt-get install -y prometheus)")
        let promtool = try #require(PrometheusTools.promtool, "promtool is not on PATH (apt-get install -y prometheus)")
        let demoPath = try #require(Self.demoExecutable(), "metrics-demo not built: run swift build --product metrics-demo")
        let directory = try makeTemporaryDirectory("prometheus-e2e")
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let demo = try ChildProcess(
            executable: demoPath, arguments: [],
            environment: ["DYN_SYSTEM_PORT": "0", "DYN_SYSTEM_HOST": "127.0.0.1"], logDirectory: directory
        )
        var demoExit: Int32 = -1
        do {
            let demoPort = try await Self.waitForPort(of: demo)
            try await checkWithPromtool(promtool, port: demoPort)
            try await withPrometheus(prometheus, scraping: demoPort, job: "metrics-demo", directory: directory) {
                try await expectDemoValues($0)
            }
            demoExit = await demo.stop()
        } catch {
            await demo.stop()
            Issue.record("metrics-demo stderr:\n\(demo.errorOutput)")
            throw error
        }
        #expect(demoExit == 0, "metrics-demo must exit cleanly on SIGTERM; stderr:\n\(demo.errorOutput)")
    }

    private func checkWithPromtool(_ promtool: String, port: Int) async throws {
        let response = try ParsedResponse.parseOne(
            try await RawConnection.exchange(port: port, http("GET", "/metrics"))
        )
        #expect(response.status == 200)
        let result = try runTool(promtool, ["check", "metrics"], input: response.body)
        #expect(result.status == 0, "promtool check metrics failed:\n\(result.output)\non:\n\(response.text)")
        #expect(result.output == "", "promtool check metrics reported problems:\n\(result.output)")
    }

    private func expectDemoValues(_ api: PrometheusAPI) async throws {
        let selector = Self.selector
        let requests = try await api.waitForSamples("dynamo_component_requests_total{\(selector)}")
        #expect(requests.map(\.value) == ["3"])

        let errors = try await api.waitForSamples("dynamo_component_errors_total{\(selector)}")
        let errorsByType = Dictionary(uniqueKeysWithValues: errors.map { ($0.labels["error_type"] ?? "?", $0.value) })
        #expect(errorsByType == ["timeout": "2", "validation": "1"])

        let inflight = try await api.waitForSamples("dynamo_component_inflight_requests{\(selector)}")
        #expect(inflight.map(\.value) == ["4"])

        let buckets = try await api.waitForSamples("dynamo_component_request_duration_seconds_bucket{\(selector)}")
        let byBound = Dictionary(uniqueKeysWithValues: buckets.map { ($0.labels["le"] ?? "?", $0.value) })
        // le="1" (not "1.0"): the server answers Prometheus text unless OpenMetrics is enabled.
        #expect(byBound == ["0.1": "1", "0.5": "3", "1": "3", "5": "4", "+Inf": "4"])

        let sum = try await api.waitForSamples("dynamo_component_request_duration_seconds_sum{\(selector)}")
        #expect(sum.map(\.value) == ["2.65"])
        let count = try await api.waitForSamples("dynamo_component_request_duration_seconds_count{\(selector)}")
        #expect(count.map(\.value) == ["4"])
    }

    /// `metrics-demo` next to the test bundle (the build directory), or METRICS_DEMO_PATH.
    static func demoExecutable() -> String? {
        if let path = ProcessInfo.processInfo.environment["METRICS_DEMO_PATH"] { return path }
        let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidate = buildDirectory.appendingPathComponent("metrics-demo").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    struct NoPortAnnounced: Error, CustomStringConvertible {
        var output: String
        var description: String { "metrics-demo never printed 'listening on port N'; output:\n\(output)" }
    }

    /// The port from the demo's `listening on port N` line (at most 30 s).
    static func waitForPort(of demo: ChildProcess) async throws -> Int {
        for _ in 0..<300 {
            for line in demo.output.split(separator: "\n") where line.hasPrefix("listening on port ") {
                if let port = Int(line.dropFirst("listening on port ".count)) { return port }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw NoPortAnnounced(output: demo.output + demo.errorOutput)
    }

    /// A loopback port that was free a moment ago.
    static func freeLoopbackPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }
}
