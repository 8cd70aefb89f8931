/// Sends one export request and returns the receiver's response; throws ``OTLPExportError`` when the
/// receiver could not be reached, answered with an error, or `timeout` passed.
protocol OTLPTransport: Sendable {
    func export(
        _ request: Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest, timeout: Duration
    ) async throws -> Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceResponse
}

/// Why one export did not reach the receiver. The exporter logs it and retries with a fresh snapshot.
public enum OTLPExportError: Error, Sendable, CustomStringConvertible {
    /// The snapshot source threw.
    case snapshotFailed(String)
    /// The HTTP receiver answered with a non-2xx status (`body`: the start of its reply).
    case httpStatus(code: UInt, body: String)
    /// The transport failed: connection refused or reset, deadline exceeded, gRPC status.
    case transport(String)

    public var description: String {
        switch self {
        case .snapshotFailed(let reason): "OTLP metrics collection failed: \(reason)"
        case .httpStatus(let code, let body): "OTLP receiver answered HTTP \(code): \(body)"
        case .transport(let reason): "OTLP export failed: \(reason)"
        }
    }
}
