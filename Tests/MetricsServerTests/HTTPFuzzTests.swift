import Foundation
import Logging
import NIOCore
import NIOEmbedded
import Testing

@testable import MetricsServer

/// #14 deliverable 6: a seeded mutation fuzzer for the HTTP request path. Inputs derived from the corpus
/// in `Tests/Corpus/HTTPRequests` go, in random chunks, through a connection's real pipeline on an
/// `EmbeddedChannel` (single-threaded, no sockets, no clock). Every answer must be well-formed HTTP/1.1
/// with an expected status, and nothing may follow a final 400/413/429.
///
/// CI runs `HTTP_FUZZ_ITERATIONS` (default 3,000) inputs from seed `HTTP_FUZZ_SEED` (default 1). Run it
/// longer with e.g. `HTTP_FUZZ_ITERATIONS=1000000 HTTP_FUZZ_SEED=$RANDOM swift test --filter HTTPFuzzTests`;
/// a failure names the seed and iteration, and the input, to add to the corpus.
@Suite struct HTTPFuzzTests {
    static let corpusDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpus/HTTPRequests")
    static let allowedStatuses: Set<Int> = [200, 400, 404, 405, 413, 429, 503]
    static let finalStatuses: Set<Int> = [400, 413, 429]
    static let tokens: [[UInt8]] = [
        "\r\n", "\r\n\r\n", ":", " ", "\0", "Content-Length: 99999999999999999999\r\n", "Content-Length: -1\r\n",
        "Transfer-Encoding: chunked\r\n", "Connection: close\r\n", "Expect: 100-continue\r\n", "HTTP/1.1", "/metrics",
        "/health", "Accept-Encoding: gzip;q=0, *\r\n", "Accept: application/openmetrics-text;q=x\r\n", "\u{FF}",
        "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n",
    ].map { Array($0.utf8) }

    @Test func mutatedRequestsGetWellFormedAnswers() throws {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["HTTP_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 3_000
        let seed = environment["HTTP_FUZZ_SEED"].flatMap(UInt64.init) ?? 1
        let corpus = try FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path).sorted()
            .map { try [UInt8](Data(contentsOf: Self.corpusDirectory.appendingPathComponent($0))) }
        #expect(corpus.count >= 10, "corpus missing at \(Self.corpusDirectory.path)")
        var random = SplitMix64(seed: seed)
        for iteration in 0..<iterations {
            let input = Self.mutate(corpus[Int(random.next() % UInt64(corpus.count))], corpus: corpus, random: &random)
            let problem = try Self.run(input, random: &random)
            if let problem {
                Issue.record("seed \(seed) iteration \(iteration): \(problem)\ninput: \(String(decoding: input, as: UTF8.self).debugDescription)")
                return
            }
        }
    }

    @Test func everyCorpusEntryIsAnswered() throws {
        var random = SplitMix64(seed: 7)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path).sorted() {
            let input = try [UInt8](Data(contentsOf: Self.corpusDirectory.appendingPathComponent(name)))
            #expect(try Self.run(input, random: &random, requireAnswer: true) == nil, "\(name)")
        }
    }

    /// Feeds `input` in random chunks; returns what is wrong with the answers, nil when they are fine.
    static func run(_ input: [UInt8], random: inout SplitMix64, requireAnswer: Bool = false) throws -> String? {
        let channel = EmbeddedChannel()
        var logger = Logger(label: "fuzz")
        logger.logLevel = .critical
        let configuration = StatusServerConfiguration(port: 0, maxHeaderBytes: 1024, maxBodyBytes: 256, maxPipelinedRequests: 4)
        let router = StatusRouter(
            health: HealthState(status: .ready, uptime: { .seconds(1) }), healthPath: "/health", livePath: "/live",
            negotiation: .init(enableOpenMetrics: true)
        )
        try MetricsServer.configurePipeline(
            channel, configuration: configuration, router: router,
            executor: ScrapeExecutor(source: FakeSource(), threads: 0, logger: logger),
            connections: ConnectionRegistry(limit: 4, perPeerLimit: 4), logger: logger
        )
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        var offset = 0
        while offset < input.count, channel.isActive {
            let length = min(input.count - offset, 1 + Int(random.next() % 64))
            _ = try? channel.writeInbound(ByteBuffer(bytes: input[offset..<offset + length]))
            offset += length
        }
        var output: [UInt8] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) {
            output += buffer.readableBytesView
        }
        let wasClosed = !channel.isActive
        _ = try? channel.finish()
        // Drops what is still scheduled on the embedded loop (its time never advances), which would
        // otherwise keep the channel and its pipeline alive: LeakSanitizer reported them.
        try? channel.embeddedEventLoop.syncShutdownGracefully()
        let responses: [ParsedResponse]
        do {
            responses = try ParsedResponse.parseAll(output, bodiless: Set(headIndices(input)))
        } catch {
            return "answers are not well-formed HTTP: \(error)"
        }
        if requireAnswer && responses.isEmpty { return "no answer" }
        for (index, response) in responses.enumerated() {
            guard allowedStatuses.contains(response.status) else { return "unexpected status \(response.status)" }
            if finalStatuses.contains(response.status) {
                guard index == responses.count - 1 else { return "an answer follows a final \(response.status)" }
                guard response.header("Connection") == "close", wasClosed else {
                    return "a final \(response.status) must close the connection"
                }
            }
        }
        return nil
    }

    /// Indices of the answers that belong to HEAD requests (approximate: requests starting with `HEAD `).
    static func headIndices(_ input: [UInt8]) -> [Int] {
        let text = String(decoding: input, as: UTF8.self)
        return text.components(separatedBy: "\r\n\r\n").enumerated().compactMap { $0.element.hasPrefix("HEAD ") ? $0.offset : nil }
    }

    static func mutate(_ seed: [UInt8], corpus: [[UInt8]], random: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + Int(random.next() % 4)) {
            let position = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count + 1))
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty: bytes[min(position, bytes.count - 1)] = UInt8(truncatingIfNeeded: random.next())
            case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            case 2 where !bytes.isEmpty:
                let end = min(bytes.count, position + 1 + Int(random.next() % 16))
                bytes.removeSubrange(min(position, end)..<end)
            case 3: bytes.insert(contentsOf: tokens[Int(random.next() % UInt64(tokens.count))], at: position)
            case 4: bytes.insert(contentsOf: corpus[Int(random.next() % UInt64(corpus.count))], at: position)
            default:
                let end = min(bytes.count, position + Int(random.next() % 32))
                bytes.insert(contentsOf: bytes[min(position, end)..<end], at: position)
            }
        }
        return bytes
    }
}

/// A small deterministic generator, so a failing seed reproduces.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
