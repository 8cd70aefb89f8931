/// Errors about names: metric names, label names, the prefix, the unit and the Swift type name.
enum NameChecks {
    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        checkPrefix(schema, into: &context)
        checkTypeName(schema, into: &context)
        for metric in schema.metrics {
            checkMetricName(metric, into: &context)
            let reserved = schema.reservedLabelNames
            for label in metric.labels { checkLabelName(label.name, at: label.location, reserved: reserved, into: &context) }
            for label in metric.constantLabels {
                checkLabelName(label.name, at: label.location, reserved: reserved, into: &context)
            }
            if let unit = metric.unit, !PrometheusSyntax.isValidLabelName(unit) || unit.hasPrefix("_") {
                context.error(
                    "invalid-unit", "invalid unit '\(unit)'", at: metric.unitLocation,
                    hint: "a unit is a lower-case word such as 'seconds' or 'bytes'")
            }
        }
    }

    private static func checkPrefix(_ schema: MetricSchema, into context: inout CheckContext) {
        let prefix = schema.prefix
        guard !prefix.isEmpty else { return }
        if !PrometheusSyntax.isValidLabelName(prefix) {
            context.error(
                "invalid-prefix", "invalid prefix '\(prefix)'", at: schema.prefixLocation,
                hint: "use letters, digits and underscores, not starting with a digit; \"\" means no prefix")
        } else if prefix.hasSuffix("_") {
            context.error(
                "invalid-prefix", "prefix '\(prefix)' must not end with '_'", at: schema.prefixLocation,
                hint: "the runtime adds the '_' between prefix and name")
        }
    }

    private static func checkTypeName(_ schema: MetricSchema, into context: inout CheckContext) {
        let name = schema.typeName
        if name.isEmpty {
            context.error(
                "invalid-type-name", "cannot derive a Swift type name from the file name", at: schema.typeNameLocation,
                hint: "add 'type_name: MyMetrics'")
        } else if !SwiftNames.isIdentifier(name) || SwiftNames.keywords.contains(name) {
            context.error(
                "invalid-type-name", "type_name '\(name)' is not a valid Swift type name", at: schema.typeNameLocation,
                hint: "use letters, digits and underscores, for example 'FrontendMetrics'")
        } else if SwiftNames.reservedTypeNames.contains(name) {
            context.error(
                "invalid-type-name", "type_name '\(name)' would shadow a type the generated code uses",
                at: schema.typeNameLocation, hint: "use a more specific name, for example '\(name)Metrics'")
        }
    }

    private static func checkMetricName(_ metric: MetricDefinition, into context: inout CheckContext) {
        let name = metric.name
        if !PrometheusSyntax.isValidMetricName(name) {
            let suggestion = SwiftNames.words(name).joined(separator: "_").lowercased()
            context.error(
                "invalid-metric-name", "invalid metric name '\(name)'", at: metric.nameLocation,
                hint: suggestion.isEmpty || !PrometheusSyntax.isValidMetricName(suggestion)
                    ? "use letters, digits and underscores, not starting with a digit"
                    : "use letters, digits and underscores, for example '\(suggestion)'")
        } else if name.hasPrefix("__") {
            context.error(
                "reserved-metric-name", "metric name '\(name)' starts with '__', which Prometheus reserves",
                at: metric.nameLocation)
        } else if name.contains(":") {
            context.warning(
                "colon-in-name", "metric name '\(name)' contains ':', which is reserved for recording rules",
                at: metric.nameLocation, hint: "use '_' instead", for: metric)
        }
    }

    static func checkLabelName(
        _ name: String, at location: SourceLocation, reserved: [String], into context: inout CheckContext
    ) {
        if !PrometheusSyntax.isValidLabelName(name) {
            context.error(
                "invalid-label-name", "invalid label name '\(name)'", at: location,
                hint: "use letters, digits and underscores, not starting with a digit")
        } else if name.hasPrefix("__") {
            context.error("reserved-label", "label '\(name)' starts with '__', which Prometheus reserves", at: location)
        } else if name == "le" || name == "quantile" {
            context.error(
                "reserved-label", "label '\(name)' is reserved for histogram and summary buckets", at: location)
        } else if reserved.contains(name) {
            context.error(
                "reserved-label", "label '\(name)' is added automatically by the runtime hierarchy", at: location,
                hint: "bind the metrics to a namespace, component or endpoint node instead, or use 'binding: raw'")
        }
    }
}
