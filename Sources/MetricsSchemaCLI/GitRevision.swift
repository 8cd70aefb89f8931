import Foundation
import MetricsSchema

/// Reads schema files as they are at a git revision, through the `git` command (`ls-tree`, `show`).
enum GitRevision {
    /// The schema sources under `paths` (files or folders, relative to the current directory) at
    /// `revision`, each named by the same path as in the work tree, so diagnostics line up. A path
    /// that does not exist at the revision contributes nothing (its metrics are all new).
    static func schemaSources(at revision: String, paths: [String]) -> (sources: [(file: String, text: String)], errors: [Diagnostic]) {
        var sources: [(file: String, text: String)] = []
        var errors: [Diagnostic] = []
        for path in paths {
            guard let listing = run(["ls-tree", "-r", "--name-only", revision, "--", path]) else {
                errors.append(Diagnostic(
                    .error, code: "git-error", "cannot list '\(path)' at git revision '\(revision)'",
                    at: SourceLocation(file: path, line: 1, column: 1),
                    hint: "run inside the git work tree and check that the revision exists ('git rev-parse \(revision)')"))
                continue
            }
            let isFolder = listing.count != 1 || listing.first != path.droppingPrefix("./")
            let files = listing.filter { !isFolder || SchemaInputs.isSchemaFileName(($0 as NSString).lastPathComponent) }
            for file in files {
                // ls-tree prints paths relative to the current directory; name them like the work tree does.
                let name = isFolder ? (path.hasSuffix("/") ? path : path + "/") + relative(file, to: path) : path
                guard let text = run(["show", "\(revision):./\(file)"])?.joined(separator: "\n") else {
                    errors.append(Diagnostic(
                        .error, code: "git-error", "cannot read '\(file)' at git revision '\(revision)'",
                        at: SourceLocation(file: name, line: 1, column: 1)))
                    continue
                }
                sources.append((file: name, text: text))
            }
        }
        return (sources, errors)
    }

    private static func relative(_ file: String, to folder: String) -> String {
        let base = folder.droppingPrefix("./").hasSuffix("/") ? String(folder.droppingPrefix("./")) : folder.droppingPrefix("./") + "/"
        return file.hasPrefix(base) ? String(file.dropFirst(base.count)) : file
    }

    /// The output lines of `git arguments…`, or `nil` when git fails.
    private static func run(_ arguments: [String]) -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text.isEmpty ? [] : text.components(separatedBy: "\n")
    }
}

extension String {
    fileprivate func droppingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}
