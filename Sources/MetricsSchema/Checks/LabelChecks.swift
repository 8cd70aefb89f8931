/// Errors about label sets: duplicates, constant labels that collide with variable ones, and
/// duplicate values in a closed set.
enum LabelChecks {
    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        for metric in schema.metrics {
            var seen: [String: SourceLocation] = [:]
            for label in metric.labels {
                if let first = seen[label.name] {
                    context.error(
                        "duplicate-label", "duplicate label '\(label.name)' in metric '\(metric.name)'", at: label.location,
                        notes: [.init(message: "'\(label.name)' is first declared here", location: first)])
                } else {
                    seen[label.name] = label.location
                }
                checkValues(label, into: &context)
            }
            for constant in metric.constantLabels {
                if let variable = seen[constant.name] {
                    context.error(
                        "constant-label-collision",
                        "constant label '\(constant.name)' collides with the variable label of the same name",
                        at: constant.location, hint: "rename or remove one of them",
                        notes: [.init(message: "variable label '\(constant.name)' is declared here", location: variable)])
                }
            }
        }
    }

    private static func checkValues(_ label: LabelDefinition, into context: inout CheckContext) {
        guard let values = label.values else { return }
        if values.count > LabelDefinition.maximumClosedValues {
            let limit = LabelDefinition.maximumClosedValues
            context.error(
                "too-many-label-values",
                "label '\(label.name)' lists \(values.count) values; a closed set may have at most \(limit)",
                at: label.valueLocations.indices.contains(limit) ? label.valueLocations[limit] : label.location,
                hint: "a set this large is not an enumeration: remove 'values' to accept any value")
        }
        var seen: [String: Int] = [:]
        for (index, value) in values.enumerated() {
            let location = label.valueLocations.indices.contains(index) ? label.valueLocations[index] : label.location
            if let first = seen[value] {
                let firstLocation = label.valueLocations.indices.contains(first) ? label.valueLocations[first] : label.location
                context.error(
                    "duplicate-label-value", "duplicate value '\(value)' for label '\(label.name)'", at: location,
                    notes: [.init(message: "'\(value)' is first listed here", location: firstLocation)])
            } else {
                seen[value] = index
            }
        }
    }
}
