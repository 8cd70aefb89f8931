import Foundation
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

    /// Composing shares anchored nodes, so a bomb used as a value composes quickly; walking it would
    /// not, so the expansion budget rejects it at the anchored list being multiplied.
    @Test func aliasBombAsValuesIsRejectedByTheExpansionBudget() {
        var yaml = "version: 1\nlol0: &l0 [a, a, a, a, a, a, a, a, a, a]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "lol\(level): &l\(level) [\(refs)]\n"
        }
        yaml += "metrics: *l9\n"
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:2:7: error: aliases expand this document to more than 100000 nodes; use aliases only to share small lists such as label names",
        ])
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

    /// #14 defect 5: an apostrophe inside a plain scalar made the old text scan take the rest of the
    /// file for a quoted string, so it never saw the alias key below it and composing hung.
    @Test func aliasKeyAfterAnApostropheInAPlainScalarIsRejected() {
        var yaml = "version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        for plain in ["note: it 'is\n", "note: don't\n", "note: a \"b\n", "# it's 'a comment\n", "note: x\n  'continued\n"] {
            let text = yaml + plain + "metrics:\n  *a12 : boom\n"
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
            #expect(diagnostics(text) == [
                "app.metrics.yaml:\(line):3: error: complex mapping keys (explicit '?' keys, collections or aliases as keys) are not supported in a document that uses aliases; write mapping keys as plain strings",
            ], "\(plain)")
        }
        // Other key forms after a stray quote: a flow key containing an alias, an explicit key.
        #expect(diagnostics(yaml + "note: '\nmetrics: {[*a12]: boom}\n").first?.contains("error: complex mapping keys") == true)
        #expect(diagnostics(yaml + "note: \"\nmetrics:\n  ? *a12\n  : boom\n").first?.contains("error: complex mapping keys") == true)
    }

    /// Aliases used as values are cheap to compose but multiply what the loader walks; the expanded
    /// tree is bounded.
    @Test func aliasExpansionIsBounded() {
        var yaml = "version: 1\nmetrics:\n  - &m {name: a_total, type: counter, help: A, labels: &l0 [a, b, c, d, e, f, g, h, i, j]}\n"
        yaml += "x1: &l1 [*m, *m, *m, *m, *m, *m, *m, *m, *m, *m]\n"
        for level in 2...6 {
            yaml += "x\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml = yaml.replacingOccurrences(of: "metrics:\n  - &m", with: "m: &m") + "metrics: *l6\n"
        let found = diagnostics(yaml)
        #expect(found == [
            "app.metrics.yaml:2:55: error: aliases expand this document to more than 100000 nodes; use aliases only to share small lists such as label names",
        ])
    }

    /// #14 defect 9: the size limit is checked while reading, so an endless or huge file is rejected
    /// after reading just past the limit (before the fix, `/dev/zero` never returned).
    @Test func oversizedFilesAreRejectedWithoutReadingThemWhole() throws {
        let result = SchemaLoader.load(contentsOfFile: "/dev/zero")
        #expect(result.diagnostics.map(\.description) == [
            "/dev/zero:1:1: error: schema file is larger than the limit; the limit is 8388608 bytes; split the schema into several files",
        ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).metrics.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("version: 1\n".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 256 * 1024 * 1024)  // sparse: no disk space, no 256 MiB in memory
        try handle.close()
        #expect(SchemaLoader.load(contentsOfFile: path).diagnostics.map(\.description) == [
            "\(path):1:1: error: schema file is 268435456 bytes; the limit is 8388608 bytes; split the schema into several files",
        ])
        #expect(SchemaLoader.load(contentsOfFile: "/").diagnostics.map(\.code) == ["unreadable-file"])
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
