import Foundation

/// The OTLP transport: gRPC (`MetricsService/Export`, Dynamo's only one) or protobuf over HTTP
/// (`POST …/v1/metrics`, OpenTelemetry's default).
public enum OTLPProtocol: String, Sendable, CaseIterable {
    case grpc = "grpc"
    case httpProtobuf = "http/protobuf"
}

/// Everything an ``OTLPMetricsExporter`` needs: where and how to send, how often, and the resource it
/// describes. Build it by hand or read it from the `OTEL_*` variables with ``fromEnvironment(_:defaultProtocol:defaultServiceName:)``.
public struct OTLPExportConfiguration: Sendable, Equatable {
    /// The full URL: for HTTP the `…/v1/metrics` URL posted to; for gRPC the server (scheme, host, port).
    public var endpoint: URL
    public var `protocol`: OTLPProtocol
    /// Time between exports (`OTEL_METRIC_EXPORT_INTERVAL`, default 60 s).
    public var interval: Duration
    /// Deadline of one export, connection included (`OTEL_EXPORTER_OTLP_[METRICS_]TIMEOUT`, default 10 s).
    public var timeout: Duration
    /// Extra request headers (HTTP) or metadata (gRPC), in order (`OTEL_EXPORTER_OTLP_[METRICS_]HEADERS`).
    public var headers: [(name: String, value: String)]
    /// Resource attributes in order; `service.name` first (`OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`).
    public var resourceAttributes: [(key: String, value: String)]

    public init(
        endpoint: URL, protocol: OTLPProtocol, interval: Duration = .seconds(60), timeout: Duration = .seconds(10),
        headers: [(name: String, value: String)] = [], serviceName: String,
        resourceAttributes: [(key: String, value: String)] = []
    ) {
        self.endpoint = endpoint
        self.protocol = `protocol`
        self.interval = interval
        self.timeout = timeout
        self.headers = headers
        self.resourceAttributes = [("service.name", serviceName)] + resourceAttributes.filter { $0.key != "service.name" }
    }

    /// `service.name` of the resource.
    public var serviceName: String { resourceAttributes.first { $0.key == "service.name" }?.value ?? "" }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.endpoint == rhs.endpoint && lhs.protocol == rhs.protocol && lhs.interval == rhs.interval
            && lhs.timeout == rhs.timeout && lhs.headers.elementsEqual(rhs.headers, by: ==)
            && lhs.resourceAttributes.elementsEqual(rhs.resourceAttributes, by: ==)
    }
}
