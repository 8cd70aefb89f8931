import ArgumentParser
import Foundation
import MetricsSchema

/// `metrics-schema diff OLD NEW` or `metrics-schema diff --git-base REV PATHS…`
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report what changed between two versions of the schemas, breaking or compatible.",
        discussion: """
            Compares OLD with NEW (files or folders), or, with --git-base, the given paths as they are \
            with the same paths at a git revision ('git show REV:path'). Every change is one line at \
            its place in the NEW schemas: 'error:' for a breaking change to a beta or stable metric, \
            'warning:' for a breaking change to an alpha metric, 'note:' for a compatible change. \
            Exit status: 0 no breaking change (warnings too with --strict), 1 breaking changes or schema errors.
            """)

    @Argument(help: "OLD and NEW (two files or folders), or with --git-base the paths to compare.")
    var paths: [String]

    @Option(name: .customLong("git-base"), help: "Compare the paths with their version at this git revision.")
    var gitBase: String?

    @Option(help: "Output format: text (compiler-style lines on standard error) or json (standard output).")
    var format: LintCommand.Format = .text

    @Flag(help: "Treat breaking changes to alpha metrics as errors too.")
    var strict = false

    func validate() throws {
        if gitBase == nil, paths.count != 2 { throw ValidationError("give OLD and NEW, or --git-base REV and the paths") }
        if gitBase != nil, paths.isEmpty { throw ValidationError("give the schema files or folders to compare with --git-base") }
    }

    /// Errors that make a comparison meaningless. Names declared in several files are not among them:
    /// the paths compared may span targets that are compiled separately.
    static func loadErrors(_ compilation: SchemaCompilation) -> [Diagnostic] {
        compilation.diagnostics.filter { $0.severity == .error && !["duplicate-metric", "duplicate-type-name"].contains($0.code) }
    }

    func run() throws {
        let newPaths = gitBase == nil ? [paths[1]] : paths
        let (newFiles, missing) = SchemaInputs.expand(newPaths)
        let new = SchemaCompiler.compile(files: newFiles)
        let old: SchemaCompilation
        var problems = missing + Self.loadErrors(new)
        if let gitBase {
            let (sources, errors) = GitRevision.schemaSources(at: gitBase, paths: paths)
            problems += errors
            old = SchemaCompiler.compile(sources: sources)
        } else {
            let (oldFiles, oldMissing) = SchemaInputs.expand([paths[0]])
            problems += oldMissing
            old = SchemaCompiler.compile(files: oldFiles)
        }
        problems += Self.loadErrors(old).map {
            var copy = $0
            copy.message = "in the old schemas: " + copy.message
            return copy
        }
        let changes = SchemaDiff.compare(old: old.schemas, new: new.schemas)
        var diagnostics = problems + changes.map(\.diagnostic)
        if strict { diagnostics = diagnostics.map { $0.severity == .warning ? $0.with(severity: .error) : $0 } }
        let breaking = changes.filter(\.breaking).count
        switch format {
        case .text:
            DiagnosticOutput.printText(diagnostics)
            DiagnosticOutput.printError(
                "\(breaking) breaking, \(changes.count - breaking) compatible change\(changes.count - breaking == 1 ? "" : "s")")
        case .json:
            DiffReport(changes: changes, problems: problems, breakingCount: breaking, compatibleCount: changes.count - breaking).print()
        }
        if diagnostics.containsErrors { throw ExitCode(1) }
    }
}

/// The JSON document of `diff --format json`.
struct DiffReport: Encodable {
    var changes: [SchemaChange]
    var problems: [Diagnostic]
    var breakingCount: Int
    var compatibleCount: Int

    func print() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(self) {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }
}
