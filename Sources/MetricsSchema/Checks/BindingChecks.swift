/// Errors about the names given at bind time (`bound_labels:`, `prefix_parameter:`): label syntax,
/// reserved names, duplicates, and collisions with the labels of the schema's metrics.
enum BindingChecks {
    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        var seen: [String: SourceLocation] = [:]
        for bound in schema.boundLabels {
            NameChecks.checkLabelName(bound.name, at: bound.location, reserved: schema.reservedLabelNames, into: &context)
            if let first = seen[bound.name] {
                context.error(
                    "duplicate-label", "duplicate bound label '\(bound.name)'", at: bound.location,
                    notes: [.init(message: "'\(bound.name)' is first declared here", location: first)])
                continue
            }
            seen[bound.name] = bound.location
            for metric in schema.metrics {
                let clash = metric.labels.first { $0.name == bound.name }.map { ("variable", $0.location) }
                    ?? metric.constantLabels.first { $0.name == bound.name }.map { ("constant", $0.location) }
                if let (kind, location) = clash {
                    context.error(
                        "constant-label-collision",
                        "bound label '\(bound.name)' collides with the \(kind) label of metric '\(metric.name)'",
                        at: location, hint: "a bound label is already on every series of the schema; remove one of them",
                        notes: [.init(message: "bound label '\(bound.name)' is declared here", location: bound.location)])
                }
            }
        }
        if let parameter = schema.prefixParameter, !PrometheusSyntax.isValidLabelName(parameter.name) {
            context.error(
                "invalid-prefix", "invalid prefix parameter '\(parameter.name)'", at: parameter.location,
                hint: "name it like a label, for example 'tracker'; its value is given when the type is bound")
        }
        if let variable = schema.prefixEnvironment {
            if !PrometheusSyntax.isValidLabelName(variable.name) {  // the same syntax as a variable name
                context.error(
                    "invalid-prefix", "invalid prefix environment variable '\(variable.name)'", at: variable.location,
                    hint: "use letters, digits and '_', not starting with a digit, for example 'DYN_METRICS_PREFIX'")
            } else if schema.prefixParameter != nil {
                context.error(
                    "invalid-prefix", "'prefix_env' cannot be combined with 'prefix_parameter'", at: variable.location,
                    hint: "keep one of them: the prefix comes either from the environment or from a bind argument")
            } else if schema.prefix.isEmpty {
                context.error(
                    "invalid-prefix", "'prefix_env' needs a non-empty 'prefix' to fall back to", at: variable.location,
                    hint: "set 'prefix:' to the name used when the variable is unset, empty or cannot be sanitized")
            }
        }
        var swiftNames: [String: String] = [:]
        for name in schema.boundLabels.map(\.name) + (schema.prefixParameter.map { [$0.name] } ?? []) {
            guard let swift = SwiftNames.lowerCamelCase(name) else { continue }
            if let first = swiftNames[swift], first != name {
                context.error(
                    "swift-identifier-collision", "bind parameters '\(first)' and '\(name)' both map to the Swift argument '\(swift)'",
                    at: schema.typeNameLocation, hint: "rename one of them")
            }
            swiftNames[swift] = name
        }
    }
}
