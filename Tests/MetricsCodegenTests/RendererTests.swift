import MetricsCodegen
import MetricsSchema
import Testing

/// Focused checks of the generated Swift for individual features.
@Suite struct RendererTests {
    func render(_ yaml: String, file: String = "app.metrics.yaml") throws -> String {
        let compilation = SchemaCompiler.compile(sources: [(file: file, text: yaml)])
        #expect(compilation.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        return SwiftGenerator.render(compilation.schemas)
    }

    func lines(_ text: String, containing fragment: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.contains(fragment) }
    }

    @Test func closedSetsAreIndexedWithMixedRadixStrides() throws {
        let output = try render("""
            version: 1
            metrics:
              - name: grid
                type: gauge
                help: Grid
                labels:
                  - {name: row, values: [a, b]}
                  - {name: column, values: [x, y, z]}
                  - {name: layer, values: [p, q]}
            """)
        #expect(lines(output, containing: "_grid[") == ["_grid[row._seriesIndex * 6 + column._seriesIndex * 2 + layer._seriesIndex]"])
        #expect(lines(output, containing: "reserveCapacity") == ["_series.reserveCapacity(12)"])
    }

    @Test func largeClosedProductsFallBackToTheFamily() throws {
        let values = (0..<33).map { "v\($0)" }.joined(separator: ", ")
        let output = try render("""
            version: 1
            metrics:
              - name: big
                type: gauge
                help: Big
                labels:
                  - {name: a, values: [\(values)]}
                  - {name: b, values: [\(values)]}
            """)
        #expect(lines(output, containing: "_big.labels") == ["_big.labels(a.rawValue, b.rawValue)"])
        #expect(lines(output, containing: "private let _big") == ["private let _big: GaugeVec"])
    }

    /// #14 defect 7: a large closed set used with an open label is not pre-created, so its enum gets
    /// no `_seriesIndex` switch (5,000 cases took 66 s to type-check; a plain enum takes well under 1 s).
    @Test func enumsOfFamiliesHaveNoSeriesIndexSwitch() throws {
        let values = (0..<1_000).map { "v\($0)" }.joined(separator: ", ")
        let output = try render("""
            version: 1
            metrics:
              - name: big
                type: gauge
                help: Big
                labels:
                  - {name: a, values: [\(values)]}
                  - model
              - name: small
                type: gauge
                help: Small
                labels:
                  - {name: b, values: [x, y]}
            """)
        #expect(lines(output, containing: "var _seriesIndex") == ["var _seriesIndex: Int {"])  // only B's
        #expect(lines(output, containing: "case .v999") == [])
        #expect(lines(output, containing: "case v999") == ["case v999"])
    }

    /// #11 item 7: the access level comes from the schema's `access:`, else the generator's default.
    @Test func accessLevelIsConfigurable() throws {
        let yaml = "version: 1\nmetrics:\n  - {name: a_total, type: counter, help: A, labels: [{name: k, values: [x]}]}\n"
        let compilation = SchemaCompiler.compile(sources: [(file: "app.metrics.yaml", text: yaml)])
        let internalOutput = SwiftGenerator.render(compilation.schemas, defaultAccess: .internal)
        #expect(lines(internalOutput, containing: "public ").isEmpty)
        #expect(lines(internalOutput, containing: "struct AppMetrics") == ["struct AppMetrics: Sendable {"])
        #expect(lines(internalOutput, containing: "enum K:") == ["enum K: String, Sendable, CaseIterable {"])
        let overridden = try render("version: 1\naccess: package\nmetrics:\n  - {name: a_total, type: counter, help: A}\n")
        #expect(lines(overridden, containing: "struct AppMetrics") == ["package struct AppMetrics: Sendable {"])
        #expect(lines(overridden, containing: "public ").isEmpty)
        #expect(lines(try render(yaml), containing: "struct AppMetrics") == ["public struct AppMetrics: Sendable {"])  // the default
    }

    @Test func enumsNeverShadowTypesTheGeneratedCodeUses() throws {
        let output = try render(
            "version: 1\ntype_name: Golden\nmetrics:\n  - {name: m, type: gauge, help: M, labels: [{name: golden, values: [a]}, {name: counter, values: [b]}, {name: type, values: [c]}]}\n")
        #expect(lines(output, containing: "public enum").prefix(3) == [
            "public enum GoldenLabel: String, Sendable, CaseIterable {",
            "public enum CounterLabel: String, Sendable, CaseIterable {",
            "public enum TypeLabel: String, Sendable, CaseIterable {",
        ])
    }

    @Test func moreThanFourLabelsUseTheArrayForm() throws {
        let output = try render("version: 1\nmetrics:\n  - {name: m_total, type: counter, help: M, labels: [a, b, c, d, e]}\n")
        #expect(lines(output, containing: "_mTotal.labels") == ["_mTotal.labels([a, b, c, d, e])"])
    }

    @Test func keywordsAreEscapedWhereNeeded() throws {
        let output = try render("version: 1\nmetrics:\n  - {name: default, type: gauge, help: D, labels: [in, let]}\n")
        #expect(lines(output, containing: "func `default`(") == [
            "public func `default`(in: String, `let`: String) -> Gauge {",
            "public static func `default`(in: String, `let`: String) -> Gauge {",
        ])
        #expect(lines(output, containing: "_default.labels") == ["_default.labels(`in`, `let`)"])
        #expect(lines(output, containing: "shared.`default`(") == ["Self.shared.`default`(in: `in`, `let`: `let`)"])
    }

    @Test func emptyPrefixRegistersWithoutPrefix() throws {
        let output = try render("version: 1\nprefix: \"\"\nmetrics:\n  - {name: up, type: gauge, help: Up}\n")
        #expect(lines(output, containing: "withPrefix") == ["let _registry = node.metrics.withPrefix(nil)"])
        #expect(lines(output, containing: "fullName =") == [#"public static let fullName = "up""#])
    }

    @Test func helpIsEscapedInLiteralsAndDocumented() throws {
        let output = try render(#"version: 1\#nmetrics:\#n  - {name: up, type: gauge, help: "say \"hi\" \\(x) \u0007"}\#n"#)
        #expect(lines(output, containing: "makeGauge") == [#"try _registry.makeGauge("up", help: "say \"hi\" \\(x) \u{7}")"#])
    }

    @Test func schemaTextNeverLeavesAComment() throws {
        let output = try render(
            "version: 1\nmetrics:\n  - {name: up, type: gauge, help: \"a\\rb\\u2028c\\nd\", labels: [{name: v, values: [\"x\\ry\"]}]}\n",
            file: "evil\rname.metrics.yaml")
        #expect(!output.unicodeScalars.contains { $0 == "\r" || $0 == "\u{2028}" })
        #expect(lines(output, containing: "/// a b c").count == 2)
        #expect(output.hasPrefix("// Generated by metrics-schema from evil name.metrics.yaml. Do not edit.\n"))
    }

    @Test func outputIsDeterministicWhateverTheInputOrder() throws {
        let a = (file: "/abs/path/a.metrics.yaml", text: "version: 1\nmetrics:\n  - {name: a, type: gauge, help: A}\n")
        let b = (file: "rel/b.metrics.yaml", text: "version: 1\nmetrics:\n  - {name: b, type: gauge, help: B}\n")
        let forward = SwiftGenerator.render(SchemaCompiler.compile(sources: [a, b]).schemas)
        let backward = SwiftGenerator.render(SchemaCompiler.compile(sources: [b, a]).schemas)
        #expect(forward == backward)
        #expect(forward.hasPrefix("// Generated by metrics-schema from a.metrics.yaml, b.metrics.yaml. Do not edit.\n"))
        #expect(!forward.contains("/abs/path"))
    }

    @Test func aThousandMetricSchemaRenders() throws {
        var yaml = "version: 1\nmetrics:\n"
        for index in 0..<1_000 {
            yaml += "  - name: metric_\(index)_total\n    type: counter\n    help: Metric \(index)\n"
            if index.isMultiple(of: 2) { yaml += "    labels: [model, {name: status, values: [ok, error]}]\n" }
        }
        let compilation = SchemaCompiler.compile(sources: [(file: "big.metrics.yaml", text: yaml)])
        #expect(compilation.diagnostics.isEmpty)
        let output = SwiftGenerator.render(compilation.schemas)
        #expect(lines(output, containing: "public static let fullName").count == 1_000)
        #expect(lines(output, containing: "public let metric").count == 500)
        #expect(lines(output, containing: "public func metric").count == 500)
    }
}
