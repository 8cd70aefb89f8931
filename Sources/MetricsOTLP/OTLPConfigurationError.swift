/// Why the `OTEL_*` environment does not describe a usable OTLP metrics export. Every case names the
/// variable, the value found and how to fix it.
public enum OTLPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The variable is set but its value cannot be used (`reason` says what is expected).
    case invalidValue(variable: String, value: String, reason: String)
    /// The protocol is not one this exporter implements (`grpc`, `http/protobuf`).
    case unsupportedProtocol(variable: String, value: String)

    public var description: String {
        switch self {
        case .invalidValue(let variable, let value, let reason):
            "\(variable)=\(value) is invalid: \(reason)"
        case .unsupportedProtocol(let variable, let value):
            "\(variable)=\(value) is not supported for metrics; supported protocols: "
                + OTLPProtocol.allCases.map(\.rawValue).joined(separator: ", ")
                + ". Set \(OTLPEnvironment.metricsProtocol)=grpc or http/protobuf to override."
        }
    }
}
