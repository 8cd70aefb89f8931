import Yams

/// Reads `stability:` and `deprecated: {since, replacement, note}` of a metric.
enum LifecycleReader {
    static func read(_ entries: [String: (key: Node, value: Node)], into metric: inout MetricDefinition, reader: inout NodeReader) {
        if let node = entries["stability"]?.value {
            metric.stability = reader.choice(node, as: Stability.self, what: "'stability'", unknown: "unknown stability level")
            metric.stabilityLocation = reader.location(of: node)
        }
        guard let node = entries["deprecated"]?.value,
            let parts = reader.entries(of: node, allowed: SchemaKeys.deprecation, what: "'deprecated'")
        else { return }
        reader.requireKeys(SchemaKeys.requiredDeprecation, in: parts, of: node, what: "'deprecated'")
        guard let since = parts["since"].flatMap({ reader.string($0.value, what: "'since'") }) else { return }
        let replacement = parts["replacement"].flatMap { reader.string($0.value, what: "'replacement'") }
        let note = parts["note"].flatMap { reader.literalString($0.value, what: "'note'") }?
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        metric.deprecation = Deprecation(
            since: since, replacement: replacement, note: note, location: reader.location(of: node),
            replacementLocation: parts["replacement"].map { reader.location(of: $0.value) })
    }
}
