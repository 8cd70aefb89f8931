import MetricsCodegen
import MetricsSchema
import Testing

/// Random valid-looking schemas: whenever the checks pass, the generator must produce one accessor
/// and one `Names` entry per metric, and never crash.
@Suite struct GeneratorFuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11 | state << 53
        }
    }

    @Test func cleanSchemasAlwaysRender() {
        var random = Generator(state: 7)
        let words = ["requests", "latency", "default", "in", "class", "queue", "type", "self_x", "model", "7b", "on"]
        var rendered = 0
        for _ in 0..<300 {
            var yaml = "version: 1\nprefix: \"\(["", "dynamo_component", "app"].randomElement(using: &random) ?? "")\"\nmetrics:\n"
            let count = Int.random(in: 0...5, using: &random)
            for index in 0..<count {
                let type = ["counter", "gauge", "histogram"].randomElement(using: &random) ?? "gauge"
                let base = (words.randomElement(using: &random) ?? "m") + "_\(index)"
                yaml += "  - name: \(type == "counter" ? base + "_total" : base)\n    type: \(type)\n    help: \"Help \\\\ \\\" \(index)\"\n"
                if type != "histogram", Bool.random(using: &random) { yaml += "    value: int\n" }
                let labelCount = Int.random(in: 0...6, using: &random)
                if labelCount > 0 {
                    yaml += "    labels:\n"
                    for labelIndex in 0..<labelCount {
                        let label = (words.randomElement(using: &random) ?? "l") + "_l\(labelIndex)"
                        if Bool.random(using: &random) {
                            let values = (0..<Int.random(in: 1...4, using: &random)).map { "\"\(words[$0 % words.count])\($0)\"" }
                            yaml += "      - {name: \(label), values: [\(values.joined(separator: ", "))]}\n"
                        } else {
                            yaml += "      - \(label)\n"
                        }
                    }
                }
                if type == "histogram", Bool.random(using: &random) { yaml += "    buckets: {linear: {start: 1, width: 2, count: 3}}\n" }
            }
            let compilation = SchemaCompiler.compile(sources: [(file: "fuzz.metrics.yaml", text: yaml)])
            guard !compilation.hasErrors, let schema = compilation.schemas.first else { continue }
            let output = SwiftGenerator.render(compilation.schemas)
            let fullNames = output.split(separator: "\n").filter { $0.contains("public static let fullName") }
            #expect(fullNames.count == schema.metrics.count, "\(yaml)")
            rendered += 1
        }
        #expect(rendered > 50)  // 97 with this seed: the success path is well exercised
    }
}
