/// Turns an arbitrary string into a valid Prometheus metric name, as Dynamo's
/// `sanitize_prometheus_name` does: every character outside `[a-zA-Z0-9_:]` becomes `_`, and a
/// leading digit gets a `_` in front.
///
/// One quirk of Dynamo's is fixed: a leading `:` is valid in a metric name and is kept.
///
/// - Throws: ``MetricsError/cannotSanitize(_:reason:)`` for an empty input or one made only of
///   invalid characters.
public func sanitizePrometheusName(_ raw: String) throws(MetricsError) -> String {
    guard !raw.isEmpty else {
        throw .cannotSanitize(raw, reason: "Cannot sanitize empty string into valid Prometheus name")
    }
    var bytes = raw.unicodeScalars.map { scalar -> UInt8 in
        guard scalar.isASCII, NameRules.isNameByte(UInt8(scalar.value), first: false, colonAllowed: true) else {
            return UInt8(ascii: "_")
        }
        return UInt8(scalar.value)
    }
    if bytes.allSatisfy({ $0 == UInt8(ascii: "_") }) {
        throw .cannotSanitize(raw, reason: "Input '\(raw)' contains only invalid characters and cannot be sanitized into a valid Prometheus name")
    }
    if let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
        bytes.insert(UInt8(ascii: "_"), at: 0)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Turns an arbitrary string into a valid Prometheus label name, as Dynamo's
/// `sanitize_prometheus_label` does: every character outside `[a-zA-Z0-9_]` becomes `_`, the
/// reserved `__` prefix is removed, and a leading digit gets a `_` in front.
///
/// Dynamo's quirk `___x` → `__x` (a reserved name) is fixed: `__` prefixes are removed until none
/// is left, so `___x` → `_x`.
///
/// - Throws: ``MetricsError/cannotSanitize(_:reason:)`` for an empty input or one that is left
///   with nothing but underscores.
public func sanitizePrometheusLabel(_ raw: String) throws(MetricsError) -> String {
    guard !raw.isEmpty else {
        throw .cannotSanitize(raw, reason: "Cannot sanitize empty string into valid Prometheus label")
    }
    var bytes = raw.unicodeScalars.map { scalar -> UInt8 in
        guard scalar.isASCII, NameRules.isNameByte(UInt8(scalar.value), first: false, colonAllowed: false) else {
            return UInt8(ascii: "_")
        }
        return UInt8(scalar.value)
    }
    var start = 0
    while bytes.count - start >= 2, bytes[start] == UInt8(ascii: "_"), bytes[start + 1] == UInt8(ascii: "_") {
        start += 2
    }
    bytes.removeFirst(start)
    if bytes.allSatisfy({ $0 == UInt8(ascii: "_") }) {
        throw .cannotSanitize(raw, reason: "Input '\(raw)' contains only invalid characters and cannot be sanitized into a valid Prometheus label")
    }
    if let first = bytes.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) {
        bytes.insert(UInt8(ascii: "_"), at: 0)
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// `prefix + "_" + sanitizePrometheusName(name)`, Dynamo's `build_component_metric_name`.
///
/// Dynamo panics on an unsanitizable name; this throws instead.
public func buildComponentMetricName(
    _ name: String, prefix: String = PrometheusNames.Prefix.component
) throws(MetricsError) -> String {
    prefix + "_" + (try sanitizePrometheusName(name))
}

/// The frontend metric prefix from a `DYN_METRICS_PREFIX` value: sanitized, or
/// `dynamo_frontend` when it is empty or cannot be sanitized.
public func sanitizeFrontendPrefix(_ raw: String?) -> String {
    guard let raw, !raw.isEmpty, let sanitized = try? sanitizePrometheusName(raw) else {
        return PrometheusNames.Prefix.frontend
    }
    return sanitized
}
