import Foundation
import Testing

/// One ExportMetricsServiceRequest as the Python receiver decoded it (protobuf JSON mapping), with
/// the request headers (HTTP) or metadata (gRPC).
struct ReceivedExport {
    let headers: [String: String]
    let request: [String: Any]

    init(headersJSON: String, requestJSON: String) throws {
        headers = try #require(try JSONSerialization.jsonObject(with: Data(headersJSON.utf8)) as? [String: String])
        request = try #require(try JSONSerialization.jsonObject(with: Data(requestJSON.utf8)) as? [String: Any])
    }

    /// Every point's `start_time_unix_nano` and `time_unix_nano` (decimal strings in the JSON mapping).
    var pointTimes: [(start: UInt64, time: UInt64)] {
        points.map { point in
            (UInt64(point["start_time_unix_nano"] as? String ?? "") ?? 0, UInt64(point["time_unix_nano"] as? String ?? "") ?? 0)
        }
    }

    private var scopeMetrics: [[String: Any]] {
        (request["resource_metrics"] as? [[String: Any]] ?? []).flatMap { $0["scope_metrics"] as? [[String: Any]] ?? [] }
    }

    private var metrics: [[String: Any]] { scopeMetrics.flatMap { $0["metrics"] as? [[String: Any]] ?? [] } }

    private var points: [[String: Any]] {
        metrics.flatMap { metric in
            ["sum", "gauge", "histogram", "summary"].flatMap {
                (metric[$0] as? [String: Any])?["data_points"] as? [[String: Any]] ?? []
            }
        }
    }

    /// A line per resource, scope, metric and point, without timestamps (see `pointTimes`):
    /// kinds, temporality, monotonicity, attributes and exact values as the receiver decoded them.
    var rendered: String {
        var out = ""
        for resourceMetrics in request["resource_metrics"] as? [[String: Any]] ?? [] {
            let resource = resourceMetrics["resource"] as? [String: Any] ?? [:]
            out += "resource " + Self.attributes(resource["attributes"], separator: " ") + "\n"
            for scopeMetrics in resourceMetrics["scope_metrics"] as? [[String: Any]] ?? [] {
                let scope = scopeMetrics["scope"] as? [String: Any] ?? [:]
                out += "scope \(scope["name"] ?? "") \(scope["version"] ?? "")\n"
                for metric in scopeMetrics["metrics"] as? [[String: Any]] ?? [] {
                    out += Self.render(metric)
                }
            }
        }
        return out
    }

    private static func render(_ metric: [String: Any]) -> String {
        let name = metric["name"] as? String ?? ""
        let tail = "help=\"\(metric["description"] as? String ?? "")\" unit=\"\(metric["unit"] as? String ?? "")\""
        func temporality(_ data: [String: Any]) -> String {
            data["aggregation_temporality"] as? String == "AGGREGATION_TEMPORALITY_CUMULATIVE" ? " cumulative" : " NOT-cumulative"
        }
        func pointLines(_ data: [String: Any], _ value: ([String: Any]) -> String) -> String {
            (data["data_points"] as? [[String: Any]] ?? []).map { "  {\(attributes($0["attributes"], separator: ","))} \(value($0))\n" }.joined()
        }
        if let sum = metric["sum"] as? [String: Any] {
            let monotonic = sum["is_monotonic"] as? Bool == true ? " monotonic" : ""
            return "sum \(name)\(monotonic)\(temporality(sum)) \(tail)\n" + pointLines(sum, number)
        }
        if let gauge = metric["gauge"] as? [String: Any] {
            return "gauge \(name) \(tail)\n" + pointLines(gauge, number)
        }
        if let histogram = metric["histogram"] as? [String: Any] {
            return "histogram \(name)\(temporality(histogram)) \(tail)\n" + pointLines(histogram) { point in
                let bounds = (point["explicit_bounds"] as? [Double] ?? []).map { "\($0)" }.joined(separator: ", ")
                let counts = (point["bucket_counts"] as? [String] ?? []).joined(separator: ", ")
                return "count \(point["count"] as? String ?? "0") sum \(double(point["sum"])) bounds [\(bounds)] counts [\(counts)]"
            }
        }
        if let summary = metric["summary"] as? [String: Any] {
            return "summary \(name) \(tail)\n" + pointLines(summary) { point in
                let quantiles = (point["quantile_values"] as? [[String: Any]] ?? [])
                    .map { "\(double($0["quantile"])): \(double($0["value"]))" }.joined(separator: ", ")
                return "count \(point["count"] as? String ?? "0") sum \(double(point["sum"])) quantiles [\(quantiles)]"
            }
        }
        return "UNKNOWN \(name)\n"
    }

    private static func number(_ point: [String: Any]) -> String {
        if let int = point["as_int"] as? String { return "int \(int)" }
        if point["as_double"] != nil { return "double \(double(point["as_double"]))" }
        return "NO-VALUE"
    }

    private static func double(_ value: Any?) -> String {
        if let number = value as? NSNumber { return "\(number.doubleValue)" }
        return value.map { "\($0)" } ?? "0.0"  // absent = default 0; NaN/Infinity arrive as strings
    }

    private static func attributes(_ list: Any?, separator: String) -> String {
        (list as? [[String: Any]] ?? []).map { attribute in
            let value = (attribute["value"] as? [String: Any])?["string_value"] as? String ?? "NOT-A-STRING"
            return "\(attribute["key"] as? String ?? "")=\(value)"
        }.joined(separator: separator)
    }
}
