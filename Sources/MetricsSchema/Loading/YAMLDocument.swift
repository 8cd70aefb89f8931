import Foundation
import Yams

/// Turns schema text into a Yams node tree, or into diagnostics: syntax errors with their position,
/// and inputs that could exhaust time or memory (oversized files, aliases used as mapping keys,
/// aliases that multiply the tree beyond `ExpansionBudget`).
///
/// Deep nesting is bounded by libyaml itself (1,000 levels), which reports a parser error.
enum YAMLDocument {
    /// The largest schema file accepted, in bytes.
    static let maximumSize = 8 * 1024 * 1024

    /// The composed root node (`nil` for an empty document) or the diagnostics that stopped composing.
    static func compose(_ text: String, file: String) -> Result<Node?, DiagnosticList> {
        if text.utf8.count > maximumSize {
            return .failure(DiagnosticList([tooLarge(size: text.utf8.count, file: file)]))
        }
        if let unsafe = AliasKeyScan.firstAliasedComplexKey(in: text) {
            return .failure(DiagnosticList([Diagnostic(
                .error, code: "yaml-complex-key",
                "complex mapping keys (explicit '?' keys, collections or aliases as keys) are not supported in a document that uses aliases",
                at: SourceLocation(file: file, line: unsafe.line, column: unsafe.column),
                hint: "write mapping keys as plain strings")]))
        }
        do {
            let root = try Yams.compose(yaml: text)
            let limit = ExpansionBudget.limit(forUTF8Count: text.utf8.count)
            if let root, let culprit = ExpansionBudget.exceeded(root, limit: limit) {
                let mark = culprit.mark
                return .failure(DiagnosticList([Diagnostic(
                    .error, code: "yaml-alias-expansion",
                    "aliases expand this document to more than \(limit) nodes",
                    at: SourceLocation(file: file, line: max(1, mark?.line ?? 1), column: max(1, mark?.column ?? 1)),
                    hint: "use aliases only to share small lists such as label names")]))
            }
            return .success(root)
        } catch let error as YamlError {
            return .failure(DiagnosticList([diagnostic(for: error, text: text, file: file)]))
        } catch {
            return .failure(DiagnosticList([Diagnostic(
                .error, code: "yaml-syntax", "invalid YAML", at: SourceLocation(file: file, line: 1, column: 1))]))
        }
    }

    /// `file-too-large`, with the size when it is known (a device or pipe has none).
    static func tooLarge(size: Int?, file: String) -> Diagnostic {
        Diagnostic(
            .error, code: "file-too-large",
            "schema file is \(size.map { "\($0) bytes" } ?? "larger than the limit"); the limit is \(maximumSize) bytes",
            at: SourceLocation(file: file, line: 1, column: 1),
            hint: "split the schema into several files")
    }

    /// Our own diagnostic for a Yams error: its problem and position, never Yams's whole description.
    static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: max(1, mark.line), column: max(1, mark.column))
        }
        func describe(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context, !context.text.isEmpty else { return "invalid YAML: \(problem)" }
            return "invalid YAML: \(problem) (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level reached") {
                return Diagnostic(
                    .error, code: "yaml-too-deep", "YAML nesting is deeper than libyaml's limit of 1000 levels",
                    at: at(mark), hint: "a schema needs only a few levels")
            }
            if problem == "but found another document" {
                return Diagnostic(
                    .error, code: "yaml-syntax", "a schema file holds one YAML document, but a second one starts here",
                    at: at(mark), hint: "put each schema in its own file")
            }
            return Diagnostic(.error, code: "yaml-syntax", describe(problem, context), at: at(mark))
        case .reader(let problem, let offset, _, _):
            // Yams turns libyaml's byte offset into a count of Characters.
            return Diagnostic(
                .error, code: "yaml-syntax", "invalid YAML: \(problem)",
                at: location(ofCharacterOffset: offset ?? 0, in: text, file: file))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            let first = at(context.mark)
            if let second = DuplicateKeyLocator.nextOccurrence(of: key, after: context.mark, in: text) {
                return Diagnostic(
                    .error, code: "yaml-duplicate-key", "duplicate key '\(key)' in mapping",
                    at: SourceLocation(file: file, line: second.line, column: second.column),
                    hint: "remove one of the two entries",
                    notes: [.init(message: "'\(key)' is first used here", location: first)])
            }
            return Diagnostic(.error, code: "yaml-duplicate-key", "duplicate key '\(key)' in mapping", at: first)
        default:
            return Diagnostic(
                .error, code: "yaml-syntax", "invalid YAML", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    /// The 1-based line and column (in Unicode scalars) of the `offset`-th Character.
    static func location(ofCharacterOffset offset: Int, in text: String, file: String) -> SourceLocation {
        let end = text.index(text.startIndex, offsetBy: max(0, offset), limitedBy: text.endIndex) ?? text.endIndex
        return location(ofUTF8Offset: text.utf8.distance(from: text.startIndex, to: end), in: text, file: file)
    }

    /// The 1-based line and column (in Unicode scalars) of a UTF-8 byte offset.
    static func location(ofUTF8Offset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += UTF8.width(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

/// A list of diagnostics that can travel as a `Result` failure.
struct DiagnosticList: Error {
    var diagnostics: [Diagnostic]
    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Finds the second occurrence of a duplicated key: the next line, after the first one, that holds
/// `key:` at the same column (Yams reports only the first occurrence).
enum DuplicateKeyLocator {
    static func nextOccurrence(of key: String, after mark: Mark, in text: String) -> (line: Int, column: Int)? {
        guard !key.isEmpty else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line < lines.count else { return nil }
        for index in mark.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let start = mark.column - 1
            guard start >= 0, start < scalars.count else { continue }
            var rest = String(String.UnicodeScalarView(scalars[start...]))
            if rest.hasPrefix("- ") { continue }
            for quote in ["\"", "'"] where rest.hasPrefix(quote + key + quote) {
                rest = key + rest.dropFirst(key.count + 2)
            }
            guard rest.hasPrefix(key) else { continue }
            let after = rest.dropFirst(key.count).drop { $0 == " " }
            if after.hasPrefix(":") { return (index + 1, mark.column) }
        }
        return nil
    }
}
