import MetricsRuntime
import Testing

/// Label values escape `\`, `"` and line feed (and nothing else, UTF-8 stays raw); HELP escapes
/// `\` and line feed, plus `"` in OpenMetrics.
@Suite struct EscapingTests {
    @Test(arguments: [
        ("plain", "plain"),
        (#"say "hi""#, #"say \"hi\""#),
        (#"C:\path\"#, #"C:\\path\\"#),
        ("line1\nline2", #"line1\nline2"#),
        (#"\n literally"#, #"\\n literally"#),
        (#"\""#, #"\\\""#),
        ("tab\tand\rcr", "tab\tand\rcr"),
        ("🎉 日本語 中文 ✓", "🎉 日本語 中文 ✓"),
        ("e\u{301}", "e\u{301}"),
        ("{}=,", "{}=,"),
    ])
    func labelValues(raw: String, escaped: String) throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let family = try metrics.makeIntCounterVec("c_total", help: "C", labelNames: ["v"])
        family.labels(raw).inc()
        try metrics.makeIntGauge("g", help: "G", constantLabels: [("k", raw)]).set(1)
        let expected = "# HELP c_total C\n# TYPE c_total counter\nc_total{dynamo_namespace=\"ns\",v=\"\(escaped)\"} 1\n"
            + "# HELP g G\n# TYPE g gauge\ng{dynamo_namespace=\"ns\",k=\"\(escaped)\"} 1\n"
        #expect(Array(try metrics.exposition().utf8) == Array(expected.utf8))
        let openMetrics = try metrics.exposition(format: .openMetrics)
        #expect(openMetrics.contains("c_total{dynamo_namespace=\"ns\",v=\"\(escaped)\"} 1\n"))
        #expect(openMetrics.contains("g{dynamo_namespace=\"ns\",k=\"\(escaped)\"} 1\n"))
    }

    @Test func allNastyValuesTogetherInOneSeries() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        let family = try metrics.makeGaugeVec("g", help: "G", labelNames: ["quote", "slash", "newline", "text"])
        family.labels("\"", "\\", "\n", "Grüße, 世界 🌍").set(1)
        let line = try metrics.exposition().split(separator: "\n").first { $0.hasPrefix("g{") }.map(String.init)
        #expect(line == #"g{newline="\n",quote="\"",slash="\\",text="Grüße, 世界 🌍"} 1"#)
    }

    @Test func helpText() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        _ = try metrics.makeGauge("g", help: "Back\\slash, new\nline, \"quotes\", tab\t, ünï 🎉")
        let text = try metrics.exposition()
        #expect(text.hasPrefix("# HELP g Back\\\\slash, new\\nline, \"quotes\", tab\t, ünï 🎉\n# TYPE g gauge\n"))
        let openMetrics = try metrics.exposition(format: .openMetrics)
        #expect(openMetrics.hasPrefix("# HELP g Back\\\\slash, new\\nline, \\\"quotes\\\", tab\t, ünï 🎉\n# TYPE g gauge\n"))
    }

    @Test func escapedValuesStayDistinctSeries() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        let family = try metrics.makeIntCounterVec("c_total", help: "C", labelNames: ["v"])
        family.labels("a\nb").inc()
        family.labels(#"a\nb"#).inc(by: 2)
        let lines = try metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("c_total{") }
        #expect(lines == [#"c_total{v="a\\nb"} 2"#, #"c_total{v="a\nb"} 1"#])
    }
}
