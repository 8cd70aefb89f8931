import Yams

/// Reads typed values out of Yams nodes, recording a diagnostic (with the node's position) for every
/// value of the wrong kind instead of stopping.
struct NodeReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    mutating func error(_ code: String, _ message: String, at node: Node?, hint: String? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location(of: node), hint: hint, notes: notes))
    }

    /// The node's 1-based position (Yams marks are already 1-based), or 1:1 for nodes without a mark.
    func location(of node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
    }

    /// "a mapping", "a list", "a string", "null" — for "expected X, found Y" messages.
    static func kind(of node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(scalar) { return "null" }
            return "'\(scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string)'"
        }
    }

    /// A plain scalar that YAML resolves to null (`~`, `null`, or nothing at all).
    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The mapping's entries keyed by name; unknown keys and non-string keys are reported.
    mutating func entries(of node: Node, allowed: [String], what: String) -> [String: (key: Node, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            error("wrong-kind", "expected a mapping for \(what), found \(Self.kind(of: node))", at: node)
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                error("wrong-kind", "keys of \(what) must be strings, found \(Self.kind(of: key))", at: key)
                continue
            }
            guard allowed.contains(scalar.string) else {
                let known = allowed.map { "'\($0)'" }.joined(separator: ", ")
                error(
                    "unknown-key", "unknown key '\(scalar.string)' in \(what)", at: key,
                    hint: Suggestions.didYouMean(scalar.string, in: allowed) ?? "known keys: \(known)")
                continue
            }
            result[scalar.string] = (key, value)
        }
        return result
    }

    /// Reports each key of `required` missing from `entries`, at `node`.
    mutating func requireKeys(_ required: [String], in entries: [String: (key: Node, value: Node)], of node: Node, what: String) {
        for key in required where entries[key] == nil {
            error("missing-key", "\(what) is missing '\(key)'", at: node)
        }
    }

    /// A non-null scalar's text, exactly as written (YAML 1.1 words such as `no` stay strings).
    mutating func string(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(scalar) else {
            error("wrong-kind", "expected a string for \(what), found \(Self.kind(of: node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// Any scalar's text, exactly as written: the empty plain scalar is the empty string.
    mutating func literalString(_ node: Node, what: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error("wrong-kind", "expected a string for \(what), found \(Self.kind(of: node))", at: node)
            return nil
        }
        return scalar.string
    }

    /// A number, in any YAML 1.1 spelling Yams understands (`1`, `0.5`, `1e-3`, `.inf`).
    mutating func double(_ node: Node, what: String) -> Double? {
        guard case .scalar(let scalar) = node, !Self.isNull(scalar), let value = Double.construct(from: scalar) else {
            error("wrong-kind", "expected a number for \(what), found \(Self.kind(of: node))", at: node)
            return nil
        }
        return value
    }

    /// An integer.
    mutating func int(_ node: Node, what: String) -> Int? {
        guard case .scalar(let scalar) = node, !Self.isNull(scalar), let value = Int.construct(from: scalar) else {
            error("wrong-kind", "expected an integer for \(what), found \(Self.kind(of: node))", at: node)
            return nil
        }
        return value
    }

    /// The elements of a list.
    mutating func list(_ node: Node, what: String, hint: String? = nil) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error("wrong-kind", "expected a list for \(what), found \(Self.kind(of: node))", at: node, hint: hint)
            return nil
        }
        return Array(sequence)
    }

    /// One of `allowed`'s raw values, with a "did you mean" hint for near misses.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, as type: T.Type, what: String, unknown: String) -> T?
    where T.RawValue == String {
        guard let text = string(node, what: what) else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        error(
            "unknown-value", "\(unknown) '\(text)'", at: node,
            hint: Suggestions.didYouMean(text, in: options) ?? "use one of \(options.map { "'\($0)'" }.joined(separator: ", "))")
        return nil
    }
}
