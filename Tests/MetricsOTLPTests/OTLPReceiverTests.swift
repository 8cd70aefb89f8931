import Foundation
import Logging
import MetricsOTLP
import MetricsRuntime
import ServiceLifecycle
import Synchronization
import Testing

/// Exports to the real receivers (Receivers/otlp_receiver.py) over both protocols and checks what
/// the OpenTelemetry project's own decoder saw.
///
/// Serialized: each test starts Python receivers, and seven of them importing grpcio at once on a
/// two-core CI machine, beside the rest of the test run, once kept a gRPC export past its deadline.
@Suite(.serialized, .enabled(if: OTLPReceiver.runnable, OTLPReceiver.skipComment))
struct OTLPReceiverTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000.5)
    static let startNanos: UInt64 = 1_700_000_000_500_000_000

    /// What the tests "record": the snapshot source returns the families of the current round.
    final class Recorder: Sendable {
        let round = Mutex<Int64>(1)
        func source() -> OTLPMetricsExporter.SnapshotSource {
            { [self] in SnapshotFixtures.families(round: round.withLock { $0 }) }
        }
    }

    static func configuration(
        _ mode: OTLPReceiver.Mode, port: Int, interval: Duration = .seconds(3600), timeoutMilliseconds: Int = 30_000
    ) throws -> OTLPExportConfiguration {
        try #require(try OTLPExportConfiguration.fromEnvironment(
            [
                "OTEL_METRICS_EXPORTER": "otlp",
                "OTEL_EXPORTER_OTLP_PROTOCOL": mode == .grpc ? "grpc" : "http/protobuf",
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:\(port)",
                // A liveness bound, not a timed assertion: a loaded CI machine once needed over 5 s.
                "OTEL_EXPORTER_OTLP_TIMEOUT": "\(timeoutMilliseconds)",
                "OTEL_METRIC_EXPORT_INTERVAL": "\(interval.components.seconds * 1000)",
                "OTEL_EXPORTER_OTLP_HEADERS": "x-tenant=team%20a",
                "OTEL_SERVICE_NAME": "otlp-test",
                "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=ci",
            ],
            defaultServiceName: "unused"))
    }

    @Test(arguments: [OTLPReceiver.Mode.http, .grpc])
    func everyKindArrivesWithExactValues(mode: OTLPReceiver.Mode) async throws {
        let receiver = try await OTLPReceiver.start(mode)
        defer { receiver.stop() }
        let recorder = Recorder()
        let exporter = OTLPMetricsExporter(
            configuration: try Self.configuration(mode, port: receiver.port), startTime: Self.start, snapshot: recorder.source())
        let before = UInt64(Date().timeIntervalSince1970 * 1e9)
        try await exporter.export()
        let received = try await receiver.export(1)
        #expect(received.rendered
            == SnapshotFixtures.rendered(round: 1, serviceName: "otlp-test", extraResource: " deployment.environment=ci"))
        #expect(received.headers["x-tenant"] == "team a")
        if mode == .http {
            #expect(received.headers["content-type"] == "application/x-protobuf")
        }
        let times = received.pointTimes
        #expect(times.count == 8)
        #expect(times.allSatisfy { $0.start == Self.startNanos })
        #expect(times.allSatisfy { $0.time >= before - 1_000_000 && $0.time == times[0].time })
    }

    /// The runtime itself as the source: `runtime.metrics.snapshot()` and `runtime.startTime`.
    @Test func runtimeSnapshotsArriveAsRecorded() async throws {
        let receiver = try await OTLPReceiver.start(.grpc)
        defer { receiver.stop() }
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        try endpoint.metrics.makeIntCounterVec("requests_total", help: "Requests", labelNames: ["status"]).labels("ok").inc(by: 3)
        try endpoint.metrics.makeGauge("load_ratio", help: "Load", unit: "ratio").set(0.5)
        let latency = try endpoint.metrics.makeHistogram("latency_seconds", help: "Latency", buckets: [0.1, 1])
        for seconds in [0.25, 0.5, 7] { latency.observe(seconds) }
        let exporter = OTLPMetricsExporter(runtime: runtime, configuration: try Self.configuration(.grpc, port: receiver.port))
        try await exporter.export()
        let received = try await receiver.export(1)
        let labels = "dynamo_component=comp,dynamo_endpoint=ep,dynamo_namespace=ns"
        // The built-in uptime gauge is exported too; its value is the time since the runtime started.
        var lines = received.rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let uptime = try #require(lines.firstIndex { $0.hasPrefix("gauge dynamo_component_uptime_seconds ") })
        #expect(lines[uptime + 1].hasPrefix("  {} double "))
        lines.removeSubrange(uptime...(uptime + 1))
        #expect(lines.joined(separator: "\n") == """
            resource service.name=otlp-test deployment.environment=ci
            scope swift-metrics-schema \(OTLPInstrumentationScope.version)
            histogram dynamo_component_latency_seconds cumulative help="Latency" unit=""
              {\(labels)} count 3 sum 7.75 bounds [0.1, 1.0] counts [0, 2, 1]
            gauge dynamo_component_load_ratio help="Load" unit="ratio"
              {\(labels)} double 0.5
            sum dynamo_component_requests_total monotonic cumulative help="Requests" unit=""
              {\(labels),status=ok} int 3

            """)
        let start = UInt64(runtime.startTime * 1e9)
        #expect(received.pointTimes.allSatisfy { $0.start >= start - 1000 && $0.start <= start + 1000 })
    }

    /// With the receiver down an export fails at once (connection refused), not at its deadline: the
    /// deadline here is 10 minutes and the time limit 1 (told to retry connecting, AsyncHTTPClient
    /// gives up only at its 90 s connect timeout: this test then took 105 s).
    @Test(.timeLimit(.minutes(1)), arguments: [OTLPReceiver.Mode.http, .grpc])
    func receiverDownThenUpGetsTheExactTotals(mode: OTLPReceiver.Mode) async throws {
        let port = try await OTLPReceiver.portOfStoppedReceiver(mode)
        let recorder = Recorder()
        let exporter = OTLPMetricsExporter(
            configuration: try Self.configuration(mode, port: port, timeoutMilliseconds: 600_000), startTime: Self.start,
            snapshot: recorder.source())
        await #expect(throws: OTLPExportError.self) { try await exporter.export() }
        recorder.round.withLock { $0 = 3 }
        let receiver = try await OTLPReceiver.start(mode, port: port)
        defer { receiver.stop() }
        try await exporter.export()
        let rendered = try await receiver.export(1).rendered
        #expect(rendered == SnapshotFixtures.rendered(round: 3, serviceName: "otlp-test", extraResource: " deployment.environment=ci"))
    }

    /// The Service: its first export fails (receiver down), is retried with backoff until the
    /// receiver is up, and graceful shutdown flushes the totals recorded since.
    @Test(arguments: [OTLPReceiver.Mode.http, .grpc])
    func serviceRetriesAndFlushesOnShutdown(mode: OTLPReceiver.Mode) async throws {
        let port = try await OTLPReceiver.portOfStoppedReceiver(mode)
        let recorder = Recorder()
        let log = LogCapture()
        let exporter = OTLPMetricsExporter(
            configuration: try Self.configuration(mode, port: port), startTime: Self.start,
            retry: .init(initialBackoff: .milliseconds(100)), logger: log.logger, snapshot: recorder.source())
        let group = ServiceGroup(configuration: .init(services: [exporter], logger: Logger(label: "test")))
        async let running: Void = group.run()

        try await log.waitFor("OTLP metrics export failed; retrying")
        recorder.round.withLock { $0 = 2 }
        let receiver = try await OTLPReceiver.start(mode, port: port)
        defer { receiver.stop() }
        #expect(try await receiver.export(1).rendered
            == SnapshotFixtures.rendered(round: 2, serviceName: "otlp-test", extraResource: " deployment.environment=ci"))

        recorder.round.withLock { $0 = 5 }
        await group.triggerGracefulShutdown()
        try await running
        #expect(try await receiver.export(2).rendered
            == SnapshotFixtures.rendered(round: 5, serviceName: "otlp-test", extraResource: " deployment.environment=ci"))
        #expect(receiver.exportCount == 2)
    }
}

/// A swift-log handler that keeps the messages, so a test can wait for "the export failed".
final class LogCapture: Sendable {
    let messages = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "capture") { _ in Handler(capture: self) }
    }

    func waitFor(_ message: String) async throws {
        for _ in 0..<6000 {
            if messages.withLock({ $0.contains(message) }) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("no log message '\(message)' within 60 s; got \(messages.withLock { $0 })")
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            capture.messages.withLock { $0.append("\(event.message)") }
        }
    }
}
