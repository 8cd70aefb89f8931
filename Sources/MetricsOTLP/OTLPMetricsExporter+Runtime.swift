import Foundation
import Logging
import MetricsRuntime

extension OTLPMetricsExporter {
    /// Exports the whole runtime (`runtime.metrics.snapshot()`: the same families, merge and order as
    /// `/metrics`), with points accumulated since `runtime.startTime`.
    public convenience init(
        runtime: MetricsRuntime, configuration: OTLPExportConfiguration, retry: RetryPolicy = .init(),
        logger: Logger = Logger(label: "MetricsOTLP")
    ) {
        self.init(
            configuration: configuration, startTime: Date(timeIntervalSince1970: runtime.startTime), retry: retry, logger: logger,
            snapshot: { try runtime.metrics.snapshot() })
    }

    /// The exporter the `OTEL_*` variables describe for `runtime`, or `nil` when
    /// `OTEL_METRICS_EXPORTER` does not name `otlp` (see ``OTLPExportConfiguration/fromEnvironment(_:defaultProtocol:defaultServiceName:)``).
    public static func fromEnvironment(
        runtime: MetricsRuntime, environment: [String: String] = ProcessInfo.processInfo.environment,
        defaultProtocol: OTLPProtocol = .grpc, logger: Logger = Logger(label: "MetricsOTLP")
    ) throws(OTLPConfigurationError) -> OTLPMetricsExporter? {
        guard let configuration = try OTLPExportConfiguration.fromEnvironment(environment, defaultProtocol: defaultProtocol) else {
            return nil
        }
        return OTLPMetricsExporter(runtime: runtime, configuration: configuration, logger: logger)
    }
}
