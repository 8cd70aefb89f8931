import MetricsRuntime
import Testing

/// `ExpositionOptions.openMetricsCreatedSamples` removes exactly the `_created` lines and nothing else.
@Suite struct CreatedSamplesOptionTests {
    @Test func openMetricsWithoutCreatedSamplesDropsOnlyThoseLines() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").metrics
        try metrics.makeCounter("jobs", help: "Jobs.").inc(by: 2)
        try metrics.makeCounterVec("errors_total", help: "Errors.", labelNames: ["kind"]).labels("io").inc()
        try metrics.makeHistogram("wait_seconds", help: "Wait.", buckets: [1]).observe(0.5)
        var with: [UInt8] = []
        try metrics.exposition(into: &with, format: .openMetrics)
        var without: [UInt8] = []
        try metrics.exposition(into: &without, format: .openMetrics, options: .init(openMetricsCreatedSamples: false))
        let withLines = String(decoding: with, as: UTF8.self).split(separator: "\n")
        let withoutLines = String(decoding: without, as: UTF8.self).split(separator: "\n")
        #expect(withLines.filter { !$0.contains("_created") } == withoutLines)
        #expect(withLines.filter { $0.contains("_created") }.count == 3)
        #expect(withoutLines.contains(#"dynamo_component_jobs_total{dynamo_namespace="ns"} 2.0"#))
        #expect(withoutLines.last == "# EOF")

        var text: [UInt8] = []
        try metrics.exposition(into: &text, format: .prometheusText, options: .init(openMetricsCreatedSamples: true))
        #expect(text == Array(try metrics.exposition(format: .prometheusText).utf8))
    }
}
