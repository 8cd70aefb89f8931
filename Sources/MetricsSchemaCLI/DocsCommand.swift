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
        try GeneratedOutput.write(schemas: schemas, output: output, what: "the documentation", MarkdownGenerator.render)
    }
}
