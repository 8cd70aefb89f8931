/// Errors about names that are used twice: metric names within a file, fully prefixed names and
/// type names across the files compiled together, and metrics that clash with a histogram's series.
enum DuplicateChecks {
    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        var seen: [String: MetricDefinition] = [:]
        for metric in schema.metrics {
            if let first = seen[metric.name] {
                context.error(
                    "duplicate-metric", "duplicate metric name '\(metric.name)'", at: metric.nameLocation,
                    notes: [.init(message: "'\(metric.name)' is first declared here", location: first.nameLocation)])
            } else {
                seen[metric.name] = metric
            }
        }
        for histogram in schema.metrics where histogram.type == .histogram {
            for suffix in ["_bucket", "_sum", "_count"] {
                guard let clash = seen[histogram.name + suffix] else { continue }
                context.error(
                    "series-clash",
                    "metric '\(clash.name)' clashes with the '\(suffix)' series of histogram '\(histogram.name)'",
                    at: clash.nameLocation, hint: "rename one of them",
                    notes: [.init(message: "histogram '\(histogram.name)' is declared here", location: histogram.nameLocation)])
            }
        }
    }

    /// Checks across all schemas compiled together: each fully prefixed metric name and each type name once.
    static func runAcross(_ schemas: [MetricSchema], into context: inout CheckContext) {
        var metricOwners: [String: (schema: MetricSchema, metric: MetricDefinition)] = [:]
        var typeOwners: [String: MetricSchema] = [:]
        for schema in schemas {
            if !schema.typeName.isEmpty {
                if let first = typeOwners[schema.typeName] {
                    context.error(
                        "duplicate-type-name", "type name '\(schema.typeName)' is already used by another schema",
                        at: schema.typeNameLocation, hint: "set a different 'type_name'",
                        notes: [.init(message: "'\(schema.typeName)' is first used here", location: first.typeNameLocation)])
                } else {
                    typeOwners[schema.typeName] = schema
                }
            }
            var local: Set<String> = []
            for metric in schema.metrics {
                let fullName = schema.fullName(of: metric)
                guard local.insert(fullName).inserted else { continue }  // same-file duplicates are reported above
                if let first = metricOwners[fullName], first.schema.file != schema.file {
                    context.error(
                        "duplicate-metric", "metric '\(fullName)' is also declared in another schema",
                        at: metric.nameLocation, hint: "metric names must be unique across the schemas compiled together",
                        notes: [.init(message: "'\(fullName)' is first declared here", location: first.metric.nameLocation)])
                } else if metricOwners[fullName] == nil {
                    metricOwners[fullName] = (schema, metric)
                }
            }
        }
    }
}
