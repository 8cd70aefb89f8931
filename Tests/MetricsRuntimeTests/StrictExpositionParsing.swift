import MetricsExpositionParser
import MetricsRuntime

/// The project's one exposition parser (``ExpositionParser``) used strictly: a scrape this
/// library writes must parse without a single skipped line.
struct ExpositionProblems: Error, CustomStringConvertible {
    let problems: [ExpositionProblem]
    var description: String { problems.map(\.description).joined(separator: "\n") }
}

func parseStrictly(_ text: String, format: ExpositionFormat = .prometheusText) throws -> ParsedExposition {
    let parsed = ExpositionParser.parse(text, dialect: format == .openMetrics ? .openMetrics : .prometheusText)
    guard parsed.problems.isEmpty else { throw ExpositionProblems(problems: parsed.problems) }
    return parsed
}

extension ParsedExposition {
    /// `# HELP` by family name.
    var help: [String: String] {
        Dictionary(families.compactMap { family in family.help.map { (family.name, $0) } }, uniquingKeysWith: { first, _ in first })
    }
    /// `# TYPE` by family name.
    var types: [String: String] {
        Dictionary(families.filter(\.declared).map { ($0.name, $0.type.rawValue) }, uniquingKeysWith: { first, _ in first })
    }
}

extension ParsedSample {
    /// Label names in the order they appear.
    var labelOrder: [String] { labels.map(\.name) }
}

extension [ParsedLabel] {
    subscript(_ name: String) -> String? { first { $0.name == name }?.value }
}
