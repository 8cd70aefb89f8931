import Foundation
import MetricsCodegen
import MetricsSchema
import Testing

/// `docs/dynamo-metrics-catalog.md` is the Markdown reference of `schemas/dynamo`; it must be what
/// `metrics-schema docs` produces now, so the catalog's documentation never drifts from its schemas.
@Suite struct CatalogDocumentationTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func dynamoCatalogReferenceIsCurrent() throws {
        let folder = Self.root.appending(path: "schemas/dynamo")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))
            .filter { $0.hasSuffix(".metrics.yaml") }.sorted()
            .map { folder.appending(path: $0).path(percentEncoded: false) }
        let compilation = SchemaCompiler.compile(files: files)
        #expect(!compilation.hasErrors)
        let committed = try String(
            contentsOf: Self.root.appending(path: "docs/dynamo-metrics-catalog.md"), encoding: .utf8)
        let current = MarkdownGenerator.render(compilation.schemas)
        if current != committed {
            Issue.record("docs/dynamo-metrics-catalog.md is stale; regenerate it with: swift run metrics-schema docs schemas/dynamo --output docs/dynamo-metrics-catalog.md")
        }
        expectText(current, committed)
    }
}
