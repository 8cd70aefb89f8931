/// Which NEW metric each OLD metric is compared with in `SchemaDiff`.
///
/// OLD and NEW schemas are paired first (same file path; else same file name and type name; else
/// the same type name when it is unique on both sides), and a metric is looked up by full name in
/// its schema's counterpart. Only a metric not found there is looked up in the other NEW schemas
/// (it moved between files), among NEW metrics no pairing claimed. So two unrelated schemas that
/// declare the same full name are never compared with each other's new version.
struct MetricMatching {
    /// NEW `(schema position, metric)` per `(OLD schema position, full name)`.
    private var matches: [Key: (MetricSchema, MetricDefinition)] = [:]
    /// `(NEW schema position, full name)` of every NEW metric some OLD metric is compared with.
    private var claimed: Set<Key> = []

    private struct Key: Hashable {
        var schema: Int
        var fullName: String
    }

    init(old: [MetricSchema], new: [MetricSchema]) {
        let pairs = Self.pair(old: old, new: new)
        var unmatched: [(Int, String)] = []
        for (oldPosition, schema) in old.enumerated() {
            for metric in schema.metrics {
                let fullName = schema.fullName(of: metric)
                if let newPosition = pairs[oldPosition], let found = Self.metric(named: fullName, in: new[newPosition]) {
                    matches[Key(schema: oldPosition, fullName: fullName)] = (new[newPosition], found)
                    claimed.insert(Key(schema: newPosition, fullName: fullName))
                } else {
                    unmatched.append((oldPosition, fullName))
                }
            }
        }
        for (oldPosition, fullName) in unmatched {
            for (newPosition, schema) in new.enumerated() where !claimed.contains(Key(schema: newPosition, fullName: fullName)) {
                guard let found = Self.metric(named: fullName, in: schema) else { continue }
                matches[Key(schema: oldPosition, fullName: fullName)] = (schema, found)
                claimed.insert(Key(schema: newPosition, fullName: fullName))
                break
            }
        }
    }

    /// The NEW metric the OLD metric `fullName` of `old[position]` is compared with.
    func counterpart(ofOld position: Int, _ fullName: String) -> (MetricSchema, MetricDefinition)? {
        matches[Key(schema: position, fullName: fullName)]
    }

    /// Whether some OLD metric is compared with NEW metric `fullName` of `new[position]`.
    func isMatched(new position: Int, _ fullName: String) -> Bool {
        claimed.contains(Key(schema: position, fullName: fullName))
    }

    private static func metric(named fullName: String, in schema: MetricSchema) -> MetricDefinition? {
        schema.metrics.first { schema.fullName(of: $0) == fullName }
    }

    /// OLD schema position → NEW schema position.
    private static func pair(old: [MetricSchema], new: [MetricSchema]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var taken: Set<Int> = []
        func fileName(_ path: String) -> Substring { path.split(separator: "/").last ?? Substring(path) }
        let rules: [(MetricSchema, MetricSchema) -> Bool] = [
            { $0.file == $1.file },
            { fileName($0.file) == fileName($1.file) && $0.typeName == $1.typeName },
            { a, b in a.typeName == b.typeName && old.filter { $0.typeName == a.typeName }.count == 1
                && new.filter { $0.typeName == b.typeName }.count == 1 },
        ]
        for rule in rules {
            for (oldPosition, schema) in old.enumerated() where pairs[oldPosition] == nil {
                if let newPosition = new.indices.first(where: { !taken.contains($0) && rule(schema, new[$0]) }) {
                    pairs[oldPosition] = newPosition
                    taken.insert(newPosition)
                }
            }
        }
        return pairs
    }
}
