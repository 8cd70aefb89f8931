import Yams

/// Reads the top-level keys about binding: `binding: hierarchy|raw`, `bound_labels: [name, …]`
/// `prefix_parameter: name` and `prefix_env: VARIABLE`. Name checks (syntax, reserved, collisions) are in `BindingChecks`.
enum BindingReader {
    static func read(_ entries: [String: (key: Node, value: Node)], into schema: inout MetricSchema, reader: inout NodeReader) {
        if let node = entries["binding"]?.value,
            let binding = reader.choice(node, as: SchemaBinding.self, what: "'binding'", unknown: "unknown binding")
        {
            schema.binding = binding
        }
        if let node = entries["bound_labels"]?.value,
            let items = reader.list(node, what: "'bound_labels'", hint: "for example 'bound_labels: [router_id]'")
        {
            for item in items {
                if let name = reader.string(item, what: "a bound label name") {
                    schema.boundLabels.append(BoundName(name: name, location: reader.location(of: item)))
                }
            }
        }
        if let node = entries["prefix_parameter"]?.value, let name = reader.string(node, what: "'prefix_parameter'") {
            schema.prefixParameter = BoundName(name: name, location: reader.location(of: node))
        }
        if let node = entries["prefix_env"]?.value, let name = reader.string(node, what: "'prefix_env'") {
            schema.prefixEnvironment = BoundName(name: name, location: reader.location(of: node))
        }
    }
}
