/// Collects the findings of the checks; no check ever stops the others.
struct CheckContext {
    private(set) var diagnostics: [Diagnostic] = []

    mutating func error(_ code: String, _ message: String, at location: SourceLocation, hint: String? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics.append(Diagnostic(.error, code: code, message, at: location, hint: hint, notes: notes))
    }

    /// A convention warning about `metric`, unless the metric lists `code` under `no_lint`.
    mutating func warning(
        _ code: String, _ message: String, at location: SourceLocation, hint: String? = nil, for metric: MetricDefinition
    ) {
        guard !metric.noLint.contains(code) else { return }
        diagnostics.append(Diagnostic(.warning, code: code, message, at: location, hint: hint))
    }
}

/// Prometheus name syntax.
enum PrometheusSyntax {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isValidMetricName(_ name: String) -> Bool {
        isValid(name, allowColon: true)
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    static func isValidLabelName(_ name: String) -> Bool {
        isValid(name, allowColon: false)
    }

    private static func isValid(_ name: String, allowColon: Bool) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
                || (allowColon && $0 == ":")
        }
    }

}
