import MetricsSchema
import Testing

/// Hostile or broken input ends in diagnostics, never a crash or a hang.
@Suite struct RobustnessTests {
    @Test func emptyFile() {
        #expect(diagnostics("") == ["app.metrics.yaml:1:1: error: schema file is empty; start with 'version: 1' and a 'metrics:' list"])
        #expect(diagnostics("# only a comment\n") == [
            "app.metrics.yaml:1:1: error: schema file is empty; start with 'version: 1' and a 'metrics:' list",
        ])
    }

    @Test func topLevelScalar() {
        #expect(diagnostics("hello") == ["app.metrics.yaml:1:1: error: expected a mapping for the schema, found 'hello'"])
    }

    @Test func invalidUTF8() {
        let bytes = Array("version: 1\nmetrics:\n  - name: a\u{E9}".utf8.dropLast(2)) + [0xFF, 0xFE]
        let result = SchemaLoader.load(bytes: bytes, file: "bin.metrics.yaml")
        #expect(result.diagnostics.map(\.description) == [
            "bin.metrics.yaml:3:12: error: schema file is not valid UTF-8 (byte 31); save the file as UTF-8",
        ])
    }

    @Test func controlCharacterAfterNonASCIITextIsPlacedByCharacter() {
        #expect(diagnostics("version: 1\n# é👍🏽 ok\nmetrics: [\u{1}]\n") == [
            "app.metrics.yaml:3:11: error: invalid YAML: control characters are not allowed",
        ])
    }

    @Test func binaryJunkAndControlCharacters() {
        let result = SchemaLoader.load(bytes: [0x00, 0x01, 0x02, 0x7F, 0x41], file: "junk.yaml")
        #expect(result.schema == nil)
        #expect(result.diagnostics.map(\.description) == [
            "junk.yaml:1:1: error: invalid YAML: control characters are not allowed",
        ])
    }

    @Test func tabsInIndentation() {
        #expect(diagnostics("version: 1\nmetrics:\n\t- name: a\n") == [
            "app.metrics.yaml:3:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token at line 3, column 1)",
        ])
    }

    @Test func deepNestingIsReportedNotOverflowed() throws {
        let depth = 5_000
        let yaml = "version: 1\nmetrics: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:2:11: error: YAML nesting is deeper than libyaml's limit of 1000 levels; a schema needs only a few levels",
        ])
        var indented = "version: 1\nmetrics:\n"
        for level in 0..<3_000 { indented += String(repeating: " ", count: level + 1) + "k\(level):\n" }
        #expect(diagnostics(indented) == [
            "app.metrics.yaml:1001:1000: error: YAML nesting is deeper than libyaml's limit of 1000 levels; a schema needs only a few levels",
        ])
    }

    @Test func aliasBombAsValuesIsHarmless() {
        var yaml = "version: 1\nlol0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "lol\(level): &l\(level) [\(refs)]\n"
        }
        yaml += "metrics: *l9\n"
        let found = diagnostics(yaml)
        #expect(found.count == 10 + 10)  // ten unknown keys, and ten list items that are not metrics
        #expect(found.first == "app.metrics.yaml:2:1: error: unknown key 'lol0' in the schema; known keys: 'version', 'prefix', 'type_name', 'metrics', 'binding', 'bound_labels', 'prefix_parameter'")
        #expect(found.filter { $0.hasSuffix("error: expected a mapping for a metric, found a list") }.count == 10)
    }

    @Test func aliasBombAsKeyIsRejectedBeforeComposing() {
        var yaml = "version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        yaml += "metrics:\n  *a12 : boom\n"
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:16:3: error: complex mapping keys (explicit '?' keys, collections or aliases as keys) are not supported in a document that uses aliases; write mapping keys as plain strings",
        ])
    }

    @Test func aliasesForSharedLabelListsWork() throws {
        let yaml = schema(
            """
              - name: a_total
                type: counter
                help: A
                labels: &common [model, endpoint]
              - name: b_total
                type: counter
                help: B
                labels: *common

            """)
        let loaded = try #require(loadClean(yaml))
        #expect(loaded.metrics.map { $0.labels.map(\.name) } == [["model", "endpoint"], ["model", "endpoint"]])
    }

    @Test func hugeFileIsRejectedWithADiagnostic() {
        let yaml = "version: 1\nmetrics: []\n# " + String(repeating: "x", count: 8 * 1024 * 1024) + "\n"
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:1:1: error: schema file is \(yaml.utf8.count) bytes; the limit is 8388608 bytes; split the schema into several files",
        ])
    }

    @Test func multipleDocumentsAreASyntaxError() {
        #expect(diagnostics("version: 1\nmetrics: []\n---\nversion: 1\n") == [
            "app.metrics.yaml:3:1: error: a schema file holds one YAML document, but a second one starts here; put each schema in its own file",
        ])
    }
}
