import Foundation
import Testing

/// Runs the built `metrics-schema` executable (it sits next to the test bundle).
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            let binary = URL(fileURLWithPath: first)
            candidates += [binary.deletingLastPathComponent(), binary.deletingLastPathComponent().deletingLastPathComponent()]
        }
        candidates += [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for directory in candidates {
            let url = directory.appendingPathComponent("metrics-schema")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw CLIError(message: "metrics-schema not found next to the test bundle: \(candidates.map(\.path))")
    }

    struct CLIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A fresh temporary folder with the given files.
func temporaryFolder(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-schema-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    for (path, contents) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: url)
    }
    return root
}

let validSchema = "version: 1\nmetrics:\n  - name: requests_total\n    type: counter\n    help: Requests\n"
let warningSchema = "version: 1\nmetrics:\n  - name: requests\n    type: counter\n    help: Requests\n"
let brokenSchema = "version: 1\nmetrics:\n  - name: requests_total\n    type: countr\n    help: Requests\n"
