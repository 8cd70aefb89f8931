import MetricsExpositionParser
import Testing

/// A seeded mutation fuzzer over the committed corpus: deterministic (fixed seed, fixed number
/// of mutations), so a failure reproduces; raise `rounds` locally to run it longer.
@Suite struct ExpositionParserMutationFuzzTests {
    static let rounds = 2_000
    static let corpusFiles = ["engines.prom", "openmetrics.om", "malformed.prom"]

    /// SplitMix64: small, seedable, the same sequence on every platform.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let interesting: [UInt8] = Array("{}\",=\\# \n\t:_eE+-.0123456789InfNa".utf8) + [0, 0xFF, 0xC3, 0x80]

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[position] = interesting.randomElement(using: &rng) ?? 0
            case 1: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: position)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...16, using: &rng)))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &rng))
                bytes.insert(contentsOf: bytes[position..<end], at: Int.random(in: 0...bytes.count, using: &rng))
            case 4: bytes.removeSubrange(position...)
            default: bytes[position...].reverse()
            }
        }
        return bytes
    }

    @Test(arguments: ExpositionDialect.allCases)
    func mutatedCorpusNeverCrashesAndEveryProblemHasALine(dialect: ExpositionDialect) throws {
        var rng = SplitMix64(state: 0x5EED_2026)
        let corpus = try Self.corpusFiles.map { Array(try ExpositionParserTests.corpus($0).utf8) }
        var problems = 0
        for round in 0..<Self.rounds {
            let input = Self.mutate(corpus[round % corpus.count], &rng)
            let parsed = ExpositionParser.parse(utf8: input, dialect: dialect)
            let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
            #expect(parsed.problems.allSatisfy { (1...max(lines, 1)).contains($0.line) }, "round \(round)")
            // Every kept sample is in exactly one series (or is its bucket/quantile/sum/count part).
            #expect(parsed.samples.allSatisfy { (1...lines).contains($0.line) }, "round \(round)")
            problems += parsed.problems.count
        }
        #expect(problems > Self.rounds / 2)  // the mutations really produce malformed lines
    }
}
