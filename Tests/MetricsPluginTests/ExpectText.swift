import Testing

/// Expects `actual == expected` byte for byte; on a mismatch the failure names the first
/// differing line and shows both texts with line numbers.
func expectText(_ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual != expected else { return }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(actualLines.count, expectedLines.count)
    func numbered(_ lines: [Substring]) -> String {
        lines.enumerated().map { "\($0.offset + 1)\t\($0.element)" }.joined(separator: "\n")
    }
    let line = { (lines: [Substring]) in lines.indices.contains(first) ? "'\(lines[first])'" : "(no line)" }
    Issue.record(
        """
        text differs at line \(first + 1):
          expected: \(line(expectedLines))
          actual:   \(line(actualLines))
        --- expected
        \(numbered(expectedLines))
        --- actual
        \(numbered(actualLines))
        """,
        sourceLocation: sourceLocation)
}
