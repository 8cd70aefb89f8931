/// Rules about stability and deprecation.
///
/// - A deprecated metric's `replacement` must name a metric of the compiled set — its `name` in the
///   same schema or a full name (with prefix) in any schema — and not the metric itself (error).
/// - A `stable` metric whose name ends in a unit (`_seconds`, `_bytes`, … before any `_total`) must
///   declare that `unit:` (error): consumers of a frozen metric read the unit from `# UNIT`.
/// - A `stable` metric's labels should be closed sets (warning `stable-open-label`, silenced per metric
///   with `no_lint` for labels whose values cannot be known, such as model names).
/// - Help is required of every metric already, so stable metrics need nothing more there.
enum LifecycleChecks {
    static func runAcross(_ schemas: [MetricSchema], into context: inout CheckContext) {
        var fullNames: Set<String> = []
        for schema in schemas { for metric in schema.metrics { fullNames.insert(schema.fullName(of: metric)) } }
        for schema in schemas {
            let names = Set(schema.metrics.map(\.name))
            for metric in schema.metrics {
                checkDeprecation(metric, schema: schema, names: names, fullNames: fullNames, into: &context)
                if metric.effectiveStability == .stable { checkStable(metric, into: &context) }
            }
        }
    }

    private static func checkDeprecation(
        _ metric: MetricDefinition, schema: MetricSchema, names: Set<String>, fullNames: Set<String>,
        into context: inout CheckContext
    ) {
        guard let deprecation = metric.deprecation else { return }
        if deprecation.since.allSatisfy({ $0 == " " || $0 == "\t" }) {
            context.error(
                "invalid-deprecation", "'since' must name the release in which '\(metric.name)' was deprecated",
                at: deprecation.location, hint: "for example 'since: \"1.4.0\"'")
        }
        guard let replacement = deprecation.replacement else { return }
        if replacement == metric.name || replacement == schema.fullName(of: metric) {
            context.error(
                "unknown-replacement", "deprecated metric '\(metric.name)' names itself as its replacement",
                at: deprecation.replacementLocation)
        } else if !names.contains(replacement), !fullNames.contains(replacement) {
            let candidates = Array(names) + Array(fullNames)
            context.error(
                "unknown-replacement",
                "the replacement '\(replacement)' of deprecated metric '\(metric.name)' is not a metric of these schemas",
                at: deprecation.replacementLocation,
                hint: Suggestions.didYouMean(replacement, in: candidates.sorted())
                    ?? "declare the replacement, or remove 'replacement' and say what to do in 'note'")
        }
    }

    private static func checkStable(_ metric: MetricDefinition, into context: inout CheckContext) {
        var stem = metric.name
        if stem.hasSuffix("_total") { stem.removeLast("_total".count) }
        if metric.unit == nil, let last = stem.split(separator: "_").last.map(String.init),
            ConventionChecks.baseUnits.contains(last), last != stem
        {
            context.error(
                "stable-unit", "stable metric '\(metric.name)' ends in the unit '\(last)' but does not declare it",
                at: metric.stabilityLocation ?? metric.nameLocation, hint: "add 'unit: \(last)'")
        }
        for label in metric.labels where label.values == nil {
            context.warning(
                "stable-open-label",
                "label '\(label.name)' of stable metric '\(metric.name)' has no closed set of values",
                at: label.location,
                hint: "list its 'values' if they are known, or add 'no_lint: [stable-open-label]' if they cannot be",
                for: metric)
        }
    }
}
