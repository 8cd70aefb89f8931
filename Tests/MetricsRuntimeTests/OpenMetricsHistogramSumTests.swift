import MetricsRuntime
import Testing

/// OpenMetrics 1.0 treats a histogram's `_sum` as a counter: it "MUST NOT be NaN or negative",
/// and a histogram with negative bucket thresholds "MUST NOT contain a sum value". The
/// Prometheus text format has no such rule. These scrapes must stay valid OpenMetrics.
@Suite struct OpenMetricsHistogramSumTests {
    func lines(_ text: String, _ prefix: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map(String.init)
    }

    @Test func negativeBucketThresholdsHaveNoSumInOpenMetrics() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let histogram = try metrics.makeHistogram("temperature_celsius", help: "T", buckets: [-10, 0, 10])
        histogram.observe(-3)
        histogram.observe(4)
        #expect(lines(try metrics.exposition(format: .openMetrics), "temperature_celsius_sum") == [])
        // The Prometheus text format keeps it.
        #expect(lines(try metrics.exposition(), "temperature_celsius_sum")
            == [#"temperature_celsius_sum{dynamo_namespace="ns"} 1"#])
    }

    static let enabled = PythonClientParser.runnable
    static let comment: Comment = "python3-prometheus-client not installed; set REQUIRE_PROMETHEUS_TOOLS=1 to fail instead"

    @Test(.enabled(if: enabled, comment))
    func negativeBucketThresholdsParseAsOpenMetrics() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        try metrics.makeHistogram("temperature_celsius", help: "T", buckets: [-10, 0, 10]).observe(-3)
        _ = try PythonClientParser.parse(try metrics.exposition(format: .openMetrics), format: .openMetrics)
    }

    /// Non-negative buckets but a negative observation: the sum goes negative.
    @Test(.enabled(if: enabled, comment))
    func negativeObservationsStillParseAsOpenMetrics() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        try metrics.makeHistogram("delta_seconds", help: "D", buckets: [0.5, 1]).observe(-5)
        _ = try PythonClientParser.parse(try metrics.exposition(format: .openMetrics), format: .openMetrics)
    }

    /// +Inf and -Inf observations make the sum NaN (NaN observations are already ignored).
    @Test(.enabled(if: enabled, comment))
    func infiniteObservationsStillParseAsOpenMetrics() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let histogram = try metrics.makeHistogram("wait_seconds", help: "W", buckets: [1])
        histogram.observe(.infinity)
        histogram.observe(-.infinity)
        #expect(histogram.sampleSum.isNaN)
        _ = try PythonClientParser.parse(try metrics.exposition(format: .openMetrics), format: .openMetrics)
    }

    /// The ordinary case keeps `_sum` and `_count` and parses.
    @Test(.enabled(if: enabled, comment))
    func ordinaryHistogramKeepsSumAndCount() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        try metrics.makeHistogram("latency_seconds", help: "L", buckets: [0.5, 1]).observe(0.75)
        let samples = try PythonClientParser.parse(try metrics.exposition(format: .openMetrics), format: .openMetrics)
        #expect(samples.map(\.name).sorted() == [
            "latency_seconds_bucket", "latency_seconds_bucket", "latency_seconds_bucket",
            "latency_seconds_count", "latency_seconds_created", "latency_seconds_sum",
        ])
        #expect(samples.first { $0.name == "latency_seconds_sum" }?.value == "0.75")
    }
}
