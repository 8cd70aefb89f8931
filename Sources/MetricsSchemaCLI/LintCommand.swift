import ArgumentParser
import Foundation
import MetricsSchema

/// `metrics-schema lint <files or folders…> [--strict] [--format text|json]`
struct LintCommand: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check schemas without generating anything.",
        discussion: """
            Files named on the command line are checked together (as one build compiles them), and the \
            schemas found in a folder are checked together per folder, so a metric declared twice in one \
            set is an error. Exit status: 0 clean, 1 errors (or warnings with --strict).
            """)

    @Argument(help: "Schema files, or folders searched recursively for metrics.yaml and *.metrics.yaml.")
    var paths: [String]

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Output format: text (compiler-style lines on standard error) or json (standard output).")
    var format: Format = .text

    @Option(help: "Profile of schemas without 'profile:' (dynamo or neutral), as the build's metrics-schema.json sets it.")
    var profile: SchemaProfile = .defaultProfile

    func run() throws {
        let (units, fileCount, missing) = SchemaInputs.compilationUnits(paths)
        var diagnostics = missing
        for unit in units {
            diagnostics += SchemaCompiler.compile(files: unit, defaultProfile: profile).diagnostics
        }
        if strict {
            diagnostics = diagnostics.map { $0.severity == .warning ? $0.with(severity: .error) : $0 }
        }
        switch format {
        case .text:
            DiagnosticOutput.printText(diagnostics)
            DiagnosticOutput.printError(
                "\(DiagnosticOutput.summary(diagnostics)) in \(fileCount) schema file\(fileCount == 1 ? "" : "s")")
        case .json:
            DiagnosticOutput.printJSON(diagnostics, fileCount: fileCount)
        }
        if diagnostics.containsErrors || (fileCount == 0 && missing.isEmpty) {
            if fileCount == 0, missing.isEmpty { DiagnosticOutput.printError("error: no schema files found") }
            throw ExitCode(1)
        }
    }
}
