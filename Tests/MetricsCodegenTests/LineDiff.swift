/// A small unified-style line diff for readable golden-test failures (longest common subsequence).
enum LineDiff {
    /// `-` lines only in `expected`, `+` lines only in `actual`, with `context` unchanged lines around
    /// each change; empty when the texts are equal.
    static func render(expected: String, actual: String, context: Int = 3) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a != b else { return "" }
        guard a.count * b.count <= 25_000_000 else { return "texts too large to diff (\(a.count) vs \(b.count) lines)" }
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [(tag: Character, line: String, number: Int)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append((" ", a[i], i + 1))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                edits.append(("-", a[i], i + 1))
                i += 1
            } else {
                edits.append(("+", b[j], i + 1))
                j += 1
            }
        }
        let changed = edits.indices.filter { edits[$0].tag != " " }
        var output: [String] = []
        var lastPrinted = -1
        for index in changed {
            let start = max(lastPrinted + 1, index - context)
            if start > lastPrinted + 1 { output.append("@@ expected line \(edits[start].number) @@") }
            for k in start...min(edits.count - 1, index + context) where k > lastPrinted {
                output.append("\(edits[k].tag)\(edits[k].line)")
                lastPrinted = k
            }
        }
        return output.joined(separator: "\n")
    }
}
