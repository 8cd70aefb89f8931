import Foundation
import Yams

/// The outcome of loading one schema file: the model (when the file could be read as a schema at all)
/// and every finding of the loading stage. Checks run separately (see `SchemaCompiler`).
public struct SchemaLoadResult: Sendable {
    /// The schema, or `nil` when the file is not valid YAML or not a mapping.
    public var schema: MetricSchema?
    /// Structural findings: syntax, unknown keys, wrong kinds, missing keys.
    public var diagnostics: [Diagnostic]
}

/// Parses schema files: YAML (through Yams, keeping 1-based positions) → `MetricSchema`.
public enum SchemaLoader {
    /// Loads the file at `path`; diagnostics name the path exactly as given.
    ///
    /// At most `YAMLDocument.maximumSize + 1` bytes are ever read, so an oversized file (or a device
    /// such as `/dev/zero`) is rejected after reading just past the limit, not after reading all of it.
    public static func load(contentsOfFile path: String) -> SchemaLoadResult {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return SchemaLoadResult(schema: nil, diagnostics: [Diagnostic(
                .error, code: "unreadable-file", "cannot read schema file",
                at: start, hint: "check that the file exists and is readable")])
        }
        defer { try? handle.close() }
        let limit = YAMLDocument.maximumSize
        let bytes: [UInt8]
        do {
            bytes = Array(try handle.read(upToCount: limit + 1) ?? Data())
        } catch {
            return SchemaLoadResult(schema: nil, diagnostics: [Diagnostic(
                .error, code: "unreadable-file", "cannot read schema file: \(error.localizedDescription)",
                at: start, hint: "check that the path names a readable file, not a folder")])
        }
        if bytes.count > limit {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int).flatMap { $0 > limit ? $0 : nil }
            return SchemaLoadResult(schema: nil, diagnostics: [YAMLDocument.tooLarge(size: size, file: path)])
        }
        return load(bytes: bytes, file: path)
    }

    /// Loads schema bytes, which must be UTF-8.
    public static func load(bytes: [UInt8], file: String) -> SchemaLoadResult {
        if let offset = firstInvalidUTF8Offset(bytes) {
            let location = YAMLDocument.location(
                ofUTF8Offset: offset, in: String(decoding: bytes[..<offset], as: UTF8.self), file: file)
            return SchemaLoadResult(schema: nil, diagnostics: [Diagnostic(
                .error, code: "invalid-encoding", "schema file is not valid UTF-8 (byte \(offset))",
                at: location, hint: "save the file as UTF-8")])
        }
        return load(text: String(decoding: bytes, as: UTF8.self), file: file)
    }

    /// Loads schema text; `file` is used for diagnostics and for the default type name.
    public static func load(text: String, file: String) -> SchemaLoadResult {
        let start = SourceLocation(file: file, line: 1, column: 1)
        let root: Node
        switch YAMLDocument.compose(text, file: file) {
        case .failure(let list):
            return SchemaLoadResult(schema: nil, diagnostics: list.diagnostics)
        case .success(nil):
            return SchemaLoadResult(schema: nil, diagnostics: [Diagnostic(
                .error, code: "empty-file", "schema file is empty", at: start,
                hint: "start with 'version: 1' and a 'metrics:' list")])
        case .success(let node?):
            root = node
        }
        var reader = NodeReader(file: file)
        let schema = readRoot(root, reader: &reader)
        return SchemaLoadResult(schema: schema, diagnostics: reader.diagnostics)
    }

    private static func readRoot(_ root: Node, reader: inout NodeReader) -> MetricSchema? {
        guard let entries = reader.entries(of: root, allowed: SchemaKeys.root, what: "the schema") else { return nil }
        reader.requireKeys(SchemaKeys.requiredRoot, in: entries, of: root, what: "the schema")
        var version = MetricSchema.supportedVersion
        if let node = entries["version"]?.value, let value = reader.int(node, what: "'version'") {
            version = value
            if value != MetricSchema.supportedVersion {
                reader.error(
                    "unsupported-version", "unsupported schema version \(value)", at: node,
                    hint: "this compiler supports version \(MetricSchema.supportedVersion)")
            }
        }
        let profile = entries["profile"].flatMap {
            reader.choice($0.value, as: SchemaProfile.self, what: "'profile'", unknown: "unknown profile")
        }
        var prefix = (profile ?? .defaultProfile).defaultPrefix
        var prefixLocation: SourceLocation?
        if let node = entries["prefix"]?.value {
            prefixLocation = reader.location(of: node)
            prefix = reader.string(node, what: "'prefix'") ?? prefix  // `prefix: ""` (quoted) means no prefix
        }
        var typeName = SwiftNames.derivedTypeName(forFile: reader.file) ?? ""
        var typeNameLocation: SourceLocation?
        if let node = entries["type_name"]?.value {
            typeNameLocation = reader.location(of: node)
            typeName = reader.string(node, what: "'type_name'") ?? typeName
        }
        let accessLevel = entries["access"].flatMap {
            reader.choice($0.value, as: AccessLevel.self, what: "'access'", unknown: "unknown access level")
        }
        var metrics: [MetricDefinition] = []
        if let node = entries["metrics"]?.value, let items = reader.list(node, what: "'metrics'", hint: "list each metric as an item starting with '- name:'") {
            for item in items {
                if let metric = MetricReader.read(item, reader: &reader) { metrics.append(metric) }
            }
        }
        var schema = MetricSchema(
            file: reader.file, version: version, prefix: prefix, typeName: typeName,
            typeNameLocation: typeNameLocation, prefixLocation: prefixLocation, metrics: metrics)
        BindingReader.read(entries, into: &schema, reader: &reader)
        schema.accessLevel = accessLevel
        schema.profile = profile
        schema.hasExplicitPrefix = prefixLocation != nil
        return schema
    }

    /// The byte offset of the first byte that is not part of valid UTF-8, or `nil`.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
