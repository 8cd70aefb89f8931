// Shared by MetricsSchemaPlugin and LintMetricsPlugin through symlinks: plugins cannot
// depend on library targets, so each plugin compiles its own copy of this file.
import Foundation

/// The suffix that marks a schema file.
let schemaSuffix = ".metrics.yaml"

/// The optional per-target configuration file that lists schemas kept outside the target.
let configurationFileName = "metrics-schema.json"

/// A plugin failure with a message that says what is wrong and how to fix it, and the file
/// (and line) it is about when there is one.
struct SchemaPluginError: Error, CustomStringConvertible {
    /// What is wrong and how to fix it.
    var message: String
    /// The file the problem is in, if any.
    var file: String? = nil
    /// The 1-based line in `file`, if known.
    var line: Int? = nil

    var description: String {
        guard let file else { return message }
        return "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}

/// `metrics-schema.json`: `{"schemas": ["../../schemas/app.metrics.yaml", "../../schemas/dynamo"], "access": "internal", "profile": "neutral"}`.
///
/// Entries are paths relative to the directory that contains the configuration file (or
/// absolute). A file entry must name an existing `*.metrics.yaml`; a directory entry stands
/// for every `*.metrics.yaml` directly inside it, in name order. Both keys are optional:
/// `access` (`public`, `package` or `internal`) is the access level of the generated declarations
/// for schemas that do not set `access:` themselves (default `public`); `profile` (`dynamo` or
/// `neutral`) is the profile of schemas that do not set `profile:` (default `dynamo`).
struct SchemaConfiguration {
    /// The access levels `"access"` accepts.
    static let accessLevels = ["public", "package", "internal"]
    /// The profiles `"profile"` accepts.
    static let profiles = ["dynamo", "neutral"]
    /// The configuration file.
    var url: URL
    /// The schema files the entries resolve to, in entry order, without duplicates.
    var schemaURLs: [URL]
    /// The default access level of the generated declarations, when the file sets one.
    var access: String?
    /// The default profile of the target's schemas, when the file sets one.
    var profile: String?

    /// Reads and validates the configuration file; every problem is one error naming the file.
    init(contentsOf url: URL) throws {
        self.url = url
        let path = url.path(percentEncoded: false)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SchemaPluginError(message: "cannot read \(configurationFileName): \(error.localizedDescription)", file: path)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SchemaPluginError(message: "\(configurationFileName) is not valid JSON; expected {\"schemas\": [\"path/to/file.metrics.yaml\", …]}", file: path)
        }
        guard let dictionary = object as? [String: Any] else {
            throw SchemaPluginError(message: "\(configurationFileName) must be a JSON object like {\"schemas\": [\"path/to/file.metrics.yaml\"]}", file: path)
        }
        let unknownKeys = dictionary.keys.filter { !["schemas", "access", "profile"].contains($0) }.sorted()
        if let key = unknownKeys.first {
            throw SchemaPluginError(message: "unknown key '\(key)' in \(configurationFileName); the keys are 'schemas', 'access' and 'profile'", file: path)
        }
        if let profile = dictionary["profile"] {
            guard let name = profile as? String, Self.profiles.contains(name) else {
                throw SchemaPluginError(message: "'profile' in \(configurationFileName) must be one of \(Self.profiles.map { "\"\($0)\"" }.joined(separator: ", "))", file: path, line: Self.line(of: "profile", in: String(decoding: data, as: UTF8.self)))
            }
            self.profile = name
        }
        if let access = dictionary["access"] {
            guard let level = access as? String, Self.accessLevels.contains(level) else {
                throw SchemaPluginError(message: "'access' in \(configurationFileName) must be one of \(Self.accessLevels.map { "\"\($0)\"" }.joined(separator: ", "))", file: path, line: Self.line(of: "access", in: String(decoding: data, as: UTF8.self)))
            }
            self.access = level
        }
        let entries: [String]
        if dictionary["schemas"] == nil {
            entries = []  // only "access" / "profile": the target's own schemas
        } else if let list = dictionary["schemas"] as? [String] {
            entries = list
        } else {
            throw SchemaPluginError(message: "'schemas' must be an array of paths (strings), relative to the directory of \(configurationFileName)", file: path)
        }
        let base = url.deletingLastPathComponent()
        var resolved: [URL] = []
        for entry in entries {
            resolved += try Self.resolve(entry, base: base, configurationPath: path, text: String(decoding: data, as: UTF8.self))
        }
        self.schemaURLs = uniqued(resolved)
    }

    /// Resolves one entry to schema files, or fails with the line of the entry in the file.
    private static func resolve(_ entry: String, base: URL, configurationPath: String, text: String) throws -> [URL] {
        let entryLine = line(of: entry, in: text)
        let target = entry.hasPrefix("/") ? URL(filePath: entry) : base.appending(path: entry)
        let standardized = target.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: standardized.path(percentEncoded: false), isDirectory: &isDirectory) else {
            throw SchemaPluginError(message: "schema '\(entry)' listed in \(configurationFileName) does not exist (looked for \(standardized.path(percentEncoded: false))); paths are relative to the directory that contains \(configurationFileName)", file: configurationPath, line: entryLine)
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: standardized.path(percentEncoded: false))) ?? []
            let schemas = names.filter { $0.hasSuffix(schemaSuffix) }.sorted()
            if schemas.isEmpty {
                throw SchemaPluginError(message: "directory '\(entry)' listed in \(configurationFileName) contains no *\(schemaSuffix) files", file: configurationPath, line: entryLine)
            }
            return schemas.map { standardized.appending(path: $0) }
        }
        guard entry.hasSuffix(schemaSuffix) else {
            throw SchemaPluginError(message: "'\(entry)' listed in \(configurationFileName) is not a schema; schema file names end in \(schemaSuffix)", file: configurationPath, line: entryLine)
        }
        return [standardized]
    }

    /// The 1-based line on which `entry` first appears as a JSON string, or 1.
    private static func line(of entry: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let needle = "\"\(entry)\""
        return (lines.firstIndex { $0.contains(needle) } ?? 0) + 1
    }
}

/// `urls` without repeats (compared by standardized path), first occurrence kept.
func uniqued(_ urls: [URL]) -> [URL] {
    var seen: Set<String> = []
    return urls.filter { seen.insert($0.standardizedFileURL.path(percentEncoded: false)).inserted }
}
