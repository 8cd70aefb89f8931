import MetricsRuntime
import MetricsServer
import NIOCore
import Testing

/// `MetricsRegistry.exposition(into: inout ByteBuffer, …)`, what the server and the framework routes
/// answer with: the exposition written in the buffer's own memory, byte for byte the `[UInt8]` one.
@Suite struct ByteBufferExpositionTests {
    static func runtime(failing: Bool = false) throws -> MetricsRuntime {
        var configuration = MetricsConfiguration.neutral
        configuration.processMetrics = false
        configuration.errorHandler = { _ in }
        if failing { configuration.callbackFailurePolicy = .failScrape }
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        let requests = try endpoint.metrics.makeCounterVec("requests_total", help: "Requests", labelNames: ["model"])
        // Enough series that the buffer grows several times while the families are written.
        for index in 0..<2_000 { requests.labels("model-\(index)").inc(by: Double(index)) }
        try endpoint.metrics.makeHistogram("latency_seconds", help: "Latency", buckets: [0.1, 1]).observe(0.5)
        if failing { runtime.metrics.addExpositionCallback { throw CancellationError() } }
        return runtime
    }

    @Test(arguments: ExpositionFormat.allCases)
    func sameBytesAsTheArrayFormAfterWhatTheBufferHeld(format: ExpositionFormat) throws {
        let runtime = try Self.runtime()
        var array: [UInt8] = []
        try runtime.metrics.exposition(into: &array, format: format, options: .init())
        #expect(array.count > 100_000)
        // A buffer with bytes already read and some still readable: the exposition goes after them.
        var buffer = ByteBuffer(string: "readheld")
        buffer.moveReaderIndex(forwardBy: 4)
        try runtime.metrics.exposition(into: &buffer, format: format, options: .init())
        #expect(buffer.readString(length: 4) == "held")
        #expect(Self.withoutUptime(Array(buffer.readableBytesView)) == Self.withoutUptime(array))
    }

    @Test func failedScrapeLeavesTheBufferAsItWas() throws {
        let runtime = try Self.runtime(failing: true)
        var buffer = ByteBuffer(string: "kept")
        #expect(throws: MetricsError.self) {
            try runtime.metrics.exposition(into: &buffer, format: .prometheusText, options: .init())
        }
        #expect(String(buffer: buffer) == "kept")
    }

    /// The exposition without the uptime sample, whose value differs between two scrapes.
    static func withoutUptime(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("metrics_runtime_uptime_seconds ") }.joined(separator: "\n")
    }
}
