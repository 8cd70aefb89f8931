import Logging
import MetricsOTLP
import MetricsRuntime
import MetricsServer
import SeedExample
import ServiceLifecycle

import Foundation

/// `metrics-demo`: records a counter, a labeled counter, a gauge and a histogram with known values,
/// prints the exposition, and serves it while `DYN_SYSTEM_PORT` is set (until SIGINT/SIGTERM).
///
/// With `DYN_SYSTEM_PORT=0` the chosen port is printed as `listening on port N` so scripts can find it.
/// `--openmetrics` prints the OpenMetrics exposition instead of text 0.0.4.
/// With `OTEL_METRICS_EXPORTER=otlp` (and the other `OTEL_*` variables, docs/otlp.md) it also pushes
/// the metrics over OTLP until stopped, with a final export on SIGTERM/SIGINT.
/// `--example` records the developer guide's example (`schemas/example.metrics.yaml`) on
/// `my_namespace` → `my_component` → `my_endpoint` instead of the demo's own metrics.
@main
struct MetricsDemo {
    static func main() async {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "metrics-demo")
        var configuration = MetricsConfiguration()
        // The runtime has no logging dependency: route its errors to swift-log here.
        configuration.errorHandler = { error in logger.error("metrics runtime: \(error)") }
        let runtime = MetricsRuntime(configuration: configuration)
        do {
            let pipeline: String
            if CommandLine.arguments.contains("--example") {
                SeedExample.record(on: runtime.namespace("my_namespace").component("my_component").endpoint("my_endpoint"))
                pipeline = "schemas/example.metrics.yaml → ExampleMetrics (module SeedExample), bound to my_namespace/my_component/my_endpoint"
            } else {
                DemoMetrics(runtime: runtime).recordKnownValues()
                pipeline = "Sources/MetricsDemo/demo.metrics.yaml → DemoEndpointMetrics, bound to demo/worker/generate"
            }
            let format: ExpositionFormat =
                CommandLine.arguments.contains("--openmetrics") ? .openMetrics : .prometheusText
            // On standard error, so that standard output stays a valid exposition (`| promtool check metrics`).
            let formatName = format == .openMetrics ? "OpenMetrics 1.0" : "Prometheus text 0.0.4"
            FileHandle.standardError.write(Data(
                ("metrics-demo: schema \(pipeline) (accessors generated at build time by MetricsSchemaPlugin)"
                    + " → recorded into MetricsRuntime → exposed as \(formatName):\n").utf8))
            print(try runtime.metrics.exposition(format: format), terminator: "")
            var services: [any Service] = []
            if let exporter = try OTLPMetricsExporter.fromEnvironment(runtime: runtime, logger: logger) {
                logger.info(
                    "exporting metrics over OTLP",
                    metadata: ["endpoint": "\(exporter.configuration.endpoint)", "protocol": "\(exporter.configuration.protocol.rawValue)"])
                services.append(exporter)
            }
            if let server = try await MetricsServer.start(runtime: runtime, logger: logger) {
                server.setReady(true)
                print("listening on port \(server.boundPort)")
                services.append(server)
            }
            fflush(nil)  // all streams: scripts wait for this line
            if services.isEmpty { return }
            let group = ServiceGroup(
                configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            )
            try await group.run()
        } catch {
            logger.error("metrics-demo failed: \(error)")
            exit(1)
        }
    }
}
