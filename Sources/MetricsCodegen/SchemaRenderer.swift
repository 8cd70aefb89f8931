import MetricsSchema

/// Renders one schema: the struct with its instance accessors and enums, the static accessors,
/// and the name constants.
struct SchemaRenderer {
    let schema: MetricSchema
    let names: GeneratedNames
    let plans: [MetricPlan]
    /// The access modifier of every generated declaration (`public `, `package ` or nothing).
    let access: String

    init(schema: MetricSchema, defaultAccess: AccessLevel) {
        self.schema = schema
        access = (schema.accessLevel ?? defaultAccess).modifier
        let names = GeneratedNames(schema: schema)
        self.names = names
        plans = schema.metrics.enumerated().map { MetricPlan(metric: $1, index: $0, schema: schema, names: names) }
    }

    var typeName: String { schema.typeName }

    func render(into writer: inout SwiftSourceWriter) {
        let file = SwiftGenerator.fileName(schema.file)
        writer.line("// MARK: - \(typeName) (\(file))")
        writer.line()
        writer.doc(
            """
            The metrics declared in `\(file)`\(schema.prefix.isEmpty ? ", without a prefix" : ", under the prefix `\(schema.prefix)`").

            \(bindingDocumentation) Every metric is registered once, when the instance is created.
            """)
        writer.block("\(access)struct \(typeName): Sendable") { body in
            renderStoredProperties(into: &body)
            body.line()
            renderInit(into: &body)
            for plan in plans where !isUnlabeled(plan) {
                body.line()
                renderInstanceAccessor(plan, into: &body)
            }
            let indexed = indexedEnums
            for (index, labelEnum) in names.enums.enumerated() {
                body.line()
                EnumRenderer.render(labelEnum, withSeriesIndex: indexed.contains(index), access: access, into: &body)
            }
        }
        if !schema.hasBindParameters {
            writer.line()
            renderStaticAccessors(into: &writer)
        }
        writer.line()
        NamesRenderer.render(schema: schema, plans: plans, typeName: typeName, access: access, into: &writer)
    }

    /// The enums that index pre-created series (and so need `_seriesIndex`).
    private var indexedEnums: Set<Int> {
        var indexed: Set<Int> = []
        for (index, plan) in plans.enumerated() {
            guard case .precreated = plan.shape else { continue }
            indexed.formUnion(names.enumIndices[index].compactMap { $0 })
        }
        return indexed
    }

    /// How instances are bound, for the type's documentation.
    private var bindingDocumentation: String {
        var parts: [String] = []
        if schema.hasBindParameters {
            let arguments = BindParameter.declarations(schema).map { $0.split(separator: " ").first.map(String.init) ?? "" }
            parts.append(
                "Bind an instance with the values given at bind time: `\(typeName)(node, \(arguments.map { "\($0): …" }.joined(separator: ", ")))`; "
                    + "there are no static accessors.")
        } else {
            parts.append("The static accessors use the process-wide default node (`MetricsRuntime.shared`).")
        }
        if schema.binding == .raw {
            parts.append(
                "The metrics go to the runtime's raw registry (`binding: raw`): whatever node an instance is bound to, "
                    + "they carry no hierarchy labels and no `worker_id`, like Dynamo's plain-registry families.")
        } else {
            parts.append(
                "To get the automatic hierarchy labels, bind an instance to a namespace, component or endpoint: `\(typeName)(endpoint\(schema.hasBindParameters ? ", …" : ""))`.")
        }
        return parts.joined(separator: " ")
    }

    private func isUnlabeled(_ plan: MetricPlan) -> Bool {
        if case .unlabeled = plan.shape { return true }
        return false
    }

    private func renderStoredProperties(into writer: inout SwiftSourceWriter) {
        if !schema.hasBindParameters {
            writer.doc("The instance bound to `MetricsRuntime.shared`, used by the static accessors.")
            writer.line("\(access)static let shared = \(typeName)(MetricsRuntime.shared)")
            writer.line()
        }
        writer.doc("The metric-name prefix of this schema (empty: no prefix).")
        writer.line("\(access)static let metricPrefix = \(SwiftLiteral.string(schema.prefix))")
        for plan in plans {
            writer.line()
            switch plan.shape {
            case .unlabeled where plan.availability != nil:
                // Deprecated: private storage plus a deprecated computed property, so the init's
                // assignment is not itself a use of a deprecated declaration (no warning in generated code).
                writer.doc("`\(plan.fullName)`; use `\(plan.accessor)`.")
                writer.line("private let \(plan.storage): \(plan.instrumentType)")
                writer.line()
                writer.doc(plan.documentation)
                if let availability = plan.availability { writer.line(availability) }
                writer.line("\(access)var \(plan.escapedAccessor): \(plan.instrumentType) { \(plan.storage) }")
            case .unlabeled:
                writer.doc(plan.documentation)
                writer.line("\(access)let \(plan.escapedAccessor): \(plan.instrumentType)")
            case .family:
                writer.doc("The `\(plan.fullName)` family; use `\(plan.accessor)(…)`.")
                writer.line("private let \(plan.storage): \(plan.familyType)")
            case .precreated(let count, _):
                writer.doc("All \(count) series of `\(plan.fullName)`, in the order of the enum cases; use `\(plan.accessor)(…)`.")
                writer.line("private let \(plan.storage): [\(plan.instrumentType)]")
            }
        }
    }

    private func renderInit(into writer: inout SwiftSourceWriter) {
        writer.doc(
            """
            Registers every metric of this schema on `node`\(schema.prefix.isEmpty ? ", without a prefix" : ", under the prefix `\(schema.prefix)`")\
            \(schema.prefixEnvironment.map { " (or the value of `\($0.name)` in the runtime's environment, sanitized)" } ?? "").

            A registration error (only possible when something else registered a conflicting metric of the \
            same name) is reported through the runtime's error handler; the affected metric then works but \
            is not exposed.
            """)
        let parameters = (["_ node: some MetricsHierarchy"] + BindParameter.declarations(schema)).joined(separator: ", ")
        writer.block("\(access)init(\(parameters))") { body in
            guard !plans.isEmpty else {
                body.line("_ = node")
                for name in (schema.prefixParameter.map { [$0] } ?? []) + schema.boundLabels {
                    body.line("_ = \(BindParameter.variable(for: name.name))")
                }
                return
            }
            var prefix = schema.prefix.isEmpty ? "nil" : SwiftLiteral.string(schema.prefix)
            if let parameter = schema.prefixParameter {
                let variable = BindParameter.variable(for: parameter.name)
                prefix = schema.prefix.isEmpty ? variable : SwiftLiteral.string(schema.prefix + "_") + " + " + variable
            }
            if let variable = schema.prefixEnvironment {
                let level = "node.metrics\(schema.binding == .raw ? ".raw" : "")"
                prefix = "\(level).prefix(fromEnvironment: \(SwiftLiteral.string(variable.name)), fallback: \(SwiftLiteral.string(schema.prefix)))"
            }
            body.line("let _registry = node.metrics\(schema.binding == .raw ? ".raw" : "").withPrefix(\(prefix))")
            for plan in plans {
                if let computation = plan.bucketsComputation {
                    body.line("let \(plan.bucketsVariable) = \(computation)")
                }
                let register = "_register_metric(node, \(plan.fallback)) { () throws(MetricsError) in"
                func registration(_ target: String, into writer: inout SwiftSourceWriter) {
                    writer.block("\(target) = \(register)", opensWithBrace: false) { $0.line("try \(plan.makeCall)") }
                }
                switch plan.shape {
                case .unlabeled:
                    registration(plan.availability == nil ? "self.\(plan.escapedAccessor)" : "self.\(plan.storage)", into: &body)
                case .family:
                    registration("self.\(plan.storage)", into: &body)
                case .precreated(let count, _):
                    body.block("self.\(plan.storage) =", closingSuffix: "()") { closure in
                        registration("let _family", into: &closure)
                        closure.line("var _series: [\(plan.instrumentType)] = []")
                        closure.line("_series.reserveCapacity(\(count))")
                        renderSeriesLoops(plan, depth: 0, into: &closure)
                        closure.line("return _series")
                    }
                }
            }
        }
    }

    /// One nested `for` loop per label over its enum's cases, appending each series in index order.
    private func renderSeriesLoops(_ plan: MetricPlan, depth: Int, into writer: inout SwiftSourceWriter) {
        guard depth < plan.parameters.count else {
            let values = plan.parameters.indices.map { "value\($0).rawValue" }
            let call = values.count <= 4 ? values.joined(separator: ", ") : "[" + values.joined(separator: ", ") + "]"
            writer.line("_series.append(_family.labels(\(call)))")
            return
        }
        writer.block("for value\(depth) in \(plan.parameters[depth].type).allCases") {
            renderSeriesLoops(plan, depth: depth + 1, into: &$0)
        }
    }

    private func renderInstanceAccessor(_ plan: MetricPlan, into writer: inout SwiftSourceWriter) {
        writer.doc(plan.documentation)
        if let availability = plan.availability { writer.line(availability) }
        writer.block("\(access)func \(plan.escapedAccessor)(\(plan.parameterList)) -> \(plan.instrumentType)") { body in
            switch plan.shape {
            case .unlabeled:
                break
            case .family:
                let values = plan.parameters.map { $0.isEnum ? "\($0.name).rawValue" : $0.name }
                let call = values.count <= 4 ? values.joined(separator: ", ") : "[" + values.joined(separator: ", ") + "]"
                body.line("\(plan.storage).labels(\(call))")
            case .precreated(_, let strides):
                let terms = zip(plan.parameters, strides).map { parameter, stride in
                    stride == 1 ? "\(parameter.name)._seriesIndex" : "\(parameter.name)._seriesIndex * \(stride)"
                }
                body.line("\(plan.storage)[\(terms.joined(separator: " + "))]")
            }
        }
    }

    private func renderStaticAccessors(into writer: inout SwiftSourceWriter) {
        writer.doc("Static accessors: the same metrics on `\(typeName).shared` (the process-wide default node).")
        writer.block("extension \(typeName)") { body in
            for (index, plan) in plans.enumerated() {
                if index > 0 { body.line() }
                body.doc(plan.documentation)
                if let availability = plan.availability { body.line(availability) }
                if case .unlabeled = plan.shape {
                    let member = plan.availability == nil ? plan.escapedAccessor : plan.storage
                    body.line("\(access)static var \(plan.escapedAccessor): \(plan.instrumentType) { shared.\(member) }")
                } else {
                    body.block("\(access)static func \(plan.escapedAccessor)(\(plan.parameterList)) -> \(plan.instrumentType)") {
                        $0.line("Self.shared.\(plan.escapedAccessor)(\(plan.forwardedArguments))")  // a label may be named `shared`
                    }
                }
            }
        }
    }
}
