/// The kind of instrument behind a metric family.
enum InstrumentKind: Sendable, Equatable {
    case counter, intCounter, gauge, intGauge, histogram

    /// The Prometheus `# TYPE`.
    var typeName: String {
        switch self {
        case .counter, .intCounter: return "counter"
        case .gauge, .intGauge: return "gauge"
        case .histogram: return "histogram"
        }
    }

    /// The Swift instrument type, for messages.
    var swiftName: String {
        switch self {
        case .counter: return "Counter"
        case .intCounter: return "IntCounter"
        case .gauge: return "Gauge"
        case .intGauge: return "IntGauge"
        case .histogram: return "Histogram"
        }
    }
}

/// Everything that defines a metric family: registering an identical descriptor again returns the
/// existing instrument; the same name with any other difference is a conflict.
struct MetricDescriptor: Sendable, Equatable {
    /// The full name, prefix included.
    let name: String
    let kind: InstrumentKind
    let help: String
    /// Variable label names, in the order values are given.
    let labelNames: [String]
    /// Histogram bounds (defaults filled in), `nil` for other kinds.
    let buckets: [Double]?
    let unit: String?

    /// What differs from `other`, phrased for ``MetricsError/conflictingRegistration(metric:difference:)``.
    func difference(from other: MetricDescriptor) -> String? {
        // `self` is the existing definition and is named first.
        if kind != other.kind {
            return "type \(kind.swiftName) (\(kind.typeName)), not \(other.kind.swiftName) (\(other.kind.typeName))"
        }
        if help != other.help { return "help \"\(help)\", not \"\(other.help)\"" }
        if labelNames != other.labelNames {
            return "label names [\(labelNames.joined(separator: ", "))], not [\(other.labelNames.joined(separator: ", "))]"
        }
        if buckets != other.buckets {
            let format = { (b: [Double]?) in (b ?? []).map(FloatFormat.prometheus).joined(separator: ", ") }
            return "buckets [\(format(buckets))], not [\(format(other.buckets))]"
        }
        if unit != other.unit { return "unit '\(unit ?? "")', not '\(other.unit ?? "")'" }
        return nil
    }

    /// The OpenMetrics family name: a counter's name without its `_total` suffix.
    var openMetricsFamilyName: String {
        if kind.typeName == "counter", name.hasSuffix("_total") { return String(name.dropLast(6)) }
        return name
    }

    /// Every name this family writes in either format: its name, the OpenMetrics family name and
    /// every sample name (`_total`, `_created`, `_bucket`, `_sum`, `_count`).
    /// In a fixed order, so the clash that is reported is the same in every process.
    var exposedNames: [String] {
        switch kind {
        case .counter, .intCounter:
            let family = openMetricsFamilyName
            return family == name ? [name, name + "_total", name + "_created"] : [family, name, family + "_created"]
        case .gauge, .intGauge:
            return [name]
        case .histogram:
            return [name, name + "_bucket", name + "_sum", name + "_count", name + "_created"]
        }
    }

    /// Checks names, help, labels, buckets and unit; `fixedLabels` are the automatic and
    /// constant labels of the series, `reserved` the automatic label names.
    func validate(constantLabels: [(String, String)], reserved: [String]) throws(MetricsError) {
        guard NameRules.isValidMetricName(name) else { throw .invalidMetricName(name) }
        guard !help.isEmpty else { throw .emptyHelp(metric: name) }
        var seen = Set<String>()
        for label in labelNames + constantLabels.map(\.0) {
            guard NameRules.isValidLabelName(label) else { throw .invalidLabelName(label, metric: name) }
            if label.hasPrefix("__") {
                throw .reservedLabelName(label, metric: name, reason: "names starting with '__' are reserved for Prometheus itself")
            }
            if reserved.contains(label) {
                throw .reservedLabelName(label, metric: name, reason: "it is added automatically by the runtime hierarchy")
            }
            if label == "quantile" {
                throw .reservedLabelName(label, metric: name, reason: "'quantile' is reserved for summary quantiles")
            }
            if label == "le", kind == .histogram {
                throw .reservedLabelName(label, metric: name, reason: "'le' holds the bucket bound of histograms")
            }
            guard seen.insert(label).inserted else { throw .duplicateLabelName(label, metric: name) }
        }
        if let buckets, let problem = Buckets.problem(in: buckets) {
            throw .invalidBuckets(metric: name, problem: problem)
        }
        if let unit {
            guard NameRules.isValidUnit(unit) else {
                throw .invalidUnit(unit, metric: name, reason: "a unit is made of letters, digits and inner '_'")
            }
            guard openMetricsFamilyName.hasSuffix("_" + unit) else {
                throw .invalidUnit(unit, metric: name, reason: "OpenMetrics requires the name to end with '_\(unit)'")
            }
        }
    }
}
