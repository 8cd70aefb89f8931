import Foundation
import MetricsSchema

/// The PromQL a metric is usually read with, shared by the recording rules and the dashboard so
/// both always agree: rates of counters, quantiles of histograms, gauges as they are.
///
/// Series are summed `by` the schema's own labels, so per-process and hierarchy labels
/// (`instance`, `dynamo_namespace`, …) are aggregated away.
struct QueryPlan {
    /// The quantiles computed for every histogram.
    static let quantiles: [(name: String, value: String)] = [("p50", "0.5"), ("p90", "0.9"), ("p99", "0.99")]
    /// The range of `rate()`.
    static let window = "5m"

    let schema: MetricSchema
    let metric: MetricDefinition

    var fullName: String { schema.fullName(of: metric) }

    /// The record-name stem: the full name, with a `prefix_parameter` spelled as its name
    /// (`dynamo_component_<tracker>_tasks_issued_total` → `dynamo_component_tracker_tasks_issued_total`).
    private var recordStem: String {
        guard let parameter = schema.prefixParameter else { return fullName }
        return fullName.replacingOccurrences(of: "<\(parameter.name)>", with: parameter.name)
    }

    /// The series selector of the metric's `suffix` series (`""`, `"_bucket"`). With a
    /// `prefix_parameter` the name is known only at bind time, so every value is matched by a
    /// `__name__` regex (and the queries sum over them).
    private func selector(_ suffix: String = "") -> String {
        guard let parameter = schema.prefixParameter else { return fullName + suffix }
        let pattern = fullName.replacingOccurrences(of: "<\(parameter.name)>", with: "[a-zA-Z0-9_]+")
        return "{__name__=~\"\(pattern)\(suffix)\"}"
    }

    /// `by (a, b) ` (with a trailing space), or "" for a metric without labels.
    private func by(_ extra: [String] = []) -> String {
        let labels = extra + metric.labels.map(\.name)
        return labels.isEmpty ? "" : "by (" + labels.joined(separator: ", ") + ") "
    }

    /// One (record name, expression, legend) per query of the metric.
    var queries: [(record: String, expression: String, legend: String)] {
        let legend = metric.labels.isEmpty ? fullName : metric.labels.map { "{{\($0.name)}}" }.joined(separator: " ")
        switch metric.type {
        case .counter:
            let base = recordStem.hasSuffix("_total") ? String(recordStem.dropLast("_total".count)) : recordStem
            return [("\(base):rate\(Self.window)", "sum \(by())(rate(\(selector())[\(Self.window)]))", legend)]
        case .histogram:
            return Self.quantiles.map { quantile in
                (
                    "\(recordStem):\(quantile.name):rate\(Self.window)",
                    "histogram_quantile(\(quantile.value), sum \(by(["le"]))(rate(\(selector("_bucket"))[\(Self.window)])))",
                    quantile.name + (metric.labels.isEmpty ? "" : " " + legend)
                )
            }
        case .gauge:
            return [("\(recordStem):sum", "sum \(by())(\(selector()))", legend)]
        }
    }

    /// Grafana's unit id for what the queries return.
    var grafanaUnit: String {
        switch (metric.type, metric.unit) {
        case (.counter, "bytes"): "Bps"
        case (.counter, "seconds"): "s"
        case (.counter, _): "ops"
        case (_, "seconds"): "s"
        case (_, "bytes"): "bytes"
        case (_, "ratio"): "percentunit"
        case (_, "celsius"): "celsius"
        default: "short"
        }
    }
}
