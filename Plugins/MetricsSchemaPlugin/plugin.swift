import Foundation
import PackagePlugin

/// Compiles a target's metric schemas into `GeneratedMetrics.swift` before the target builds.
///
/// Schemas are every `*.metrics.yaml` among the target's files plus those listed in the
/// target's optional `metrics-schema.json` (paths relative to that file). All of them go
/// to one `metrics-schema generate` run, so duplicate names across them are caught, and
/// its `file:line:col: error:` lines fail the build at the YAML line.
@main
struct MetricsSchemaPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        // Errors are thrown: SwiftPM prints them as `error: <file>:<line>: <message>` and stops.
        guard let schemas = try TargetSchemas(target: target) else {
            throw SchemaPluginError(message: "MetricsSchemaPlugin applies only to Swift source targets; '\(target.name)' is not one")
        }
        guard !schemas.schemaURLs.isEmpty else {
            throw SchemaPluginError(message: "target '\(target.name)' applies MetricsSchemaPlugin but has no *\(schemaSuffix) file and no \(configurationFileName) listing one; add a schema to \(target.directoryURL.path(percentEncoded: false)) or remove the plugin from the target")
        }
        let tool = try context.tool(named: "metrics-schema")
        let output = context.pluginWorkDirectoryURL.appending(path: "GeneratedMetrics.swift")
        let schemaPaths = schemas.schemaURLs.map { $0.path(percentEncoded: false) }
        let count = schemaPaths.count
        return [
            .buildCommand(
                displayName: "Generating metrics for \(target.name) from \(count) schema\(count == 1 ? "" : "s")",
                executable: tool.url,
                arguments: ["generate"] + schemaPaths + ["--output", output.path(percentEncoded: false)]
                    + (schemas.access.map { ["--access", $0] } ?? [])
                    + (schemas.profile.map { ["--profile", $0] } ?? []),
                environment: [:],
                inputFiles: schemas.schemaURLs + (schemas.configurationURL.map { [$0] } ?? []) + [tool.url],
                outputFiles: [output]
            )
        ]
    }
}
