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
            Schemas in the same folder are checked together (as one plugin target compiles them), so a \
            metric declared in two of them is an error. Exit status: 0 clean, 1 errors (or warnings with --strict).
            """)

    @Argument(help: "Schema files, or folders searched recursively for metrics.yaml and *.metrics.yaml.")
    var paths: [String]

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @Option(help: "Output format: text (compiler-style lines on standard error) or json (standard output).")
    var format: Format = .text

    func run() throws {
        let (files, missing) = SchemaInputs.expand(paths)
        let groups = Dictionary(grouping: files) { ($0 as NSString).deletingLastPathComponent }
        var diagnostics = missing
        for folder in groups.keys.sorted() {
            diagnostics += SchemaCompiler.compile(files: groups[folder] ?? []).diagnostics
        }
        if strict {
            diagnostics = diagnostics.map { $0.severity == .warning ? $0.with(severity: .error) : $0 }
        }
        switch format {
        case .text:
            DiagnosticOutput.printText(diagnostics)
            DiagnosticOutput.printError(
                "\(DiagnosticOutput.summary(diagnostics)) in \(files.count) schema file\(files.count == 1 ? "" : "s")")
        case .json:
            DiagnosticOutput.printJSON(diagnostics, fileCount: files.count)
        }
        if diagnostics.containsErrors || (files.isEmpty && missing.isEmpty) {
            if files.isEmpty, missing.isEmpty { DiagnosticOutput.printError("error: no schema files found") }
            throw ExitCode(1)
        }
    }
}
