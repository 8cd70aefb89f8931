// Shared by MetricsSchemaPlugin and LintMetricsPlugin through symlinks.
import Foundation
import PackagePlugin

/// The schemas one target compiles: its own `*.metrics.yaml` files, then those its
/// optional `metrics-schema.json` lists.
struct TargetSchemas {
    /// Every schema file, sorted own files first (by path), then configuration entries in order.
    var schemaURLs: [URL]
    /// The configuration file, when the target has one.
    var configurationURL: URL?
    /// The configuration's default access level for generated declarations, if it sets one.
    var access: String?
    /// The configuration's default profile of the target's schemas, if it sets one.
    var profile: String?

    /// Collects the schemas of `target`; `nil` when it is not a Swift/Clang source target.
    init?(target: Target) throws {
        guard let module = target as? SourceModuleTarget else { return nil }
        let files = module.sourceFiles.map(\.url)
        let own = files.filter { $0.lastPathComponent.hasSuffix(schemaSuffix) }
            .sorted { $0.path(percentEncoded: false) < $1.path(percentEncoded: false) }
        let configurations = files.filter { $0.lastPathComponent == configurationFileName }
        if configurations.count > 1 {
            let paths = configurations.map { $0.path(percentEncoded: false) }.sorted().joined(separator: ", ")
            throw SchemaPluginError(message: "target '\(target.name)' has \(configurations.count) \(configurationFileName) files (\(paths)); keep exactly one, at the top of the target's directory")
        }
        configurationURL = configurations.first
        var listed: [URL] = []
        if let configurationURL {
            let configuration = try SchemaConfiguration(contentsOf: configurationURL)
            listed = configuration.schemaURLs
            access = configuration.access
            profile = configuration.profile
        }
        schemaURLs = uniqued(own + listed)
    }
}
