import MetricsSchema

/// Renders `<Type>.Names`: the Prometheus name constants, the counterpart of Dynamo's `prometheus_names`.
///
/// ```swift
/// ExampleMetrics.Names.requestsTotal.name          // "requests_total"
/// ExampleMetrics.Names.requestsTotal.fullName      // "dynamo_component_requests_total"
/// ExampleMetrics.Names.latencySeconds.bucket       // "dynamo_component_latency_seconds_bucket"
/// ExampleMetrics.Names.gpuMemoryBytes.Labels.memoryType  // "memory_type"
/// ```
enum NamesRenderer {
    static func render(
        schema: MetricSchema, plans: [MetricPlan], typeName: String, access: String, into writer: inout SwiftSourceWriter
    ) {
        let fullName = FullName(schema: schema, access: access)
        writer.block("extension \(typeName)") { body in
            body.doc(
                """
                The Prometheus names of these metrics: one caseless enum per metric (named like its accessor) \
                with `name` (as in the schema), `fullName` (with the prefix), for histograms the `bucket`, `sum` \
                and `count` series, and the label names in `Labels`.
                """)
            body.block("\(access)enum Names") { names in
                for (index, plan) in plans.enumerated() {
                    if index > 0 { names.line() }
                    render(plan, fullName: fullName, access: access, into: &names)
                }
            }
        }
    }

    /// How `fullName` is rendered: a constant, or with a `prefix_parameter:` a function of it.
    struct FullName {
        let schema: MetricSchema
        let access: String

        func declaration(_ member: String, suffix: String, of metric: MetricDefinition) -> String {
            guard let parameter = schema.prefixParameter else {
                return "\(access)static let \(member) = \(SwiftLiteral.string(schema.fullName(of: metric) + suffix))"
            }
            let label = BindParameter.label(for: parameter.name)
            let head = schema.prefix.isEmpty ? "" : SwiftLiteral.string(schema.prefix + "_") + " + "
            return "\(access)static func \(member)(\(label): String) -> String { \(head)\(SwiftNames.escaped(label)) + "
                + SwiftLiteral.string("_" + metric.name + suffix) + " }"
        }
    }

    private static func render(_ plan: MetricPlan, fullName: FullName, access: String, into writer: inout SwiftSourceWriter) {
        writer.doc("`\(plan.fullName)` (\(plan.metric.type.rawValue)).")
        writer.block("\(access)enum \(plan.escapedAccessor)") { body in
            body.doc("The name in the schema, without the prefix.")
            body.line("\(access)static let name = \(SwiftLiteral.string(plan.metric.name))")
            body.doc("The name Prometheus sees.")
            body.line(fullName.declaration("fullName", suffix: "", of: plan.metric))
            if let unit = plan.metric.unit {
                body.doc("The unit (OpenMetrics `# UNIT`).")
                body.line("\(access)static let unit = \(SwiftLiteral.string(unit))")
            }
            if plan.metric.type == .histogram {
                for series in ["bucket", "sum", "count"] {
                    body.doc("The `_\(series)` series.")
                    body.line(fullName.declaration(series, suffix: "_" + series, of: plan.metric))
                }
            }
            guard !plan.metric.labels.isEmpty else { return }
            body.doc("The label names, named like the accessor's arguments.")
            body.block("\(access)enum Labels") { labels in
                for (parameter, label) in zip(plan.parameters, plan.metric.labels) {
                    labels.doc("The label `\(label.name)`.")
                    labels.line("\(access)static let \(parameter.name) = \(SwiftLiteral.string(label.name))")
                }
            }
        }
    }
}
