import Foundation

/// The OpenTelemetry environment variables this exporter reads, with the OTLP exporter
/// specification's precedence (the metrics-specific variable wins over the generic one) and Dynamo's
/// semantics (`lib/runtime/src/metrics/otlp_export.rs`): export only when `OTEL_METRICS_EXPORTER`
/// names `otlp`; a protocol other than `grpc`/`http/protobuf` is an error, never a silent fallback.
public enum OTLPEnvironment {
    public static let metricsExporter = "OTEL_METRICS_EXPORTER"
    public static let metricsEndpoint = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"
    public static let endpoint = "OTEL_EXPORTER_OTLP_ENDPOINT"
    public static let metricsProtocol = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL"
    public static let `protocol` = "OTEL_EXPORTER_OTLP_PROTOCOL"
    public static let exportInterval = "OTEL_METRIC_EXPORT_INTERVAL"
    public static let metricsTimeout = "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT"
    public static let timeout = "OTEL_EXPORTER_OTLP_TIMEOUT"
    public static let metricsHeaders = "OTEL_EXPORTER_OTLP_METRICS_HEADERS"
    public static let headers = "OTEL_EXPORTER_OTLP_HEADERS"
    public static let serviceName = "OTEL_SERVICE_NAME"
    public static let resourceAttributes = "OTEL_RESOURCE_ATTRIBUTES"

    /// The value of the first of `names` that is set to something other than blanks, and its name.
    static func first(_ names: [String], in environment: [String: String]) -> (name: String, value: String)? {
        for name in names {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                return (name, value)
            }
        }
        return nil
    }

    /// A positive number of milliseconds.
    static func milliseconds(_ names: [String], in environment: [String: String], default value: Duration) throws(OTLPConfigurationError) -> Duration {
        guard let (name, text) = first(names, in: environment) else { return value }
        guard let millis = Int64(text), millis > 0 else {
            throw .invalidValue(variable: name, value: text, reason: "expected a positive whole number of milliseconds, e.g. 60000")
        }
        return .milliseconds(millis)
    }

    /// `key1=value1,key2=value2` with percent-encoded values (W3C Baggage-like, as the spec says for
    /// headers and resource attributes). Blank entries are skipped; an entry without `=` or with an
    /// empty key is an error.
    static func keyValueList(_ name: String, _ text: String) throws(OTLPConfigurationError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                throw .invalidValue(variable: name, value: text, reason: "entry '\(trimmed)' has no '='; expected key1=value1,key2=value2")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let rawValue = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else {
                throw .invalidValue(variable: name, value: text, reason: "entry '\(trimmed)' has an empty key")
            }
            guard let value = rawValue.removingPercentEncoding else {
                throw .invalidValue(variable: name, value: text, reason: "value of '\(key)' is not valid percent-encoding")
            }
            pairs.append((key, value))
        }
        return pairs
    }
}

extension OTLPExportConfiguration {
    /// The export the `OTEL_*` variables describe, or `nil` when `OTEL_METRICS_EXPORTER` does not name
    /// `otlp` (export is opt-in, as in Dynamo; Prometheus scraping is unaffected either way).
    ///
    /// - Parameters:
    ///   - environment: the variables to read; by default the process's environment.
    ///   - defaultProtocol: used when neither protocol variable is set. `.grpc` is Dynamo's behaviour
    ///     (it only speaks gRPC, so a Dynamo deployment's `OTEL_EXPORTER_OTLP_ENDPOINT` points at a
    ///     gRPC port); the OpenTelemetry specification's default is `.httpProtobuf`.
    ///   - defaultServiceName: `service.name` when neither `OTEL_SERVICE_NAME` nor a `service.name` in
    ///     `OTEL_RESOURCE_ATTRIBUTES` is set; the specification's `unknown_service:<executable>`.
    /// - Throws: ``OTLPConfigurationError`` naming the variable whose value is unusable.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        defaultProtocol: OTLPProtocol = .grpc,
        defaultServiceName: String = "unknown_service:" + ProcessInfo.processInfo.processName
    ) throws(OTLPConfigurationError) -> OTLPExportConfiguration? {
        typealias Env = OTLPEnvironment
        guard let exporters = environment[Env.metricsExporter],
              exporters.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == "otlp" })
        else { return nil }

        var transport = defaultProtocol
        if let (name, value) = Env.first([Env.metricsProtocol, Env.protocol], in: environment) {
            guard let known = OTLPProtocol(rawValue: value.lowercased()) else {
                throw .unsupportedProtocol(variable: name, value: value)
            }
            transport = known
        }

        let endpoint: URL
        if let (name, value) = Env.first([Env.metricsEndpoint], in: environment) {
            endpoint = try url(name, value)  // signal-specific: used as is
        } else if let (name, value) = Env.first([Env.endpoint], in: environment) {
            endpoint = try url(name, transport == .grpc ? value : appendingMetricsPath(to: value))
        } else {
            endpoint = try url("default", transport == .grpc ? "http://localhost:4317" : "http://localhost:4318/v1/metrics")
        }

        let interval = try Env.milliseconds([Env.exportInterval], in: environment, default: .seconds(60))
        let timeout = try Env.milliseconds([Env.metricsTimeout, Env.timeout], in: environment, default: .seconds(10))

        var headers: [(name: String, value: String)] = []
        if let (name, value) = Env.first([Env.metricsHeaders, Env.headers], in: environment) {
            headers = try Env.keyValueList(name, value).map { (name: $0.0, value: $0.1) }
        }

        var attributes: [(key: String, value: String)] = []
        if let (name, value) = Env.first([Env.resourceAttributes], in: environment) {
            attributes = try Env.keyValueList(name, value).map { (key: $0.0, value: $0.1) }
        }
        let serviceName = Env.first([Env.serviceName], in: environment)?.value
            ?? attributes.last { $0.key == "service.name" }?.value
            ?? defaultServiceName

        return OTLPExportConfiguration(
            endpoint: endpoint, protocol: transport, interval: interval, timeout: timeout, headers: headers,
            serviceName: serviceName, resourceAttributes: attributes)
    }

    /// An `http`/`https` URL with a host.
    private static func url(_ name: String, _ value: String) throws(OTLPConfigurationError) -> URL {
        guard let url = URL(string: value), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else {
            throw .invalidValue(variable: name, value: value, reason: "expected an http:// or https:// URL with a host, e.g. http://localhost:4317")
        }
        return url
    }

    /// The specification's per-signal URL: the base URL's path with `v1/metrics` appended.
    private static func appendingMetricsPath(to base: String) -> String {
        base.hasSuffix("/") ? base + "v1/metrics" : base + "/v1/metrics"
    }
}
