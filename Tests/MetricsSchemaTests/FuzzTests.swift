import Foundation
import MetricsSchema
import Testing

/// A deterministic pseudo-random generator (SplitMix64), so every run feeds the same inputs.
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

/// Feeds thousands of mutated and randomly generated schemas through the loader and checks: each
/// must end in a schema without errors or in at least one error, with sane positions, and never crash.
@Suite struct FuzzTests {
    static let tokens = [
        "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "? ", "\t", "no", "on", "~", "null", ".inf", "-.nan", "0x1F",
        "'", "\"", "# ", "|", ">", "!!binary ", "%YAML 1.1\n", "---\n", "...\n", "é", "\u{0}", "\u{FEFF}", "𝔘",
        "__name", "le", "1e400", "99999999999999999999", "type: histogram", "buckets: [1, 0]", "labels: [a, a]",
        "\n", "  ", "values: []", "&b [*b]", "<<: *a", "!!str ", "!custom ", "\r\n",
        "*a : x", "*a0: y", "? *a1", "[*a1]: z", "{k: *a0}: w", "it's ", "'", "stability: stable", "deprecated: {since: x}",
        "{value: v, swift_name: Type}", "access: internal",
    ]

    /// The committed seed corpus (`FuzzCorpus/*.metrics.yaml`): fixtures, the Dynamo frontend schema
    /// and an alias/quote mix. Add a file there to have every run mutate it too.
    static let corpus: [(name: String, text: String)] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FuzzCorpus")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        return names.compactMap { name in
            (try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
        }
    }()

    /// `SCHEMA_FUZZ_ITERATIONS` (default 500 per corpus file; CI uses the default) and
    /// `SCHEMA_FUZZ_SEED` (default fixed) make longer or different runs:
    /// `SCHEMA_FUZZ_ITERATIONS=200000 SCHEMA_FUZZ_SEED=$RANDOM swift test --filter FuzzTests`.
    static let iterations = Int(ProcessInfo.processInfo.environment["SCHEMA_FUZZ_ITERATIONS"] ?? "") ?? 500
    static let seed = UInt64(ProcessInfo.processInfo.environment["SCHEMA_FUZZ_SEED"] ?? "") ?? 0x5EED_2026

    /// Checks one input and returns whether it compiled without errors.
    @discardableResult
    static func check(_ text: String, _ context: String) -> Bool {
        let compilation = SchemaCompiler.compile(sources: [(file: "fuzz.metrics.yaml", text: text)])
        let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
        for diagnostic in compilation.diagnostics {
            let location = diagnostic.location
            #expect(location.line >= 1 && location.column >= 1 && location.line <= lineCount + 1, "\(context): \(diagnostic)")
            #expect(!diagnostic.message.isEmpty, "\(context)")
        }
        if compilation.hasErrors { return false }
        #expect(compilation.schemas.count == 1, "\(context): no errors but no schema")
        return true
    }

    @Test func mutatedCorpus() throws {
        #expect(Self.corpus.count >= 4)
        for (offset, seedFile) in Self.corpus.enumerated() {
            var random = SplitMix64(state: Self.seed &+ UInt64(offset))
            let original = seedFile.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for iteration in 0..<Self.iterations {
                var lines = original
                for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&lines, using: &random) }
                Self.check(lines.joined(separator: "\n"), "\(seedFile.name) mutation \(iteration) (seed \(Self.seed))")
            }
        }
    }

    @Test func mutatedSchemas() {
        var random = SplitMix64(state: 0x5EED_2026)
        var clean = 0
        for iteration in 0..<2_000 {
            var lines = LoaderTests.issueExample.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                mutate(&lines, using: &random)
            }
            if Self.check(lines.joined(separator: "\n"), "mutation \(iteration)") { clean += 1 }
        }
        #expect(clean > 0)  // some mutations keep the schema valid, so the success path is exercised too
        #expect(clean < 2_000)
    }

    @Test func randomlyGeneratedSchemas() {
        var random = SplitMix64(state: 42)
        let names = ["requests_total", "a", "Default", "in", "class", "x_y", "_z", "queue__depth", "le", "2x", "shared", "ä", ""]
        let values = ["no", "on", "", "7b", "a-b", "a_b", "self", "+", "x", "y", "default"]
        var clean = 0
        for iteration in 0..<500 {
            var yaml = "version: \(random.next() % 8 == 0 ? 2 : 1)\nmetrics:\n"
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let type = ["counter", "gauge", "histogram", "summary"].randomElement(using: &random) ?? "gauge"
                yaml += "  - name: \"\(names.randomElement(using: &random) ?? "a")\"\n    type: \(type)\n    help: H\n"
                if Bool.random(using: &random) { yaml += "    value: \(["int", "double"].randomElement(using: &random) ?? "int")\n" }
                if Bool.random(using: &random) {
                    let label = names.randomElement(using: &random) ?? "a"
                    let set = (0..<Int.random(in: 0...3, using: &random)).map { _ in "\"\(values.randomElement(using: &random) ?? "x")\"" }
                    yaml += "    labels:\n      - name: \"\(label)\"\n        values: [\(set.joined(separator: ", "))]\n      - model\n"
                }
                if Bool.random(using: &random) {
                    let bounds = (0..<Int.random(in: 0...4, using: &random)).map { _ in String(Double.random(in: -1...10, using: &random)) }
                    yaml += "    buckets: [\(bounds.joined(separator: ", "))]\n"
                }
            }
            if Self.check(yaml, "generated \(iteration)") { clean += 1 }
        }
        #expect(clean > 0)
    }

    private func mutate(_ lines: inout [String], using random: inout SplitMix64) {
        guard !lines.isEmpty else {
            lines = [Self.tokens.randomElement(using: &random) ?? ""]
            return
        }
        let index = Int.random(in: 0..<lines.count, using: &random)
        switch random.next() % 7 {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: index)
        case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &random))
        case 3:
            var scalars = Array(lines[index].unicodeScalars)
            let position = Int.random(in: 0...scalars.count, using: &random)
            scalars.insert(contentsOf: (Self.tokens.randomElement(using: &random) ?? "").unicodeScalars, at: position)
            lines[index] = String(String.UnicodeScalarView(scalars))
        case 4:
            var scalars = Array(lines[index].unicodeScalars)
            if !scalars.isEmpty {
                let value = UInt32(random.next() % 0x80)
                scalars[Int.random(in: 0..<scalars.count, using: &random)] = Unicode.Scalar(value) ?? "x"
                lines[index] = String(String.UnicodeScalarView(scalars))
            }
        case 5: lines[index] = String(repeating: " ", count: Int.random(in: 0...6, using: &random)) + lines[index].drop { $0 == " " }
        default:
            if let colon = lines[index].firstIndex(of: ":") {
                lines[index] = String(lines[index][...colon]) + " " + (Self.tokens.randomElement(using: &random) ?? "")
            }
        }
    }
}
