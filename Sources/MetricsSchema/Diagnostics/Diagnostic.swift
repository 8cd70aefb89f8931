/// How serious a finding is.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The schema cannot be compiled.
    case error
    /// The schema compiles but breaks a convention (promlint's rules); `lint --strict` treats it as an error.
    case warning
    /// Extra information attached to another finding (for example "first declared here").
    case note
}

/// One finding about a schema: what is wrong, where, and how to fix it.
///
/// Rendered in the compiler format that SwiftPM, Xcode and editors understand:
/// ```
/// schemas/app.metrics.yaml:3:11: error: unknown metric type 'countr'; did you mean 'counter'?
/// schemas/app.metrics.yaml:7:13: note: 'requests_total' is first declared here
/// ```
/// The hint is appended to the message after "; ", and each related note follows on its own line.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious the finding is.
    public var severity: DiagnosticSeverity
    /// A stable identifier of the rule that produced the finding (for example `unknown-key`).
    public var code: String
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// Where the offending YAML node starts.
    public var location: SourceLocation
    /// How to fix it, if there is something useful to say (for example "did you mean 'histogram'?").
    public var hint: String?
    /// Related places, each rendered as a `note:` line after the finding.
    public var notes: [Note]

    /// A related place attached to a diagnostic.
    public struct Note: Sendable, Hashable, Codable {
        /// What the related place is.
        public var message: String
        /// Where it is.
        public var location: SourceLocation

        /// Creates a note.
        public init(message: String, location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    /// Creates a diagnostic.
    public init(
        _ severity: DiagnosticSeverity,
        code: String,
        _ message: String,
        at location: SourceLocation,
        hint: String? = nil,
        notes: [Note] = []
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
    }

    /// The first line: `path:line:col: severity: message[; hint]`.
    public var headline: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "; \(hint)" }
        return text
    }

    /// The headline followed by one `path:line:col: note: …` line per note, separated by newlines.
    public var description: String {
        ([headline] + notes.map { "\($0.location): note: \($0.message)" }).joined(separator: "\n")
    }

    /// A copy with `severity` replaced (used by `lint --strict` to turn warnings into errors).
    public func with(severity: DiagnosticSeverity) -> Diagnostic {
        var copy = self
        copy.severity = severity
        return copy
    }
}

extension Sequence<Diagnostic> {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics ordered by file, line, column, severity (errors first), then message, so
    /// output is deterministic.
    public func sortedByLocation() -> [Diagnostic] {
        func rank(_ severity: DiagnosticSeverity) -> Int {
            switch severity {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
        return sorted {
            ($0.location.file, $0.location.line, $0.location.column, rank($0.severity), $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, rank($1.severity), $1.message)
        }
    }
}
