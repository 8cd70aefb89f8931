import Yams

/// Reads `buckets:`: a list of numbers, `{linear: {start, width, count}}` or
/// `{exponential: {start, factor, count}}`. Value checks (order, finiteness, parameters) are in `BucketChecks`.
enum BucketReader {
    static func read(_ node: Node, reader: inout NodeReader) -> BucketSpec? {
        switch node {
        case .sequence(let items):
            var bounds: [Double] = []
            var valid = true
            for item in items {
                if let value = reader.double(item, what: "a bucket bound") { bounds.append(value) } else { valid = false }
            }
            return valid ? .explicit(bounds) : nil
        case .mapping:
            guard let entries = reader.entries(of: node, allowed: SchemaKeys.bucketGenerators, what: "'buckets'")
            else { return nil }
            guard entries.count == 1, let (kind, entry) = entries.first else {
                if entries.isEmpty {
                    reader.error(
                        "wrong-kind", "'buckets' needs 'linear', 'exponential' or 'log'", at: node,
                        hint: "for example 'buckets: {linear: {start: 0.1, width: 0.1, count: 10}}'")
                } else {
                    reader.error("wrong-kind", "'buckets' takes one of 'linear', 'exponential' or 'log', not several", at: node)
                }
                return nil
            }
            if kind == "log" { return readLog(entry.value, reader: &reader) }
            let keys = kind == "linear" ? SchemaKeys.linearBuckets : SchemaKeys.exponentialBuckets
            guard let parameters = reader.entries(of: entry.value, allowed: keys, what: "'\(kind)' buckets") else {
                return nil
            }
            reader.requireKeys(keys, in: parameters, of: entry.value, what: "'\(kind)' buckets")
            let start = parameters["start"].flatMap { reader.double($0.value, what: "'start'") }
            let step = parameters[keys[1]].flatMap { reader.double($0.value, what: "'\(keys[1])'") }
            let count = parameters["count"].flatMap { reader.int($0.value, what: "'count'") }
            guard let start, let step, let count else { return nil }
            return kind == "linear"
                ? .linear(start: start, width: step, count: count)
                : .exponential(start: start, factor: step, count: count)
        default:
            reader.error(
                "wrong-kind", "expected a list of numbers or a mapping for 'buckets', found \(NodeReader.kind(of: node))",
                at: node, hint: "for example 'buckets: [0.01, 0.1, 1]'")
            return nil
        }
    }

    /// `{log: {min, max, count, env}}`.
    private static func readLog(_ node: Node, reader: inout NodeReader) -> BucketSpec? {
        guard let parameters = reader.entries(of: node, allowed: SchemaKeys.logBuckets, what: "'log' buckets") else {
            return nil
        }
        reader.requireKeys(SchemaKeys.requiredLogBuckets, in: parameters, of: node, what: "'log' buckets")
        let min = parameters["min"].flatMap { reader.double($0.value, what: "'min'") }
        let max = parameters["max"].flatMap { reader.double($0.value, what: "'max'") }
        let count = parameters["count"].flatMap { reader.int($0.value, what: "'count'") }
        let environment = parameters["env"].flatMap { reader.string($0.value, what: "'env'") }
        guard let min, let max, let count else { return nil }
        return .log(min: min, max: max, count: count, environment: environment)
    }
}
