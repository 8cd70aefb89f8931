import Foundation
import MetricsSchema

/// Turns command-line paths into schema files: files are used as given, folders are searched
/// recursively for `metrics.yaml`, `*.metrics.yaml` (and the `.yml` spellings), in sorted order.
enum SchemaInputs {
    static func isSchemaFileName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return ["metrics.yaml", "metrics.yml"].contains(lowered) || lowered.hasSuffix(".metrics.yaml")
            || lowered.hasSuffix(".metrics.yml")
    }

    /// The sets of files that are checked together: all files named explicitly form one set (a build
    /// compiles them together), and the schemas found in folders form one set per folder.
    static func compilationUnits(_ paths: [String]) -> (units: [[String]], fileCount: Int, diagnostics: [Diagnostic]) {
        var explicit: [String] = []
        var byFolder: [String: [String]] = [:]
        var diagnostics: [Diagnostic] = []
        for path in paths {
            let (files, missing) = expand([path])
            diagnostics += missing
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                for file in files {
                    let folder = (file as NSString).deletingLastPathComponent
                    if byFolder[folder]?.contains(file) != true { byFolder[folder, default: []].append(file) }
                }
            } else {
                explicit += files.filter { !explicit.contains($0) }  // naming a file twice checks it once
            }
        }
        let units = (explicit.isEmpty ? [] : [explicit]) + byFolder.keys.sorted().compactMap { byFolder[$0] }
        return (units, units.reduce(0) { $0 + $1.count }, diagnostics)
    }

    /// The schema files for `paths`, each spelled as the user's path plus the relative path inside a folder.
    static func expand(_ paths: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(Diagnostic(
                    .error, code: "unreadable-file", "no such file or folder",
                    at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            guard isDirectory.boolValue else {
                if !files.contains(path) { files.append(path) }  // naming a file twice compiles it once
                continue
            }
            let found = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
                .filter { isSchemaFileName(($0 as NSString).lastPathComponent) }
                .sorted()
            let base = path.hasSuffix("/") ? path : path + "/"
            files.append(contentsOf: found.map { base + $0 }.filter { !files.contains($0) })
        }
        return (files, diagnostics)
    }
}
