import Foundation
import PackagePlugin

/// `swift package diff-metrics --base REF [--strict] [--format json] [paths…]`
///
/// Runs `metrics-schema diff --git-base REF` in the package directory on the given paths, or by
/// default on the package's top-level `schemas/` folder plus every target's own schema files: what
/// changed since REF (a tag, branch or commit), breaking changes as errors. Fails when the diff does.
@main
struct DiffMetricsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        guard let base = extractor.extractOption(named: "base").last else {
            throw SchemaPluginError(message: "diff-metrics needs the git revision to compare with: swift package diff-metrics --base v1.2.0")
        }
        let strict = extractor.extractFlag(named: "strict") > 0
        let formats = extractor.extractOption(named: "format")
        var paths = extractor.remainingArguments
        if paths.isEmpty { paths = try defaultPaths(context.package) }
        guard !paths.isEmpty else {
            Diagnostics.remark("diff-metrics: no *\(schemaSuffix) files found")
            return
        }
        var options = ["--git-base", base] + (strict ? ["--strict"] : [])
        if let format = formats.last { options += ["--format", format] }
        let tool = try buildTool()
        let process = Process()
        process.executableURL = tool
        process.arguments = ["diff"] + options + paths
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            throw SchemaPluginError(message: "metrics-schema diff against \(base) found breaking changes or errors")
        }
    }

    /// `schemas` (when the package has it) plus each target's own schemas outside it, relative to the package.
    private func defaultPaths(_ package: Package) throws -> [String] {
        let root = package.directoryURL.standardizedFileURL.path(percentEncoded: false)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var paths: [String] = []
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: prefix + "schemas", isDirectory: &isDirectory), isDirectory.boolValue {
            paths.append("schemas")
        }
        for target in package.targets {
            guard let schemas = try TargetSchemas(target: target) else { continue }
            for url in schemas.schemaURLs {
                let path = url.standardizedFileURL.path(percentEncoded: false)
                guard path.hasPrefix(prefix) else { continue }
                let relative = String(path.dropFirst(prefix.count))
                if !relative.hasPrefix("schemas/"), !paths.contains(relative) { paths.append(relative) }
            }
        }
        return paths
    }

    private func buildTool() throws -> URL {
        let result = try packageManager.build(.product("metrics-schema"), parameters: .init(configuration: .debug, logging: .concise))
        guard result.succeeded else { throw SchemaPluginError(message: "building metrics-schema failed:\n\(result.logText)") }
        guard let tool = result.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == "metrics-schema" }) else {
            throw SchemaPluginError(message: "building metrics-schema produced no executable named metrics-schema")
        }
        return tool.url
    }
}
