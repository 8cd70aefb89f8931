import Foundation
import Testing

/// The `metrics-schema` command line: exit codes, diagnostics on stderr with the paths as given,
/// JSON output, folder search, and files rewritten only when their content changes.
@Suite struct CLITests {
    @Test func lintCleanFile() throws {
        let folder = try temporaryFolder(["app.metrics.yaml": validSchema])
        let result = try CLI.run(["lint", "app.metrics.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderrLines == ["0 errors, 0 warnings in 1 schema file"])
        let twice = try CLI.run(["lint", "app.metrics.yaml", "app.metrics.yaml"], in: folder)
        #expect(twice.stderrLines == ["0 errors, 0 warnings in 1 schema file"])
    }

    @Test func lintReportsErrorsWithThePathAsGiven() throws {
        let folder = try temporaryFolder(["sub/app.metrics.yaml": brokenSchema])
        let relative = try CLI.run(["lint", "sub/app.metrics.yaml"], in: folder)
        #expect(relative.status == 1)
        #expect(relative.stderrLines == [
            "sub/app.metrics.yaml:4:11: error: unknown metric type 'countr'; did you mean 'counter'?",
            "1 error, 0 warnings in 1 schema file",
        ])
        let absolutePath = folder.appendingPathComponent("sub/app.metrics.yaml").path
        let absolute = try CLI.run(["lint", absolutePath], in: folder)
        #expect(absolute.stderrLines.first == "\(absolutePath):4:11: error: unknown metric type 'countr'; did you mean 'counter'?")
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let folder = try temporaryFolder(["app.metrics.yaml": warningSchema])
        let lenient = try CLI.run(["lint", "app.metrics.yaml"], in: folder)
        #expect(lenient.status == 0)
        #expect(lenient.stderrLines.first == "app.metrics.yaml:3:11: warning: counter 'requests' should end in '_total'; rename it to 'requests_total'")
        let strict = try CLI.run(["lint", "--strict", "app.metrics.yaml"], in: folder)
        #expect(strict.status == 1)
        #expect(strict.stderrLines.first == "app.metrics.yaml:3:11: error: counter 'requests' should end in '_total'; rename it to 'requests_total'")
    }

    @Test func lintJSON() throws {
        let folder = try temporaryFolder(["app.metrics.yaml": brokenSchema])
        let result = try CLI.run(["lint", "--format", "json", "app.metrics.yaml"], in: folder)
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["errorCount"] as? Int == 1)
        #expect(json["warningCount"] as? Int == 0)
        #expect(json["fileCount"] as? Int == 1)
        let diagnostic = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["code"] as? String == "unknown-value")
        #expect(diagnostic["message"] as? String == "unknown metric type 'countr'")
        #expect(diagnostic["hint"] as? String == "did you mean 'counter'?")
        let location = try #require(diagnostic["location"] as? [String: Any])
        #expect(location["file"] as? String == "app.metrics.yaml")
        #expect(location["line"] as? Int == 4)
        #expect(location["column"] as? Int == 11)
    }

    @Test func lintFolderFindsSchemasAndChecksEachFolderTogether() throws {
        let folder = try temporaryFolder([
            "schemas/a.metrics.yaml": validSchema,
            "schemas/b.metrics.yaml": "version: 1\ntype_name: BOther\nmetrics:\n  - name: requests_total\n    type: counter\n    help: Again\n",
            "schemas/nested/metrics.yaml": validSchema,
            "schemas/notes.yaml": "not: a schema\n",
        ])
        let result = try CLI.run(["lint", "schemas"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "schemas/b.metrics.yaml:4:11: error: metric 'dynamo_component_requests_total' is also declared in another schema; metric names must be unique across the schemas compiled together",
            "schemas/a.metrics.yaml:3:11: note: 'dynamo_component_requests_total' is first declared here",
            "1 error, 0 warnings in 3 schema files",
        ])
    }

    @Test func filesNamedTogetherAreCheckedTogetherAcrossFolders() throws {
        let folder = try temporaryFolder([
            "one/a.metrics.yaml": validSchema,
            "two/b.metrics.yaml": "version: 1\nmetrics:\n  - name: requests_total\n    type: counter\n    help: Again\n",
        ])
        let together = try CLI.run(["lint", "one/a.metrics.yaml", "two/b.metrics.yaml"], in: folder)
        #expect(together.status == 1)
        #expect(together.stderrLines.first == "two/b.metrics.yaml:3:11: error: metric 'dynamo_component_requests_total' is also declared in another schema; metric names must be unique across the schemas compiled together")
        let perFolder = try CLI.run(["lint", "one", "two"], in: folder)
        #expect(perFolder.status == 0)
        #expect(perFolder.stderrLines == ["0 errors, 0 warnings in 2 schema files"])
    }

    @Test func generateWritesOnlyWhenTheContentChanges() throws {
        let folder = try temporaryFolder(["app.metrics.yaml": validSchema])
        let first = try CLI.run(["generate", "app.metrics.yaml", "--output", "out/Generated.swift"], in: folder)
        #expect(first.status == 0)
        #expect(first.stderr == "")
        let output = folder.appendingPathComponent("out/Generated.swift")
        let generated = try String(contentsOf: output, encoding: .utf8)
        #expect(generated.contains("public struct AppMetrics: Sendable {"))
        let past = Date(timeIntervalSince1970: 946_684_800)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: output.path)
        #expect(try CLI.run(["generate", "app.metrics.yaml", "--output", "out/Generated.swift"], in: folder).status == 0)
        let unchanged = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
        #expect(unchanged == past)
        try Data(warningSchema.utf8).write(to: folder.appendingPathComponent("app.metrics.yaml"))
        let changed = try CLI.run(["generate", "app.metrics.yaml", "--output", "out/Generated.swift"], in: folder)
        #expect(changed.status == 0)
        #expect(changed.stderrLines == ["app.metrics.yaml:3:11: warning: counter 'requests' should end in '_total'; rename it to 'requests_total'"])
        let rewritten = try FileManager.default.attributesOfItem(atPath: output.path)[.modificationDate] as? Date
        #expect(rewritten != past)
    }

    @Test func generateFailsOnErrorsAndWritesNothing() throws {
        let folder = try temporaryFolder(["app.metrics.yaml": brokenSchema])
        let result = try CLI.run(["generate", "app.metrics.yaml", "--output", "Generated.swift"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderrLines == ["app.metrics.yaml:4:11: error: unknown metric type 'countr'; did you mean 'counter'?"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("Generated.swift").path))
    }

    @Test func missingInputIsAnError() throws {
        let folder = try temporaryFolder([:])
        let result = try CLI.run(["generate", "nope.metrics.yaml", "--output", "Generated.swift"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderrLines == ["nope.metrics.yaml:1:1: error: no such file or folder"])
    }

    @Test func docsPrintsMarkdown() throws {
        let folder = try temporaryFolder(["app.metrics.yaml": validSchema])
        let result = try CLI.run(["docs", "app.metrics.yaml"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("| `dynamo_component_requests_total` | counter |  |  |  | Requests |"))
    }
}
