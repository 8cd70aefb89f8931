import ArgumentParser
import MetricsCodegen
import MetricsSchema

/// `metrics-schema docs <schemas…> [--output <file.md>]`
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write a Markdown reference of the given schemas.",
        discussion: "Per schema, a table of name, type, unit, labels (with allowed values), buckets and help.")

    @Argument(help: "Schema files (or folders to search for *.metrics.yaml).")
    var schemas: [String]

    @Option(name: .shortAndLong, help: "The Markdown file to write (standard output if omitted).")
    var output: String?

    func run() throws {
        let (files, missing) = SchemaInputs.expand(schemas)
        let compilation = SchemaCompiler.compile(files: files)
        let diagnostics = missing + compilation.diagnostics
        DiagnosticOutput.printText(diagnostics)
        guard !diagnostics.containsErrors else { throw ExitCode(1) }
        let markdown = MarkdownGenerator.render(compilation.schemas)
        guard let output else {
            print(markdown, terminator: "")
            return
        }
        do {
            try OutputFile.write(markdown, to: output)
        } catch {
            DiagnosticOutput.printError("\(output): error: cannot write the documentation: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
