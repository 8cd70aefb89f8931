import Foundation
import Testing

/// `check-live` against the demo's saved exposition (`Live/demo.prom`, written by `metrics-demo`)
/// and its schema, in both text formats, and with one violation of each kind.
@Suite struct CheckLiveTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var demo: String {
        (try? String(contentsOf: root.appendingPathComponent("Tests/MetricsSchemaCLITests/Live/demo.prom"), encoding: .utf8)) ?? ""
    }
    static let schema = root.appendingPathComponent("Sources/MetricsDemo/demo.metrics.yaml").path

    @Test func theDemoConformsToItsSchema() throws {
        let folder = try temporaryFolder(["demo.prom": Self.demo])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check-live", "demo.prom", Self.schema], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines == [
            "demo.prom:22:1: warning: family 'dynamo_component_uptime_seconds' (gauge) is not declared by any schema",
            "coverage: 4 of 4 declared families seen (100%)",
        ])
        let strict = try CLI.run(["check-live", "--strict", "demo.prom", Self.schema], in: folder)
        #expect(strict.status == 1)
    }

    @Test func openMetricsIsReadToo() throws {
        // The same exposition in OpenMetrics form: counter families without _total, # UNIT, # EOF.
        var text = Self.demo.replacingOccurrences(of: "# TYPE dynamo_component_errors_total counter", with: "# TYPE dynamo_component_errors counter")
            .replacingOccurrences(of: "# HELP dynamo_component_errors_total", with: "# HELP dynamo_component_errors")
            .replacingOccurrences(of: "# TYPE dynamo_component_requests_total counter", with: "# TYPE dynamo_component_requests counter")
            .replacingOccurrences(of: "# HELP dynamo_component_requests_total", with: "# HELP dynamo_component_requests")
            .replacingOccurrences(of: "# TYPE dynamo_component_request_duration_seconds histogram", with: "# TYPE dynamo_component_request_duration_seconds histogram\n# UNIT dynamo_component_request_duration_seconds seconds")
        text += "# EOF\n"
        let folder = try temporaryFolder(["demo.om": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check-live", "demo.om", Self.schema], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines.last == "coverage: 4 of 4 declared families seen (100%)")
    }

    @Test func violationsAreErrorsAtTheSchemaLine() throws {
        let text = Self.demo
            .replacingOccurrences(of: "error_type=\"timeout\"", with: "error_type=\"oops\"")
            .replacingOccurrences(of: "# TYPE dynamo_component_inflight_requests gauge", with: "# TYPE dynamo_component_inflight_requests counter")
            .replacingOccurrences(of: "le=\"0.5\"", with: "le=\"0.25\"")
            .replacingOccurrences(of: "dynamo_component_requests_total{", with: "dynamo_component_requests_total{model=\"m\",")
        let folder = try temporaryFolder(["bad.prom": text])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check-live", "bad.prom", Self.schema], in: folder)
        #expect(result.status == 1)
        let file = Self.schema
        #expect(result.stderrLines == [
            "\(file):9:11: error: 'dynamo_component_requests_total': undeclared label 'model' (bad.prom line 19)",
            "\(file):17:15: error: 'dynamo_component_errors_total': label 'error_type' has value 'oops' outside its closed set (bad.prom line 3)",
            "\(file):21:11: error: 'dynamo_component_inflight_requests': exposed as counter, declared gauge (bad.prom line 7)",
            "\(file):29:14: error: 'dynamo_component_request_duration_seconds': exposed with buckets [0.1, 0.25, 1.0, 5.0], declared [0.1, 0.5, 1.0, 5.0] (bad.prom line 10)",
            "bad.prom:22:1: warning: family 'dynamo_component_uptime_seconds' (gauge) is not declared by any schema",
            "coverage: 4 of 4 declared families seen (100%)",
        ])
    }
}
