/// Compares two versions of a set of schemas field by field (`metrics-schema diff`).
///
/// Metrics are matched by their full name (prefix included) within the same schema first — OLD and
/// NEW schemas pair by file path, else by file name and type name, else by type name — so
/// unrelated schemas that declare the same name (two targets, such as a demo and Dynamo's catalog
/// both exposing `dynamo_component_requests_total`) are each compared with their own new version.
/// A metric not found in its schema's counterpart is matched by full name in any other NEW
/// schema, so moving a metric between files is no change. An OLD metric missing from NEW is reported as renamed when its
/// `deprecated.replacement` exists in NEW, as a prefix change when NEW has the same `name` under
/// another prefix, and as removed otherwise. Classification (see `Stability` for the promises):
///
/// | change | breaking |
/// |---|---|
/// | metric removed, renamed or under another prefix; type changed; unit changed or removed | always |
/// | label removed or renamed; closed value removed; open label closed; constant label removed or changed | always |
/// | stability lowered | always |
/// | label added; constant label added; buckets changed | for `stable` metrics |
/// | metric added; value type; unit added; help; closed value added; closed label opened; stability raised; deprecated | never |
public enum SchemaDiff {
    /// The changes from `old` to `new`, in NEW file/line order (removals by their OLD position after).
    public static func compare(old: [MetricSchema], new: [MetricSchema]) -> [SchemaChange] {
        let newIndex = index(new)
        let matches = MetricMatching(old: old, new: new)
        var changes: [SchemaChange] = []
        var explained: Set<String> = []  // NEW full names already reported as a rename or prefix change

        for (oldPosition, schema) in old.enumerated() {
            for metric in schema.metrics {
                let fullName = schema.fullName(of: metric)
                let stability = metric.effectiveStability
                if let (newSchema, newMetric) = matches.counterpart(ofOld: oldPosition, fullName) {
                    changes += compareMetric(metric, newMetric, fullName: fullName, newSchema: newSchema, stability: stability)
                    continue
                }
                if let replacement = metric.deprecation?.replacement,
                    let target = resolve(replacement, in: schema, index: newIndex)
                {
                    let (newSchema, newMetric) = target
                    let newName = newSchema.fullName(of: newMetric)
                    explained.insert(newName)
                    changes.append(SchemaChange(
                        kind: .metricRenamed, metric: newName, breaking: true, stability: stability,
                        message: "metric '\(fullName)' was removed in favour of its replacement '\(newName)'"
                            + (metric.deprecation.map { " (deprecated since \($0.since))" } ?? ""),
                        location: newMetric.nameLocation, oldLocation: metric.nameLocation))
                    continue
                }
                if let (newSchema, newMetric) = sameNameOtherPrefix(metric, schema: schema, in: new) {
                    let newName = newSchema.fullName(of: newMetric)
                    explained.insert(newName)
                    changes.append(SchemaChange(
                        kind: .prefixChanged, metric: newName, breaking: true, stability: stability,
                        message: "metric '\(fullName)' is now exposed as '\(newName)' (prefix '\(schema.prefix)' → '\(newSchema.prefix)')",
                        location: newSchema.prefixLocation, oldLocation: metric.nameLocation))
                    continue
                }
                let file = new.first { $0.file == schema.file }?.file ?? schema.file
                let fileExists = new.contains { $0.file == schema.file }
                changes.append(SchemaChange(
                    kind: .metricRemoved, metric: fullName, breaking: true, stability: stability,
                    message: "metric '\(fullName)' was removed"
                        + (metric.deprecation.map { " (deprecated since \($0.since))" } ?? " without a deprecation period"),
                    location: fileExists ? SourceLocation(file: file, line: 1, column: 1) : metric.nameLocation,
                    oldLocation: metric.nameLocation))
            }
        }
        for (newPosition, schema) in new.enumerated() {
            for metric in schema.metrics {
                let fullName = schema.fullName(of: metric)
                guard !matches.isMatched(new: newPosition, fullName), !explained.contains(fullName) else { continue }
                changes.append(SchemaChange(
                    kind: .metricAdded, metric: fullName, breaking: false, stability: metric.effectiveStability,
                    message: "metric '\(fullName)' was added", location: metric.nameLocation))
            }
        }
        return changes.sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, $1.message)
        }
    }

    private static func index(_ schemas: [MetricSchema]) -> [String: (MetricSchema, MetricDefinition)] {
        var index: [String: (MetricSchema, MetricDefinition)] = [:]
        for schema in schemas {
            for metric in schema.metrics where index[schema.fullName(of: metric)] == nil {
                index[schema.fullName(of: metric)] = (schema, metric)
            }
        }
        return index
    }

    /// A replacement names a metric of the same schema (`name`) or a full name.
    private static func resolve(
        _ replacement: String, in schema: MetricSchema, index: [String: (MetricSchema, MetricDefinition)]
    ) -> (MetricSchema, MetricDefinition)? {
        let local = schema.prefix.isEmpty ? replacement : "\(schema.prefix)_\(replacement)"
        return index[local] ?? index[replacement]
    }

    private static func sameNameOtherPrefix(
        _ metric: MetricDefinition, schema: MetricSchema, in new: [MetricSchema]
    ) -> (MetricSchema, MetricDefinition)? {
        for candidate in new where candidate.prefix != schema.prefix && (candidate.file == schema.file || candidate.typeName == schema.typeName) {
            if let match = candidate.metrics.first(where: { $0.name == metric.name }) { return (candidate, match) }
        }
        return nil
    }
}
