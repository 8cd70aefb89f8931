import Foundation
import Testing

/// The real `metrics-demo` with `OTEL_METRICS_EXPORTER=otlp` and no `DYN_SYSTEM_PORT`: it exports at
/// start, keeps running, and flushes once more on SIGTERM before exiting cleanly.
@Suite(.enabled(if: OTLPReceiver.runnable, OTLPReceiver.skipComment))
struct DemoExportTests {
    static func demoExecutable() -> String? {
        if let path = ProcessInfo.processInfo.environment["METRICS_DEMO_PATH"] { return path }
        let candidate = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("metrics-demo").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    @Test func demoPushesUntilSIGTERMAndFlushes() async throws {
        let demoPath = try #require(Self.demoExecutable(), "metrics-demo not built: run swift build --product metrics-demo")
        let receiver = try await OTLPReceiver.start(.http)
        defer { receiver.stop() }
        let demo = Process()
        demo.executableURL = URL(fileURLWithPath: demoPath)
        demo.environment = [
            "OTEL_METRICS_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(receiver.port)",
            "OTEL_METRIC_EXPORT_INTERVAL": "3600000",
            "OTEL_SERVICE_NAME": "metrics-demo",
        ]
        demo.standardOutput = FileHandle.nullDevice
        demo.standardError = FileHandle.nullDevice
        try demo.run()
        let first = try await receiver.export(1)
        demo.terminate()  // SIGTERM
        while demo.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(demo.terminationReason == .exit && demo.terminationStatus == 0)
        let last = try await receiver.export(2)
        for export in [first, last] {
            let rendered = export.rendered
            #expect(rendered.hasPrefix("resource service.name=metrics-demo\nscope swift-metrics-schema "))
            for line in Self.expectedLines {
                #expect(rendered.contains(line + "\n"), "missing \(line) in\n\(rendered)")
            }
        }
    }

    /// DemoMetrics.recordKnownValues(), as the receiver decodes it.
    static let expectedLines = [
        #"sum dynamo_component_requests_total monotonic cumulative help="Requests handled by the demo endpoint." unit="""#,
        "  {\(labels)} double 3.0",  // the demo's counters are double-valued: double points
        "  {\(labels),error_type=timeout} double 2.0",
        "  {\(labels),error_type=validation} double 1.0",
        #"gauge dynamo_component_inflight_requests help="Requests being handled now." unit="""#,
        "  {\(labels)} int 4",
        #"histogram dynamo_component_request_duration_seconds cumulative help="Time to handle a request." unit="seconds""#,
        "  {\(labels)} count 4 sum 2.65 bounds [0.1, 0.5, 1.0, 5.0] counts [1, 2, 0, 1, 0]",
    ]
    static let labels = "dynamo_component=worker,dynamo_endpoint=generate,dynamo_namespace=demo"
}
