import Foundation
import PackagePlugin

/// `swift package lint-metrics [--target T …] [--strict] [--format json] [paths…]`
///
/// Without paths it lints, one `metrics-schema lint` run per unit, exactly what the build
/// compiles together: each target's schemas (own files plus its `metrics-schema.json`),
/// then every folder of the package's top-level `schemas/` whose schemas no target uses.
/// With paths it runs a single `metrics-schema lint` on them. Fails when any run fails.
@main
struct LintMetricsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let targetNames = extractor.extractOption(named: "target")
        let strict = extractor.extractFlag(named: "strict") > 0
        let formats = extractor.extractOption(named: "format")
        let paths = extractor.remainingArguments
        var options: [String] = strict ? ["--strict"] : []
        if let format = formats.last { options += ["--format", format] }

        let tool = try buildTool()
        let units = paths.isEmpty
            ? try lintUnits(package: context.package, targetNames: targetNames)
            : [paths]
        guard !units.isEmpty else {
            Diagnostics.remark("lint-metrics: no *\(schemaSuffix) files found")
            return
        }
        var failures = 0
        for unit in units {
            if try run(tool, arguments: ["lint"] + options + unit) != 0 { failures += 1 }
        }
        if failures > 0 {
            throw SchemaPluginError(message: "metrics-schema lint failed for \(failures) of \(units.count) schema set\(units.count == 1 ? "" : "s")")
        }
    }

    /// Builds the `metrics-schema` product (release is not needed: it is fast enough) and returns it.
    private func buildTool() throws -> URL {
        let result = try packageManager.build(.product("metrics-schema"), parameters: .init(configuration: .debug, logging: .concise))
        guard result.succeeded else {
            throw SchemaPluginError(message: "building metrics-schema failed:\n\(result.logText)")
        }
        guard let tool = result.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == "metrics-schema" }) else {
            throw SchemaPluginError(message: "building metrics-schema produced no executable named metrics-schema")
        }
        return tool.url
    }

    /// The schema sets to lint, each compiled together by the build.
    private func lintUnits(package: Package, targetNames: [String]) throws -> [[String]] {
        let targets = targetNames.isEmpty ? package.targets : try package.targets(named: targetNames)
        var units: [[String]] = []
        var covered: Set<String> = []
        for target in targets {
            guard let schemas = try TargetSchemas(target: target), !schemas.schemaURLs.isEmpty else { continue }
            let paths = schemas.schemaURLs.map { $0.path(percentEncoded: false) }
            covered.formUnion(paths)
            units.append((schemas.profile.map { ["--profile", $0] } ?? []) + paths)  // the profile the build uses
        }
        guard targetNames.isEmpty else { return units }
        for folder in schemaFolders(under: package.directoryURL.appending(path: "schemas")) {
            let uncovered = folder.filter { !covered.contains($0) }
            if !uncovered.isEmpty { units.append(uncovered) }
        }
        return units
    }

    /// Schema files of `root` and of each folder below it, one array per folder, sorted.
    private func schemaFolders(under root: URL) -> [[String]] {
        let rootPath = root.standardizedFileURL.path(percentEncoded: false)
        guard let enumerator = FileManager.default.enumerator(atPath: rootPath) else { return [] }
        var byFolder: [String: [String]] = [:]
        while let relative = enumerator.nextObject() as? String {
            guard relative.hasSuffix(schemaSuffix) else { continue }
            let url = URL(filePath: rootPath).appending(path: relative).standardizedFileURL
            byFolder[url.deletingLastPathComponent().path(percentEncoded: false), default: []]
                .append(url.path(percentEncoded: false))
        }
        return byFolder.keys.sorted().compactMap { byFolder[$0]?.sorted() }
    }

    /// Runs the tool with inherited standard output and error; returns its exit status.
    private func run(_ executable: URL, arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
