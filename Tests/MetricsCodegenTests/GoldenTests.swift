import Foundation
import MetricsCodegen
import MetricsSchema
import Testing

/// The committed `Tests/GeneratedMetricsFixtures/GeneratedMetrics.swift` must equal fresh generator
/// output for the fixture schemas, byte for byte (GeneratedMetricsTests compiles and runs that copy).
/// To accept an intended change, run the tests with `UPDATE_GOLDEN=1` and review the diff.
@Suite struct GoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("GeneratedMetricsFixtures")

    @Test func committedFixtureMatchesFreshOutput() throws {
        let schemas = [
            "golden.metrics.yaml", "edge.metrics.yaml", "empty.metrics.yaml", "binding.metrics.yaml", "raw.metrics.yaml",
        ].map { Self.fixtures.appendingPathComponent($0).path }
        let compilation = SchemaCompiler.compile(files: schemas)
        #expect(compilation.diagnostics.map(\.description) == [])
        let fresh = SwiftGenerator.render(compilation.schemas)
        let goldenURL = Self.fixtures.appendingPathComponent("GeneratedMetrics.swift")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(fresh.utf8).write(to: goldenURL)
        }
        let golden = try String(contentsOf: goldenURL, encoding: .utf8)
        let diff = LineDiff.render(expected: golden, actual: fresh)
        #expect(diff.isEmpty, "GeneratedMetrics.swift differs from fresh output (- committed, + fresh); run with UPDATE_GOLDEN=1 to accept:\n\(diff)")
    }

    @Test func lineDiffShowsChangedLines() {
        #expect(LineDiff.render(expected: "a\nb\nc", actual: "a\nB\nc", context: 0) == "@@ expected line 2 @@\n-b\n+B")
        #expect(LineDiff.render(expected: "same", actual: "same") == "")
    }
}
