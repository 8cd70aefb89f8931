import Foundation
import Synchronization
import Testing

/// A real OTLP receiver (Receivers/otlp_receiver.py: the OpenTelemetry project's `opentelemetry-proto`
/// Python package, plus `grpcio` for gRPC) run as a subprocess on a loopback port.
///
/// Mandatory (missing Python modules fail the tests) when `REQUIRE_OTLP_RECEIVERS=1` or
/// `REQUIRE_PROMETHEUS_TOOLS=1`, as `.ci/run` sets; otherwise the tests that need it are skipped.
final class OTLPReceiver: @unchecked Sendable {  // Process: only terminated and awaited
    enum Mode: String, Sendable { case http, grpc }

    static let required = ["REQUIRE_OTLP_RECEIVERS", "REQUIRE_PROMETHEUS_TOOLS"]
        .contains { ProcessInfo.processInfo.environment[$0] == "1" }

    /// A Python 3 that imports `opentelemetry.proto` and `grpc`: `OTLP_RECEIVER_PYTHON`, then
    /// /usr/bin/python3, then every python3 on PATH.
    static let python: String? = {
        var candidates: [String] = []
        if let configured = ProcessInfo.processInfo.environment["OTLP_RECEIVER_PYTHON"] { candidates.append(configured) }
        candidates.append("/usr/bin/python3")
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(directory)/python3")
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["-c", "import opentelemetry.proto.collector.metrics.v1.metrics_service_pb2_grpc, grpc"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil {
                process.waitUntilExit()
                if process.terminationStatus == 0 { return candidate }
            }
        }
        return nil
    }()

    static var runnable: Bool { python != nil || required }
    static let skipComment: Comment =
        "python3 with opentelemetry-proto and grpcio not found (pip install opentelemetry-proto grpcio protobuf); set REQUIRE_OTLP_RECEIVERS=1 to fail instead"

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Receivers/otlp_receiver.py").path

    /// The receiver's stdout lines, appended by the reader thread.
    final class Lines: Sendable {
        let lines = Mutex<[String]>([])
    }

    let mode: Mode
    let port: Int
    private let process: Process
    private let lines: Lines

    /// Starts a receiver (on `port`, or an ephemeral one) and waits until it listens.
    static func start(_ mode: Mode, port: Int = 0) async throws -> OTLPReceiver {
        let (process, lines) = try launch(mode, port: port)
        let listening = try await wait(for: "listening on port ", in: lines, after: 0)
        let bound = try #require(Int(listening.line.dropFirst("listening on port ".count)))
        return OTLPReceiver(mode: mode, port: bound, process: process, lines: lines)
    }

    private init(mode: Mode, port: Int, process: Process, lines: Lines) {
        self.mode = mode
        self.port = port
        self.process = process
        self.lines = lines
    }

    private static func launch(_ mode: Mode, port: Int) throws -> (Process, Lines) {
        let python = try #require(
            Self.python,
            "python3 with opentelemetry-proto and grpcio is required (REQUIRE_OTLP_RECEIVERS=1): pip install opentelemetry-proto grpcio protobuf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", Self.script, mode.rawValue] + (port == 0 ? [] : ["--port", "\(port)"])
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let lines = Lines()
        let handle = output.fileHandleForReading
        let reader = Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    lines.lines.withLock { $0.append(line) }
                }
            }
        }
        reader.start()
        return (process, lines)
    }

    /// A loopback port where a receiver listened and nothing listens now ("the receiver is down").
    static func portOfStoppedReceiver(_ mode: Mode) async throws -> Int {
        let receiver = try await start(mode)
        receiver.stop()
        return receiver.port
    }

    deinit { stop() }

    func stop() {
        // SIGKILL: a grpcio server can keep running after SIGTERM, and waiting on it would hang.
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The `count`-th export received (1-based), waiting for it.
    func export(_ count: Int) async throws -> ReceivedExport {
        var after = 0
        var result: ReceivedExport?
        for _ in 0..<count {
            let headers = try await Self.wait(for: "headers ", in: lines, after: after)
            let request = try await Self.wait(for: "request ", in: lines, after: headers.index + 1)
            after = request.index + 1
            result = try ReceivedExport(
                headersJSON: String(headers.line.dropFirst("headers ".count)),
                requestJSON: String(request.line.dropFirst("request ".count)))
        }
        return try #require(result)
    }

    /// Exports received so far.
    var exportCount: Int { lines.lines.withLock { $0.count { $0.hasPrefix("request ") } } }

    /// Waits (generously: this is a liveness bound, not a timed assertion) for a line with `prefix`.
    private static func wait(
        for prefix: String, in lines: Lines, after start: Int
    ) async throws -> (line: String, index: Int) {
        for _ in 0..<6000 {
            let found: (String, Int)? = lines.lines.withLock { lines in
                guard start < lines.count else { return nil }
                return lines[start...].firstIndex { $0.hasPrefix(prefix) }.map { (lines[$0], $0) }
            }
            if let found { return found }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw ReceiverTimeout(prefix: prefix)
    }

    struct ReceiverTimeout: Error, CustomStringConvertible {
        let prefix: String
        var description: String { "the OTLP receiver printed no '\(prefix)' line within 60 s" }
    }
}
