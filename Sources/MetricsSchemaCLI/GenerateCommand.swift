import ArgumentParser
import MetricsCodegen
import MetricsSchema

/// `metrics-schema generate <schemas…> --output <file.swift>`
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate one Swift file with typed accessors for all given schemas.",
        discussion: "The file is rewritten only when its content changes. Exit status 1 on schema errors.")

    @Argument(help: "Schema files (or folders to search for *.metrics.yaml).")
    var schemas: [String]

    @Option(name: .shortAndLong, help: "The Swift file to write.")
    var output: String

    @Option(help: "Access level of the generated declarations for schemas without 'access:' (public, package, internal).")
    var access: AccessLevel = .defaultLevel

    @Option(help: "Profile of schemas without 'profile:' (dynamo: default prefix dynamo_component; neutral: no default prefix).")
    var profile: SchemaProfile = .defaultProfile

    func run() throws {
        let (files, missing) = SchemaInputs.expand(schemas)
        let compilation = SchemaCompiler.compile(files: files, defaultProfile: profile)
        let diagnostics = missing + compilation.diagnostics
        DiagnosticOutput.printText(diagnostics)
        guard !diagnostics.containsErrors else { throw ExitCode(1) }
        do {
            try OutputFile.write(SwiftGenerator.render(compilation.schemas, defaultAccess: access), to: output)
        } catch {
            DiagnosticOutput.printError("\(output): error: cannot write the generated file: \(error.localizedDescription)")
            throw ExitCode(1)
        }
    }
}

extension AccessLevel: ExpressibleByArgument {}
extension SchemaProfile: ExpressibleByArgument {}
