import ArgumentParser
import MetricsCodegen
import MetricsSchema

/// `metrics-schema rules <schemas…> [--output <file.yml>]`
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Write Prometheus recording rules for the common queries of the given schemas.",
        discussion: "Counters: 5-minute rate; histograms: p50/p90/p99; gauges: sum — each summed by the metric's labels.")

    @Argument(help: "Schema files (or folders to search for *.metrics.yaml).")
    var schemas: [String]

    @Option(name: .shortAndLong, help: "The rules file to write (standard output if omitted).")
    var output: String?

    func run() throws {
        try GeneratedOutput.write(schemas: schemas, output: output, what: "the rules", RulesGenerator.render)
    }
}

/// `metrics-schema dashboard <schemas…> [--output <file.json>] [--title T] [--uid U]`
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Write a Grafana dashboard (JSON model) with a row per schema file and a panel per metric.")

    @Argument(help: "Schema files (or folders to search for *.metrics.yaml).")
    var schemas: [String]

    @Option(name: .shortAndLong, help: "The JSON file to write (standard output if omitted).")
    var output: String?

    @Option(help: "The dashboard title.")
    var title = "Metrics"

    @Option(help: "The dashboard uid.")
    var uid = "metrics-schema"

    func run() throws {
        try GeneratedOutput.write(schemas: schemas, output: output, what: "the dashboard") {
            DashboardGenerator.render($0, title: title, uid: uid)
        }
    }
}

/// Compile → render → write (or print) for the commands that turn schemas into one text file.
enum GeneratedOutput {
    static func write(schemas: [String], output: String?, what: String, _ render: ([MetricSchema]) -> String) throws {
        let (files, missing) = SchemaInputs.expand(schemas)
        let compilation = SchemaCompiler.compile(files: files)
        let diagnostics = missing + compilation.diagnostics
        DiagnosticOutput.printText(diagnostics)
        guard !diagnostics.containsErrors else { throw ExitCode(1) }
        let text = render(compilation.schemas)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try OutputFile.write(text, to: output)
        } catch {
            DiagnosticOutput.printError("\(output): error: cannot write \(what): \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}
