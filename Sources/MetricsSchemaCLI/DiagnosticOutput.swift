import Foundation
import MetricsSchema

/// Prints diagnostics: text to standard error, or one JSON document to standard output.
enum DiagnosticOutput {
    /// The JSON document of `lint --format json`.
    struct Report: Encodable {
        var diagnostics: [Diagnostic]
        var errorCount: Int
        var warningCount: Int
        var fileCount: Int
    }

    static func printText(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { printError(diagnostic.description) }
    }

    static func printJSON(_ diagnostics: [Diagnostic], fileCount: Int) {
        let report = Report(
            diagnostics: diagnostics,
            errorCount: diagnostics.filter { $0.severity == .error }.count,
            warningCount: diagnostics.filter { $0.severity == .warning }.count,
            fileCount: fileCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(report) {
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// "2 errors, 1 warning" style counts.
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}

/// Writes generated files only when their contents change, so unchanged builds stay no-ops.
enum OutputFile {
    /// Whether the file was (re)written.
    @discardableResult
    static func write(_ contents: String, to path: String) throws -> Bool {
        let data = Data(contents.utf8)
        if let existing = FileManager.default.contents(atPath: path), existing == data { return false }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return true
    }
}
