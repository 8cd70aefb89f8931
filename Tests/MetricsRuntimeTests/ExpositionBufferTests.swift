import MetricsRuntime
import Testing

/// `exposition(into:)` over a caller's own ``ExpositionBuffer``: the same bytes as the `[UInt8]`
/// form in both formats (native families, passed-through engine families, callback text), written
/// through bounded reservations, and a failed scrape leaves the buffer as it was.
@Suite struct ExpositionBufferTests {
    /// Fixed-size pages, so a reservation never lands in the spare capacity of the previous one.
    struct PagedBuffer: ExpositionBuffer {
        var pages: [[UInt8]] = []
        var reservations = 0
        var bytes: [UInt8] { pages.flatMap { $0 } }

        init() {}

        var writtenCount: Int { pages.reduce(0) { $0 + $1.count } }

        mutating func appendDirectly(capacity: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
            reservations += 1
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 1)
            defer { memory.deallocate() }
            let written = body(memory)
            #expect(written >= 0 && written <= capacity)
            pages.append(Array(UnsafeRawBufferPointer(rebasing: memory[..<written])))
        }

        mutating func truncate(toCount count: Int) {
            let all = bytes
            pages = [Array(all.prefix(count))]
        }
    }

    static func metrics() throws -> MetricsRegistry {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        try endpoint.metrics.makeCounterVec("requests_total", help: "Requests.", labelNames: ["model"]).labels("llama").inc(by: 3)
        try endpoint.metrics.makeGauge("load", help: "Load.").set(0.125)
        try endpoint.metrics.makeHistogram("latency_seconds", help: "Latency.", buckets: [0.1, 1]).observe(0.5)
        endpoint.metrics.addEngineMetrics(prefixes: ["vllm:"], labels: []) {
            "# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running 2\n"
        }
        runtime.metrics.addExpositionCallback { "callback_text 1" }  // no trailing newline: one is added
        return runtime.metrics
    }

    @Test(arguments: ExpositionFormat.allCases)
    func ownBufferGetsTheSameBytesAsAnArray(format: ExpositionFormat) throws {
        let metrics = try Self.metrics()
        var array: [UInt8] = Array("prefix\n".utf8)
        try metrics.exposition(into: &array, format: format, options: .init())
        var paged = PagedBuffer()
        paged.pages = [Array("prefix\n".utf8)]
        try metrics.exposition(into: &paged, format: format)
        #expect(Self.withoutUptime(paged.bytes) == Self.withoutUptime(array))
        let text = String(decoding: array, as: UTF8.self)
        #expect(text.hasPrefix("prefix\n# HELP dynamo_component_latency_seconds Latency.\n"))
        #expect(text.contains("\nvllm:num_requests_running{dynamo_component=\"comp\",dynamo_endpoint=\"ep\",dynamo_namespace=\"ns\"} 2"))
        #expect(text.hasSuffix(format == .openMetrics ? "callback_text 1\n# EOF\n" : "callback_text 1\n"))
        // One reservation per native family (the three above and the runtime's uptime gauge), one
        // per passed-through family, one for the callback text and its added newline, one for `# EOF`.
        #expect(paged.reservations == 4 + 1 + 2 + (format == .openMetrics ? 1 : 0))
    }

    /// A buffer that offers less memory than asked breaks the contract; the scrape then keeps what
    /// fits instead of writing past it (AddressSanitizer in CI would see an overflow).
    struct StingyBuffer: ExpositionBuffer {
        var pages: [[UInt8]] = []
        init() {}
        var writtenCount: Int { pages.reduce(0) { $0 + $1.count } }
        mutating func appendDirectly(capacity: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
            let offered = min(capacity, 10)
            let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: offered, alignment: 1)
            defer { memory.deallocate() }
            let written = body(memory)
            #expect(written >= 0 && written <= offered)
            pages.append(Array(UnsafeRawBufferPointer(rebasing: memory[..<written])))
        }
        mutating func truncate(toCount count: Int) {}
    }

    @Test func bufferOfferingTooLittleGetsATruncatedTextNotAnOverflow() throws {
        var stingy = StingyBuffer()
        try Self.metrics().exposition(into: &stingy, format: .prometheusText)
        #expect(stingy.pages.first == Array("# HELP dyn".utf8))
        #expect(stingy.pages.count == 7 && stingy.pages.allSatisfy { $0.count <= 10 })
    }

    @Test func failedScrapeLeavesTheBufferAsItWas() throws {
        let runtime = MetricsRuntime(configuration: recordingConfiguration(ErrorRecorder()) { $0.callbackFailurePolicy = .failScrape })
        let metrics = runtime.namespace("ns").metrics
        try metrics.makeGauge("g", help: "G").set(1)
        // The exposition callbacks run after the families are written: those bytes are dropped again.
        runtime.metrics.addExpositionCallback { throw CallbackTests.SimulatedError() }
        var paged = PagedBuffer()
        paged.pages = [Array("kept".utf8)]
        #expect(thrownError { try runtime.metrics.exposition(into: &paged, format: .prometheusText) } != nil)
        #expect(paged.bytes == Array("kept".utf8))
    }

    /// The exposition without the uptime sample, whose value differs between two scrapes.
    static func withoutUptime(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("dynamo_component_uptime_seconds ") }.joined(separator: "\n")
    }
}
