import Foundation
import Testing

/// One schema through a release (#12): deprecate a metric → the generated accessors are deprecated →
/// `diff --git-base` says compatible (exit 0) → remove it → `diff` says breaking (exit 1).
@Suite struct ReleaseWalkthroughTests {
    static let v1 = """
        version: 1
        prefix: app
        metrics:
          - name: requests_total
            type: counter
            help: Requests
            labels: [model]

        """
    static let v2 = """
        version: 1
        prefix: app
        metrics:
          - name: requests_total
            type: counter
            help: Requests
            labels: [model]
            deprecated: {since: "2.0", replacement: model_requests_total, note: Renamed for clarity.}
          - name: model_requests_total
            type: counter
            help: Requests by model
            labels: [model]

        """
    static let v3 = """
        version: 1
        prefix: app
        metrics:
          - name: model_requests_total
            type: counter
            help: Requests by model
            labels: [model]

        """

    func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func deprecateThenRemove() throws {
        let root = try temporaryFolder(["schemas/app.metrics.yaml": Self.v1])
        defer { try? FileManager.default.removeItem(at: root) }
        try git(["init", "-q"], in: root)
        try git(["add", "."], in: root)
        try git(["commit", "-q", "-m", "v1"], in: root)

        // Release 2: deprecate. Call sites warn (the attribute with its fix-it), HELP says so.
        try Data(Self.v2.utf8).write(to: root.appendingPathComponent("schemas/app.metrics.yaml"))
        let generated = try CLI.run(["generate", "schemas", "--output", "Generated.swift"], in: root)
        #expect(generated.status == 0, "\(generated.stderr)")
        let swift = try String(contentsOf: root.appendingPathComponent("Generated.swift"), encoding: .utf8)
        let attribute = #"@available(*, deprecated, message: "Deprecated since 2.0: Renamed for clarity. Use 'model_requests_total' instead.", renamed: "modelRequestsTotal(model:)")"#
        #expect(swift.components(separatedBy: attribute).count - 1 == 2)  // the instance and the static accessor
        #expect(swift.contains(#"help: "(Deprecated since 2.0) Requests""#))
        let compatible = try CLI.run(["diff", "--git-base", "HEAD", "schemas"], in: root)
        #expect(compatible.status == 0, "\(compatible.stderr)")
        #expect(compatible.stderrLines == [
            "schemas/app.metrics.yaml:8:17: note: compatible change: 'app_requests_total': deprecated since 2.0 in favour of 'model_requests_total'",
            "schemas/app.metrics.yaml:4:11: note: declared here in the old schemas",
            "schemas/app.metrics.yaml:9:11: note: compatible change: metric 'app_model_requests_total' was added",
            "0 breaking, 2 compatible changes",
        ])
        try git(["commit", "-q", "-am", "v2"], in: root)

        // Release 3: remove. Breaking, and the gate fails.
        try Data(Self.v3.utf8).write(to: root.appendingPathComponent("schemas/app.metrics.yaml"))
        let breaking = try CLI.run(["diff", "--git-base", "HEAD", "schemas"], in: root)
        #expect(breaking.status == 1)
        #expect(breaking.stderrLines == [
            "schemas/app.metrics.yaml:4:11: error: breaking change: metric 'app_requests_total' was removed in favour of its replacement 'app_model_requests_total' (deprecated since 2.0)",
            "schemas/app.metrics.yaml:4:11: note: declared here in the old schemas",
            "1 breaking, 0 compatible changes",
        ])
        let json = try CLI.run(["diff", "--git-base", "HEAD", "schemas", "--format", "json"], in: root)
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["breakingCount"] as? Int == 1)
        let change = try #require((report["changes"] as? [[String: Any]])?.first)
        #expect(change["kind"] as? String == "metric-renamed")
        #expect(change["breaking"] as? Bool == true)
    }

    @Test func twoFilesForm() throws {
        let root = try temporaryFolder(["old.metrics.yaml": Self.v1, "new.metrics.yaml": Self.v3])
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLI.run(["diff", "old.metrics.yaml", "new.metrics.yaml"], in: root)
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "new.metrics.yaml:4:11: note: compatible change: metric 'app_model_requests_total' was added",
            "old.metrics.yaml:4:11: error: breaking change: metric 'app_requests_total' was removed without a deprecation period",
            "old.metrics.yaml:4:11: note: declared here in the old schemas",
            "1 breaking, 1 compatible change",
        ])
        let usage = try CLI.run(["diff", "old.metrics.yaml"], in: root)
        #expect(usage.status == 64)
    }
}
