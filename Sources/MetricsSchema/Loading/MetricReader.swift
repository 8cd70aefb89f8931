import Foundation
import Yams

/// Reads one entry of `metrics:` (and its labels, constant labels and buckets).
enum MetricReader {
    static func read(_ item: Node, reader: inout NodeReader) -> MetricDefinition? {
        guard let entries = reader.entries(of: item, allowed: SchemaKeys.metric, what: "a metric") else { return nil }
        reader.requireKeys(SchemaKeys.requiredMetric, in: entries, of: item, what: "metric")
        let name = entries["name"].flatMap { reader.string($0.value, what: "'name'") }
        let type = entries["type"].flatMap {
            reader.choice($0.value, as: MetricType.self, what: "'type'", unknown: "unknown metric type")
        }
        // Block scalars (`help: |`) end with a newline; HELP text should not.
        let help = (entries["help"].flatMap { reader.literalString($0.value, what: "'help'") } ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if let node = entries["help"]?.value, help.isEmpty,
            case .scalar = node
        {
            reader.error("empty-help", "'help' must not be empty", at: node, hint: "describe what the metric measures")
        }
        let valueType = entries["value"].flatMap {
            reader.choice($0.value, as: MetricValueType.self, what: "'value'", unknown: "unknown value type")
        }
        let unit = entries["unit"].flatMap { reader.string($0.value, what: "'unit'") }
        let labels = entries["labels"].map { readLabels($0.value, reader: &reader) } ?? []
        let constantLabels = entries["const_labels"].map { readConstantLabels($0.value, reader: &reader) } ?? []
        let buckets = entries["buckets"].flatMap { BucketReader.read($0.value, reader: &reader) }
        let noLint = entries["no_lint"].map { readNoLint($0.value, reader: &reader) } ?? []
        guard let name, let type else { return nil }
        var metric = MetricDefinition(
            name: name, type: type, valueType: valueType ?? .double, help: help, unit: unit,
            labels: labels, constantLabels: constantLabels, buckets: buckets,
            location: reader.location(of: item),
            nameLocation: entries["name"].map { reader.location(of: $0.value) },
            typeLocation: entries["type"].map { reader.location(of: $0.value) },
            valueTypeLocation: entries["value"].map { reader.location(of: $0.value) },
            unitLocation: entries["unit"].map { reader.location(of: $0.value) },
            bucketsLocation: entries["buckets"].map { reader.location(of: $0.value) },
            bucketBoundLocations: entries["buckets"].map { entry in
                guard case .sequence(let items) = entry.value else { return [] }
                return items.map { reader.location(of: $0) }
            } ?? [])
        metric.noLint = noLint
        LifecycleReader.read(entries, into: &metric, reader: &reader)
        return metric
    }

    /// `no_lint: [counter-total, …]`: convention warnings to silence; only warning codes are accepted.
    private static func readNoLint(_ node: Node, reader: inout NodeReader) -> Set<String> {
        guard let items = reader.list(node, what: "'no_lint'") else { return [] }
        var codes: Set<String> = []
        for item in items {
            guard let code = reader.string(item, what: "a warning code") else { continue }
            guard MetricDefinition.lintCodes.contains(code) else {
                reader.error(
                    "unknown-value", "'\(code)' is not a warning code that 'no_lint' can silence", at: item,
                    hint: Suggestions.didYouMean(code, in: MetricDefinition.lintCodes)
                        ?? "use one of \(MetricDefinition.lintCodes.map { "'\($0)'" }.joined(separator: ", "))")
                continue
            }
            codes.insert(code)
        }
        return codes
    }

    private static func readLabels(_ node: Node, reader: inout NodeReader) -> [LabelDefinition] {
        guard let items = reader.list(node, what: "'labels'", hint: "for example 'labels: [model_type, model_size]'") else {
            return []
        }
        var labels: [LabelDefinition] = []
        for item in items {
            if case .scalar = item {
                if let name = reader.string(item, what: "a label name") {
                    labels.append(LabelDefinition(name: name, location: reader.location(of: item)))
                }
                continue
            }
            guard let entries = reader.entries(of: item, allowed: SchemaKeys.label, what: "a label") else { continue }
            reader.requireKeys(SchemaKeys.requiredLabel, in: entries, of: item, what: "label")
            guard let nameNode = entries["name"]?.value, let name = reader.string(nameNode, what: "a label name")
            else { continue }
            var label = LabelDefinition(name: name, location: reader.location(of: nameNode))
            label.help = entries["help"].flatMap { reader.literalString($0.value, what: "'help'") }?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let valuesNode = entries["values"]?.value, let valueNodes = reader.list(valuesNode, what: "'values'", hint: "for example 'values: [allocated, free]'") {
                var values: [String] = []
                var locations: [SourceLocation] = []
                var swiftNames: [String?] = []
                for valueNode in valueNodes {
                    var node = valueNode
                    var swiftName: String?
                    if case .mapping = valueNode {
                        guard let parts = reader.entries(of: valueNode, allowed: SchemaKeys.labelValue, what: "a label value")
                        else { continue }
                        reader.requireKeys(SchemaKeys.requiredLabelValue, in: parts, of: valueNode, what: "label value")
                        guard let valuePart = parts["value"]?.value else { continue }
                        node = valuePart
                        swiftName = parts["swift_name"].flatMap { reader.string($0.value, what: "'swift_name'") }
                    }
                    guard let value = reader.literalString(node, what: "a label value") else { continue }
                    values.append(value)
                    locations.append(reader.location(of: node))
                    swiftNames.append(swiftName)
                }
                if swiftNames.contains(where: { $0 != nil }) { label.valueSwiftNames = swiftNames }
                if valueNodes.isEmpty {
                    reader.error(
                        "empty-values", "label '\(name)' has an empty 'values' list", at: valuesNode,
                        hint: "list the allowed values, or remove 'values' to allow any value")
                }
                label.values = values
                label.valueLocations = locations
            }
            labels.append(label)
        }
        return labels
    }

    private static func readConstantLabels(_ node: Node, reader: inout NodeReader) -> [ConstantLabel] {
        guard case .mapping(let mapping) = node else {
            reader.error(
                "wrong-kind", "expected a mapping for 'const_labels', found \(NodeReader.kind(of: node))", at: node,
                hint: "write constant labels as 'const_labels: {region: us-west}'")
            return []
        }
        var labels: [ConstantLabel] = []
        for (key, value) in mapping {
            guard let name = reader.string(key, what: "a constant label name"),
                let text = reader.literalString(value, what: "constant label '\(key.string ?? "")'")
            else { continue }
            if text.isEmpty {
                reader.error(
                    "empty-constant-label", "constant label '\(name)' has an empty value", at: value,
                    hint: "Prometheus treats an empty label value as an absent label; give it a value or remove it")
            }
            labels.append(ConstantLabel(name: name, value: text, location: reader.location(of: key)))
        }
        return labels
    }
}
