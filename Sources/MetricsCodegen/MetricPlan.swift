import MetricsSchema

/// Everything the renderer needs to know about one metric, decided up front so the rendering code
/// is straight-line text building.
struct MetricPlan {
    enum Shape {
        /// No labels: a stored instrument, exposed as a property.
        case unlabeled
        /// Labels with at least one open value set: a family, looked up per call.
        case family
        /// Every label closed and few enough combinations: every series created at init, indexed by the cases.
        case precreated(count: Int, strides: [Int])
    }

    struct Parameter {
        /// The escaped argument name, for use inside the body.
        var name: String
        /// The argument label as declared and called: keywords need no backticks there, except
        /// `inout`, `var` and `let`.
        var label: String
        /// `String` or the nested enum's name.
        var type: String
        /// Whether `type` is a generated enum.
        var isEnum: Bool
    }

    let metric: MetricDefinition
    let fullName: String
    /// The accessor name, unescaped.
    let accessor: String
    let parameters: [Parameter]
    let shape: Shape
    /// `@available(*, deprecated, …)` for a deprecated metric's accessors, else `nil`.
    let availability: String?

    /// The largest number of series created up front for a metric whose labels are all closed.
    static let precreationLimit = 1_024

    /// The constant labels whose values are init arguments: (label name, Swift variable).
    let boundLabels: [(name: String, variable: String)]

    init(metric: MetricDefinition, index: Int, schema: MetricSchema, names: GeneratedNames) {
        self.metric = metric
        boundLabels = schema.boundLabels.map { ($0.name, BindParameter.variable(for: $0.name)) }
        fullName = schema.fullName(of: metric)
        accessor = names.accessors[index] ?? "metric\(index)"
        parameters = metric.labels.indices.map { labelIndex in
            let raw = names.parameters[index][labelIndex] ?? "label\(labelIndex)"
            let name = SwiftNames.escaped(raw)
            let label = ["inout", "var", "let"].contains(raw) ? name : raw
            if let enumIndex = names.enumIndices[index][labelIndex] {
                return Parameter(name: name, label: label, type: names.enums[enumIndex].typeName, isEnum: true)
            }
            return Parameter(name: name, label: label, type: "String", isEnum: false)
        }
        availability = Self.availability(of: metric, schema: schema, names: names)
        if metric.labels.isEmpty {
            shape = .unlabeled
        } else if let count = metric.closedSeriesCount, count <= Self.precreationLimit {
            let sizes = metric.labels.map { $0.values?.count ?? 0 }
            let strides = sizes.indices.map { sizes[($0 + 1)...].reduce(1, *) }
            shape = .precreated(count: count, strides: strides)
        } else {
            shape = .family
        }
    }

    /// `@available(*, deprecated, message: "Deprecated since 1.4.0: …", renamed: "newName(model:)")`;
    /// `renamed:` (a fix-it at every call site) only when the replacement is in the same schema.
    private static func availability(of metric: MetricDefinition, schema: MetricSchema, names: GeneratedNames) -> String? {
        guard let deprecation = metric.deprecation else { return nil }
        var message = "Deprecated since \(deprecation.since)"
        if let note = deprecation.note, !note.isEmpty { message += ": \(note)" }
        var renamed: String?
        if let replacement = deprecation.replacement {
            if let index = schema.metrics.firstIndex(where: { $0.name == replacement || schema.fullName(of: $0) == replacement }),
                let accessor = names.accessors[index]
            {
                let labels = names.parameters[index].map { "\($0 ?? "_"):" }.joined()
                renamed = schema.metrics[index].labels.isEmpty ? accessor : "\(accessor)(\(labels))"
            }
            message += message.hasSuffix(".") ? " Use '\(replacement)' instead." : "; use '\(replacement)' instead"
        }
        var attribute = "@available(*, deprecated, message: \(SwiftLiteral.string(message))"
        if let renamed { attribute += ", renamed: \(SwiftLiteral.string(renamed))" }
        return attribute + ")"
    }

    /// The escaped accessor name.
    var escapedAccessor: String { SwiftNames.escaped(accessor) }

    /// The private stored property of labeled metrics.
    var storage: String { "_" + accessor }

    /// `Counter`, `IntGauge`, `Histogram`, …
    var instrumentType: String {
        switch (metric.type, metric.valueType) {
        case (.counter, .double): "Counter"
        case (.counter, .int): "IntCounter"
        case (.gauge, .double): "Gauge"
        case (.gauge, .int): "IntGauge"
        case (.histogram, _): "Histogram"
        }
    }

    /// `CounterVec`, `HistogramVec`, …
    var familyType: String { instrumentType + "Vec" }

    /// The explicit bucket bounds (a literal, or the local computed in `init` for log buckets
    /// read from the environment), or `nil` for the runtime's defaults.
    var bucketsLiteral: String? {
        guard metric.type == .histogram else { return nil }
        if bucketsComputation != nil { return bucketsVariable }
        guard let bounds = metric.buckets?.bounds else { return nil }
        return SwiftLiteral.doubleArray(bounds)
    }

    /// The local holding buckets computed at bind time.
    var bucketsVariable: String { "_buckets" + storage }

    /// For log buckets with `env:`: the expression that reads the environment when the type is bound.
    var bucketsComputation: String? {
        guard metric.type == .histogram, case .log(let min, let max, let count, let environment?) = metric.buckets else {
            return nil
        }
        return "Buckets.logarithmic(min: \(SwiftLiteral.double(min)), max: \(SwiftLiteral.double(max)), count: \(count), "
            + "environmentPrefix: \(SwiftLiteral.string(environment)), environment: node.metrics.environment, "
            + "report: { node.metrics.report($0) })"
    }

    /// The registration call, for example `_registry.makeCounter("requests_total", help: "…")`.
    var makeCall: String {
        let labeled = !metric.labels.isEmpty
        var arguments = [SwiftLiteral.string(metric.name), "help: " + SwiftLiteral.string(metric.exposedHelp)]
        if labeled { arguments.append("labelNames: " + SwiftLiteral.stringArray(metric.labels.map(\.name))) }
        if let bucketsLiteral { arguments.append("buckets: " + bucketsLiteral) }
        if !metric.constantLabels.isEmpty || !boundLabels.isEmpty {
            let pairs = metric.constantLabels.map { "(\(SwiftLiteral.string($0.name)), \(SwiftLiteral.string($0.value)))" }
                + boundLabels.map { "(\(SwiftLiteral.string($0.name)), \($0.variable))" }
            arguments.append("constantLabels: [" + pairs.joined(separator: ", ") + "]")
        }
        if let unit = metric.unit { arguments.append("unit: " + SwiftLiteral.string(unit)) }
        return "_registry.make\(labeled ? familyType : instrumentType)(" + arguments.joined(separator: ", ") + ")"
    }

    /// The instrument used when registration fails: detached, so it works but is never exposed.
    var fallback: String {
        if metric.labels.isEmpty {
            guard metric.type == .histogram else { return "\(instrumentType)()" }
            return "Histogram.detached(buckets: \(bucketsLiteral ?? "nil"))"
        }
        let labelNames = SwiftLiteral.stringArray(metric.labels.map(\.name))
        if let bucketsLiteral { return "\(familyType).detached(labelNames: \(labelNames), buckets: \(bucketsLiteral))" }
        return "\(familyType).detached(labelNames: \(labelNames))"
    }

    /// The argument list of the accessor: `modelType: String, memoryType: MemoryType`.
    var parameterList: String {
        parameters.map { "\($0.label): \($0.type)" }.joined(separator: ", ")
    }

    /// The call that forwards the static accessor's arguments: `modelType: modelType`.
    var forwardedArguments: String {
        parameters.map { "\($0.label): \($0.name)" }.joined(separator: ", ")
    }

    /// The documentation: the help text, then the Prometheus name, type, unit and labels, then a
    /// `- Parameter` line for each label whose schema entry has `help:`.
    var documentation: String {
        var facts = "`\(fullName)` (\(metric.type.rawValue)"
        if let unit = metric.unit { facts += ", unit `\(unit)`" }
        if let stability = metric.stability { facts += ", \(stability.rawValue)" }
        facts += ")"
        if !metric.labels.isEmpty {
            facts += "; labels: " + metric.labels.map { "`\($0.name)`" }.joined(separator: ", ")
        }
        var text = metric.help + "\n\n" + facts + "."
        for (parameter, label) in zip(parameters, metric.labels) {
            guard let help = label.help, !help.isEmpty else { continue }
            text += "\n- Parameter \(parameter.label.replacingOccurrences(of: "`", with: "")): " + help.split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        return text
    }
}

/// The init arguments of a schema with `bound_labels:` or `prefix_parameter:`.
enum BindParameter {
    /// The argument label: the name in lowerCamelCase (`router_id` → `routerId`).
    static func label(for name: String) -> String {
        SwiftNames.lowerCamelCase(name) ?? "value"
    }

    /// The argument's internal name, which never clashes with `node`, `_registry` or a stored property.
    static func variable(for name: String) -> String {
        "_bound_" + label(for: name)
    }

    /// `routerId _bound_routerId: String, …` for the init's parameter list.
    static func declarations(_ schema: MetricSchema) -> [String] {
        (schema.prefixParameter.map { [$0] } ?? []).map { "\(label(for: $0.name)) \(variable(for: $0.name)): String" }
            + schema.boundLabels.map { "\(label(for: $0.name)) \(variable(for: $0.name)): String" }
    }
}
