/// Errors about generated Swift names: names that cannot become identifiers, reserved names, and
/// two schema names that map to the same Swift identifier.
enum IdentifierChecks {
    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        let names = GeneratedNames(schema: schema)
        var accessorOwners: [String: MetricDefinition] = [:]
        for (index, metric) in schema.metrics.enumerated() {
            guard let accessor = names.accessors[index] else {
                if PrometheusSyntax.isValidMetricName(metric.name) {
                    context.error(
                        "swift-identifier", "metric name '\(metric.name)' has no letters or digits for a Swift name",
                        at: metric.nameLocation)
                }
                continue
            }
            if SwiftNames.reservedMembers.contains(accessor) {
                context.error(
                    "swift-identifier", "metric '\(metric.name)' maps to the Swift name '\(accessor)', which is reserved",
                    at: metric.nameLocation, hint: "rename the metric")
            } else if let first = accessorOwners[accessor] {
                if first.name != metric.name {
                    context.error(
                        "swift-identifier-collision",
                        "metrics '\(first.name)' and '\(metric.name)' both map to the Swift name '\(accessor)'",
                        at: metric.nameLocation, hint: "rename one of them",
                        notes: [.init(message: "'\(first.name)' is declared here", location: first.nameLocation)])
                }
            } else {
                accessorOwners[accessor] = metric
            }
            checkParameters(metric, names.parameters[index], into: &context)
        }
        checkEnums(names.enums, schema: schema, into: &context)
    }

    private static func checkParameters(_ metric: MetricDefinition, _ parameters: [String?], into context: inout CheckContext) {
        var owners: [String: LabelDefinition] = [:]
        for (label, parameter) in zip(metric.labels, parameters) {
            guard let parameter else {
                if PrometheusSyntax.isValidLabelName(label.name) {
                    context.error(
                        "swift-identifier", "label name '\(label.name)' has no letters or digits for a Swift name",
                        at: label.location)
                }
                continue
            }
            if let first = owners[parameter], first.name != label.name {
                context.error(
                    "swift-identifier-collision",
                    "labels '\(first.name)' and '\(label.name)' both map to the Swift argument '\(parameter)'",
                    at: label.location, hint: "rename one of them",
                    notes: [.init(message: "'\(first.name)' is declared here", location: first.location)])
            } else {
                owners[parameter] = label
            }
        }
    }

    private static func checkEnums(_ enums: [GeneratedNames.LabelEnum], schema: MetricSchema, into context: inout CheckContext) {
        var typeOwners: [String: GeneratedNames.LabelEnum] = [:]
        for labelEnum in enums {
            let location = labelEnum.valueLocations.first ?? schema.typeNameLocation
            if let first = typeOwners[labelEnum.typeName] {
                context.error(
                    "swift-identifier-collision",
                    "closed labels '\(first.labelName)' and '\(labelEnum.labelName)' both map to the Swift enum '\(labelEnum.typeName)'",
                    at: location, hint: "rename one of the labels",
                    notes: first.valueLocations.first.map { [.init(message: "'\(first.labelName)' is declared here", location: $0)] } ?? [])
            } else {
                typeOwners[labelEnum.typeName] = labelEnum
            }
            var caseOwners: [String: String] = [:]
            for (index, (value, caseName)) in zip(labelEnum.values, labelEnum.caseNames).enumerated() {
                let valueLocation = labelEnum.valueLocations.indices.contains(index) ? labelEnum.valueLocations[index] : location
                guard let caseName else {
                    context.error(
                        "swift-identifier", "label value '\(value)' has no letters or digits for a Swift enum case",
                        at: valueLocation, hint: "give it a Swift name: '- {value: \"\(value)\", swift_name: myName}'")
                    continue
                }
                if !SwiftNames.isIdentifier(caseName) {
                    context.error(
                        "swift-identifier", "swift_name '\(caseName)' of label value '\(value)' is not a Swift identifier",
                        at: valueLocation, hint: "use ASCII letters, digits and '_', not starting with a digit")
                } else if let first = caseOwners[caseName], first != value {
                    context.error(
                        "swift-identifier-collision",
                        "label values '\(first)' and '\(value)' both map to the Swift enum case '\(caseName)'",
                        at: valueLocation,
                        hint: "give one of them a Swift name: '- {value: \"\(value)\", swift_name: otherName}'")
                } else {
                    caseOwners[caseName] = value
                }
            }
        }
    }
}
