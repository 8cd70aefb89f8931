import ArgumentParser

/// `metrics-schema`: checks metric schemas and turns them into Swift and Markdown.
@main
struct MetricsSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics-schema",
        abstract: "Check YAML metric schemas and generate typed Swift accessors and documentation.",
        discussion: """
            Diagnostics are printed to standard error as 'path:line:col: error: message', so SwiftPM, Xcode \
            and editors show them at the YAML line. Exit status: 0 success, 1 schema errors (or warnings \
            with --strict), 64 usage errors.
            """,
        subcommands: [GenerateCommand.self, LintCommand.self, DocsCommand.self, DiffCommand.self, RulesCommand.self, DashboardCommand.self, CheckLiveCommand.self]
    )
}
