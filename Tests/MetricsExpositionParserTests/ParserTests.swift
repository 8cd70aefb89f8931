import Foundation
import MetricsExpositionParser
import Testing

@Suite struct ExpositionParserTests {
    static func corpus(_ name: String) throws -> String {
        let directory = String(#filePath.dropLast("ParserTests.swift".count)) + "Corpus/"
        return try String(contentsOfFile: directory + name, encoding: .utf8)
    }

    @Test func engineTextRegroupsEveryFamily() throws {
        let parsed = ExpositionParser.parse(try Self.corpus("engines.prom"))
        #expect(parsed.problems == [])
        #expect(parsed.families.map(\.name) == [
            "vllm:num_requests_running", "vllm:time_to_first_token_seconds", "sglang:latency",
            "trtllm_kv_cache_hit_rate", "lmcache:hits_total",
        ])
        let gauge = try #require(parsed.family(named: "vllm:num_requests_running"))
        #expect(gauge.type == .gauge)
        #expect(gauge.help == "Number of requests currently running on GPU.")
        #expect(gauge.series == [ParsedSeries(
            labels: [ParsedLabel(name: "engine", value: "0"), ParsedLabel(name: "model_name", value: "llama")],
            value: .single(3, created: nil), timestamp: nil, line: 3
        )])

        let histogram = try #require(parsed.family(named: "vllm:time_to_first_token_seconds"))
        #expect(histogram.type == .histogram)
        #expect(histogram.series.count == 1)
        #expect(histogram.series.first?.labels.map(\.name) == ["engine", "model_name"])
        #expect(histogram.series.first?.value == .histogram(ParsedHistogram(
            buckets: [ParsedBucket(upperBound: 0.1, cumulativeCount: 1), ParsedBucket(upperBound: .infinity, cumulativeCount: 5)],
            sum: 2.75, count: 5, created: nil
        )))

        let summary = try #require(parsed.family(named: "sglang:latency"))
        #expect(summary.series.first?.value == .summary(ParsedSummary(
            quantiles: [ParsedQuantile(quantile: 0.5, value: 0.25), ParsedQuantile(quantile: 0.99, value: 1.5)],
            sum: 12.5, count: 20, created: nil
        )))

        let untyped = try #require(parsed.family(named: "trtllm_kv_cache_hit_rate"))
        #expect(untyped.type == .untyped)
        #expect(untyped.kind == .gauge)
        #expect(!untyped.declared)
        #expect(untyped.help == nil)
        #expect(untyped.series.first?.labels == [
            ParsedLabel(name: "path", value: "C:\\data"),
            ParsedLabel(name: "note", value: "say \"hi\"\nbye"),
            ParsedLabel(name: "odd", value: "\\x"),  // unknown escape kept as written
        ])
        #expect(untyped.series.first?.timestamp == 1_700_000_000_000)

        let counter = try #require(parsed.family(named: "lmcache:hits_total"))
        #expect(counter.type == .counter)
        #expect(counter.valueSampleName == "lmcache:hits_total")
        #expect(counter.series.first?.value == .single(42, created: nil))
        #expect(parsed.samples.count == 11)
        #expect(parsed.samples.map(\.line) == [3, 6, 7, 8, 9, 12, 13, 14, 15, 17, 19])
    }

    @Test func openMetricsTotalCreatedUnitTimestampsExemplarsAndEOF() throws {
        let parsed = ExpositionParser.parse(try Self.corpus("openmetrics.om"), dialect: .openMetrics)
        #expect(parsed.problems == [])
        #expect(parsed.sawEOF)
        #expect(parsed.families.map(\.name) == ["requests", "latency_seconds", "up"])
        let requests = try #require(parsed.family(named: "requests_total"))
        #expect(requests.name == "requests")
        #expect(requests.valueSampleName == "requests_total")
        #expect(requests.help == "Requests \"served\".")
        #expect(requests.unit == "requests")
        #expect(requests.series.first?.value == .single(7, created: 1_700_000_000))
        #expect(requests.series.first?.timestamp == 1_700_000_000.5)
        let latency = try #require(parsed.family(named: "latency_seconds"))
        #expect(latency.unit == "seconds")
        #expect(latency.series.first?.value == .histogram(ParsedHistogram(
            buckets: [ParsedBucket(upperBound: 0.5, cumulativeCount: 1), ParsedBucket(upperBound: .infinity, cumulativeCount: 2)],
            sum: 1.25, count: 2, created: 1_700_000_000
        )))
        let up = try #require(parsed.family(named: "up"))
        #expect(up.type == .unknown)
        #expect(up.kind == .gauge)
    }

    @Test func malformedLinesAreSkippedAndCountedWithTheirLineNumbers() throws {
        let parsed = ExpositionParser.parse(try Self.corpus("malformed.prom"))
        #expect(parsed.problems.map(\.description) == [
            #"line 2: expected ',' or '}' after the value of label 'a': broken{a="1" 2"#,
            #"line 3: duplicate label 'a': broken{a="1",a="2"} 2"#,
            #"line 4: invalid label name at byte 8 (expected [a-zA-Z_][a-zA-Z0-9_]*): broken{1a="x"} 2"#,
            "line 5: invalid value 'nope': broken nope",
            "line 6: unexpected text after the value of broken: broken 1 2 3",
            #"line 7: a sample line must start with a metric name: {a="b"} 1"#,
            "line 8: second # TYPE for broken: # TYPE broken counter",
            "line 9: unknown type 'wrong' for other: # TYPE other wrong",
        ])
        #expect(parsed.malformedLineCount == 8)
        #expect(parsed.families.first?.series == [ParsedSeries(
            labels: [ParsedLabel(name: "a", value: "ok")], value: .single(4, created: nil), timestamp: nil, line: 10
        )])
    }

    @Test func textLevelProblems() {
        let unterminated = ExpositionParser.parse("a 1\nb 2")
        #expect(unterminated.problems.map(\.description) == ["line 2: text does not end with a newline: b 2"])
        #expect(unterminated.samples.map(\.value) == [1, 2])
        let openMetrics = ExpositionParser.parse("a 1\n\n# EOF\nb 2\n", dialect: .openMetrics)
        #expect(openMetrics.problems.map(\.description) == [
            "line 2: empty line in OpenMetrics text: ", "line 4: content after # EOF: b 2",
        ])
        let missing = ExpositionParser.parse("a 1\n", dialect: .openMetrics)
        #expect(missing.problems.map(\.description) == ["line 1: missing # EOF at the end of OpenMetrics text: "])
        #expect(ExpositionParser.parse("").families == [])
    }

    @Test func lenientSpacingCRLFAndTrailingCommas() {
        let parsed = ExpositionParser.parse("  x {a = \"1\" , } \t 2.5e3\r\nx{a=\"2\",b=\"\"} -Inf 17\r\n")
        #expect(parsed.problems == [])
        #expect(parsed.samples.map(\.value) == [2500, -.infinity])
        #expect(parsed.samples.map(\.valueText) == ["2.5e3", "-Inf"])
        #expect(parsed.samples.last?.timestamp == 17)
        #expect(parsed.families.first?.series.count == 2)
    }

    @Test func histogramBucketsAreSortedAndSeriesSplitByLabels() {
        let text = """
        # TYPE h histogram
        h_bucket{x="a",le="2"} 3
        h_bucket{le="1",x="a"} 1
        h_bucket{x="b",le="+Inf"} 4
        h_sum{x="a"} 9
        h_count{x="a"} 3
        h_bucket{x="a"} 3
        h_bucket{x="a",le="zz"} 3

        """
        let parsed = ExpositionParser.parse(text)
        #expect(parsed.problems.map(\.reason) == ["h_bucket has no le label", "invalid le \"zz\" in h_bucket"])
        let series = parsed.families.first?.series ?? []
        #expect(series.map { $0.label("x") } == ["a", "b"])
        guard case .histogram(let a) = series.first?.value else { Issue.record("not a histogram"); return }
        #expect(a.buckets.map(\.upperBound) == [1, 2])
        #expect(a.totalCount == 3)
        #expect(a.sum == 9)
        guard case .histogram(let b) = series.last?.value else { Issue.record("not a histogram"); return }
        #expect(b.finiteBuckets == [])
        #expect(b.totalCount == 4)
        #expect(b.sum == nil)
    }
}
