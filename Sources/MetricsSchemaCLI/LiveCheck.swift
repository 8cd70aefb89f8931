import MetricsExpositionParser
import MetricsSchema

/// Compares a scraped exposition with the schemas (`metrics-schema check-live`).
///
/// Violations (errors): a declared family exposed with another type, label names other than the
/// schema's (the runtime's automatic hierarchy labels and the metric's constant labels are allowed
/// on top; constant labels must be present), values outside a closed set, other bucket bounds than
/// the schema's explicit ones, an OpenMetrics `# UNIT` other than the schema's. Warnings (errors with
/// `--strict`): families no schema declares, declared families absent from the exposition (one
/// warning per schema when none of its families is exposed: a scrape covers one process).
///
/// A declared label missing from a series is accepted when its closed set contains the empty
/// value: Prometheus stores an empty label value as an absent label (this runtime leaves it out,
/// Dynamo writes `error_type=""`). Log buckets with `env:` are compared with the bounds the
/// process computed from its environment, given with `--env NAME=VALUE` (the schema's defaults
/// otherwise).
struct LiveCheck {
    /// Labels the runtime adds by itself (hierarchy) on top of a schema's labels.
    static let automaticLabels: Set<String> = Set(MetricSchema.reservedLabelNames).subtracting(["le", "quantile"])

    var diagnostics: [Diagnostic] = []
    var declared = 0
    var seen = 0

    /// The process environment `--env` describes, for log buckets with `env:`.
    let environment: [String: String]

    init(schemas: [MetricSchema], exposition: ParsedExposition, source: String, environment: [String: String] = [:]) {
        self.environment = environment
        var declaredNames: Set<String> = []
        for schema in schemas {
            let present = schema.metrics.filter { exposition.family(named: schema.fullName(of: $0)) != nil }.count
            if present == 0, !schema.metrics.isEmpty {
                declared += schema.metrics.count
                declaredNames.formUnion(schema.metrics.map { schema.fullName(of: $0) })
                let count = schema.metrics.count
                diagnostics.append(Diagnostic(
                    .warning, code: "live-absent",
                    "none of the \(count) famil\(count == 1 ? "y" : "ies") of '\(schema.typeName)' is exposed by \(source)",
                    at: schema.typeNameLocation, hint: "check the schemas of the process that was scraped"))
                continue
            }
            for metric in schema.metrics {
                let fullName = schema.fullName(of: metric)
                declaredNames.insert(fullName)
                declared += 1
                guard let family = exposition.family(named: fullName) else {
                    diagnostics.append(Diagnostic(
                        .warning, code: "live-absent", "'\(fullName)' is declared but absent from \(source)", at: metric.nameLocation,
                        hint: "the process may not have created it yet, or it is not registered"))
                    continue
                }
                seen += 1
                check(metric, fullName: fullName, family: family, source: source)
            }
        }
        for family in exposition.families where !declaredNames.contains(family.name) && !declaredNames.contains(family.valueSampleName) {
            diagnostics.append(Diagnostic(
                .warning, code: "live-undeclared", "family '\(family.valueSampleName)' (\(family.type.rawValue)) is not declared by any schema",
                at: SourceLocation(file: source, line: max(1, family.series.first?.line ?? 1), column: 1)))
        }
    }

    /// `seen of declared families seen (P%)`.
    var coverage: String {
        let percent = declared == 0 ? 100 : seen * 100 / declared
        return "coverage: \(seen) of \(declared) declared families seen (\(percent)%)"
    }

    private mutating func check(_ metric: MetricDefinition, fullName: String, family: ParsedFamily, source: String) {
        func violation(_ code: String, _ message: String, line: Int?, at location: SourceLocation? = nil) {
            diagnostics.append(Diagnostic(
                .error, code: code, "'\(fullName)': " + message + (line.map { " (\(source) line \($0))" } ?? ""),
                at: location ?? metric.nameLocation))
        }
        let expected: ParsedValueKind = switch metric.type {
        case .counter: .counter
        case .gauge: .gauge
        case .histogram: .histogram
        }
        if family.kind != expected || !family.declared {
            violation("live-type", "exposed as \(family.type.rawValue), declared \(metric.type.rawValue)", line: family.series.first?.line, at: metric.typeLocation)
            return
        }
        if let unit = family.unit, unit != metric.unit {
            violation("live-unit", "exposed with unit '\(unit)', declared \(metric.unit.map { "'\($0)'" } ?? "without a unit")", line: family.series.first?.line, at: metric.unitLocation)
        }
        let labelNames = Set(metric.labels.map(\.name))
        let constants = Set(metric.constantLabels.map(\.name))
        var reported: Set<String> = []
        for series in family.series {
            let names = Set(series.labels.map(\.name))
            let extra = names.subtracting(labelNames).subtracting(constants).subtracting(Self.automaticLabels)
            let missing = labelNames.union(constants).subtracting(names).filter { name in
                !(metric.labels.first { $0.name == name }?.values?.contains("") ?? false)
            }
            if !extra.isEmpty || !missing.isEmpty {
                let key = "labels:" + extra.sorted().joined(separator: ",") + "|" + missing.sorted().joined(separator: ",")
                if reported.insert(key).inserted {
                    var parts: [String] = []
                    if !extra.isEmpty { parts.append("undeclared label\(extra.count == 1 ? "" : "s") " + extra.sorted().map { "'\($0)'" }.joined(separator: ", ")) }
                    if !missing.isEmpty { parts.append("missing label\(missing.count == 1 ? "" : "s") " + missing.sorted().map { "'\($0)'" }.joined(separator: ", ")) }
                    violation("live-labels", parts.joined(separator: " and "), line: series.line)
                }
            }
            for label in metric.labels {
                guard let values = label.values, let value = series.label(label.name), !values.contains(value) else { continue }
                if reported.insert("value:\(label.name)=\(value)").inserted {
                    violation("live-value", "label '\(label.name)' has value '\(value)' outside its closed set", line: series.line, at: label.location)
                }
            }
            if case .histogram(let histogram) = series.value, let buckets = metric.buckets,
                let bounds = LiveBuckets.bounds(of: buckets, environment: environment)
            {
                let exposed = histogram.finiteBuckets.map(\.upperBound)
                if exposed != bounds, reported.insert("buckets").inserted {
                    let message = "exposed with buckets \(exposed), declared \(bounds)"
                    let hint = LiveBuckets.hint(for: buckets, exposed: exposed, environment: environment)
                    diagnostics.append(Diagnostic(
                        .error, code: "live-buckets", "'\(fullName)': " + message + " (\(source) line \(series.line))",
                        at: metric.bucketsLocation, hint: hint))
                }
            }
        }
    }
}
