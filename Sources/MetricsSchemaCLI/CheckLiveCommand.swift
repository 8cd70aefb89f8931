import ArgumentParser
import Foundation
import MetricsExpositionParser
import MetricsSchema

/// `metrics-schema check-live URL|FILE SCHEMAS…`
struct CheckLiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-live",
        abstract: "Compare a running /metrics (or a saved exposition) with the schemas.",
        discussion: """
            Reads the exposition from a file ('-' for standard input) or fetches an http(s) URL with curl, \
            parses it as Prometheus text or OpenMetrics (detected by '# EOF', or --openmetrics), and \
            reports every family that does not match its schema (type, label names, closed values, \
            buckets, unit) as an error at the schema line; undeclared and absent families are warnings \
            (errors with --strict; one per schema when none of its families is exposed). Log buckets \
            declared with 'env:' are computed from --env NAME=VALUE, as the process did from its \
            environment. Prints a coverage line. Exit status: 0 conforming, 1 violations.
            """)

    @Argument(help: "The exposition: a file, '-' or an http(s) URL of a /metrics endpoint.")
    var exposition: String

    @Argument(help: "Schema files or folders.")
    var schemas: [String]

    @Flag(help: "Parse as OpenMetrics even without '# EOF'.")
    var openmetrics = false

    @Flag(help: "Treat undeclared and absent families as errors.")
    var strict = false

    @Option(
        name: .customLong("env"),
        help: ArgumentHelp(
            "An environment variable of the scraped process (NAME=VALUE, repeatable), for log buckets declared with 'env:'.",
            valueName: "NAME=VALUE"))
    var environment: [String] = []

    func run() throws {
        var variables: [String: String] = [:]
        for setting in environment {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                DiagnosticOutput.printError("--env \(setting): error: expected NAME=VALUE, for example DYN_METRICS_REQUEST_DURATION_MAX=256")
                throw ExitCode(1)
            }
            variables[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
        }
        let (files, missing) = SchemaInputs.expand(schemas)
        let compilation = SchemaCompiler.compile(files: files)
        let problems = missing + DiffCommand.loadErrors(compilation)
        DiagnosticOutput.printText(problems)
        guard problems.isEmpty else { throw ExitCode(1) }
        let text: String
        do {
            text = try read(exposition)
        } catch {
            DiagnosticOutput.printError("\(exposition): error: \(error)")
            throw ExitCode(1)
        }
        let isOpenMetrics = openmetrics || text.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) == "# EOF"
        let parsed = ExpositionParser.parse(text, dialect: isOpenMetrics ? .openMetrics : .prometheusText)
        var check = LiveCheck(schemas: compilation.schemas, exposition: parsed, source: exposition, environment: variables)
        for problem in parsed.problems.prefix(20) {
            check.diagnostics.append(Diagnostic(
                .warning, code: "live-malformed", "\(problem.reason): \(problem.text)",
                at: SourceLocation(file: exposition, line: max(1, problem.line), column: 1)))
        }
        var diagnostics = check.diagnostics
        if strict { diagnostics = diagnostics.map { $0.severity == .warning ? $0.with(severity: .error) : $0 } }
        DiagnosticOutput.printText(diagnostics.sortedByLocation())
        DiagnosticOutput.printError(check.coverage)
        if diagnostics.containsErrors { throw ExitCode(1) }
    }

    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    private func read(_ source: String) throws -> String {
        if source == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        guard source.hasPrefix("http://") || source.hasPrefix("https://") else {
            guard let data = FileManager.default.contents(atPath: source) else { throw ReadError(description: "cannot read the exposition file") }
            return String(decoding: data, as: UTF8.self)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "curl", "-sSf", "--max-time", "10", "-H",
            "Accept: application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5", source,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw ReadError(description: "cannot run curl to fetch the URL") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ReadError(description: "cannot fetch the URL: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
