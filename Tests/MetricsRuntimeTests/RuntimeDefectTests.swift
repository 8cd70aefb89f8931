@testable import MetricsRuntime
import Testing

/// Regression tests for the runtime defects of issue 14 (1, 10, 11, 12), each written to fail on
/// the code before its fix.
@Suite struct RuntimeDefectTests {
    func runtime(limit: Int = 10_000) -> MetricsRuntime {
        var configuration = MetricsConfiguration()
        configuration.metricPrefix = nil
        configuration.seriesLimitPerFamily = limit
        configuration.errorHandler = { _ in }
        return MetricsRuntime(configuration: configuration)
    }

    // MARK: 1. A long label value must not make the scrape reserve "series × longest line"

    /// 10,000 histogram series and one 192 KiB label value: the writer used to reserve
    /// 10,000 × 16 lines × 192 KiB ≈ 29 GB and abort; the real output is ≈ 10 MB.
    @Test func longLabelValueInALargeHistogramFamily() throws {
        let metrics = runtime().metrics
        let family = try metrics.makeHistogramVec("h", help: "H", labelNames: ["id", "blob"])
        let long = String(repeating: "x", count: 192 * 1024)
        for index in 0..<10_000 {
            family.labels("\(index)", index == 0 ? long : "short").observe(0.2)
        }
        for format in ExpositionFormat.allCases {
            var bytes = [UInt8]()
            try metrics.exposition(into: &bytes, format: format)
            // Lines of family h: 12 buckets + _sum + _count per series (+ _created in OpenMetrics).
            let perSeries = format == .openMetrics ? 15 : 14
            var lines = 0
            var longLines = 0
            var lineStart = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
                if bytes[lineStart] != UInt8(ascii: "#"), bytes[lineStart] == UInt8(ascii: "h") { lines += 1 }
                if index - lineStart > long.utf8.count { longLines += 1 }
                lineStart = index + 1
            }
            #expect(lines == 10_000 * perSeries)
            #expect(longLines == perSeries)
            // 14 × 192 KiB of the long series plus ≈ 10,000 × 14 short lines of ≈ 40 bytes.
            #expect(bytes.count > 8_000_000 && bytes.count < 16_000_000, "\(bytes.count) bytes")
        }
    }

    /// The same shape, small enough to compare byte for byte.
    @Test func longLabelValueExactText() throws {
        // An unnamed namespace adds no label and leaves out the root's built-in families.
        let metrics = runtime().namespace("").metrics
        let family = try metrics.makeHistogramVec("h", help: "H", labelNames: ["blob"], buckets: [1])
        let long = String(repeating: "v", count: 300)
        family.labels(long).observe(0.5)
        family.labels("a").observe(2)
        family.labels("b").observe(0.5)
        expectSameText(try metrics.exposition(), """
            # HELP h H
            # TYPE h histogram
            h_bucket{blob="a",le="1"} 0
            h_bucket{blob="a",le="+Inf"} 1
            h_sum{blob="a"} 2
            h_count{blob="a"} 1
            h_bucket{blob="b",le="1"} 1
            h_bucket{blob="b",le="+Inf"} 1
            h_sum{blob="b"} 0.5
            h_count{blob="b"} 1
            h_bucket{blob="\(long)",le="1"} 1
            h_bucket{blob="\(long)",le="+Inf"} 1
            h_sum{blob="\(long)"} 0.5
            h_count{blob="\(long)"} 1

            """)
    }

    // MARK: 10. A wrapped IntCounter must never expose a decrease

    @Test func intCounterSaturatesAtIntMax() throws {
        let metrics = runtime().namespace("").metrics
        let counter = try metrics.makeIntCounter("c_total", help: "C")
        counter.inc(by: Int.max - 1)
        counter.inc()
        #expect(counter.get() == Int.max)
        counter.inc()
        #expect(counter.get() == Int.max)
        counter.inc(by: Int.max)
        #expect(counter.get() == Int.max)
        counter.inc(by: 5)
        #expect(counter.get() == Int.max)
        expectSameText(try metrics.exposition(), """
            # HELP c_total C
            # TYPE c_total counter
            c_total 9223372036854775807

            """)
        counter.reset()
        #expect(counter.get() == 0)
        counter.inc(by: 3)
        #expect(counter.get() == 3)
    }

    @Test func intCounterSaturatesUnderLargeIncrements() {
        let counter = IntCounter()
        var previous = 0
        for _ in 0..<10 {
            counter.inc(by: Int.max / 3)
            counter.inc()
            #expect(counter.get() >= previous)
            previous = counter.get()
        }
        #expect(counter.get() == Int.max)
    }

    // MARK: 11. A series limit of 0 or less, and the overflow counter's own limit

    /// A limit below 1 is treated as 1: the first combination still gets its own series.
    @Test func nonPositiveSeriesLimitKeepsOneSeries() throws {
        for limit in [0, -5] {
            let metrics = runtime(limit: limit).metrics
            let family = try metrics.makeIntCounterVec("r_total", help: "R", labelNames: ["model"])
            family.labels("a").inc()
            family.labels("b").inc(by: 2)
            let lines = try metrics.exposition().split(separator: "\n", omittingEmptySubsequences: false)
            let beforeUptime = lines.prefix { !$0.hasPrefix("# HELP uptime_seconds") }.joined(separator: "\n")
            expectSameText(beforeUptime + "\n", """
                # HELP cardinality_overflow_total Label-value lookups redirected to a family's overflow series because the family reached its series limit
                # TYPE cardinality_overflow_total counter
                cardinality_overflow_total{metric="r_total"} 1
                # HELP r_total R
                # TYPE r_total counter
                r_total{model="__overflow__"} 2
                r_total{model="a"} 1

                """)
        }
    }

    /// With a limit of 1 and three overflowing families, the overflow counter has a series per
    /// family; before, its second family went to `metric="__overflow__"`.
    @Test func overflowCounterIsExemptFromTheLimit() throws {
        let metrics = runtime(limit: 1).metrics
        for name in ["a_total", "b_total", "c_total"] {
            let family = try metrics.makeIntCounterVec(name, help: "X", labelNames: ["k"])
            family.labels("1").inc()
            family.labels("2").inc()
        }
        let text = try metrics.exposition()
        #expect(!text.contains("metric=\"__overflow__\""))
        for name in ["a_total", "b_total", "c_total"] {
            #expect(text.contains("cardinality_overflow_total{metric=\"\(name)\"} 1\n"))
        }
    }

    // MARK: 12. Removing series one by one releases the table's memory

    @Test func removingSeriesOneByOneShrinksTheTable() throws {
        let metrics = runtime().metrics
        let family = try metrics.makeGaugeVec("g", help: "G", labelNames: ["k"])
        let initial = family.core.tableCapacity
        for index in 0..<4_096 { family.labels("\(index)").set(1) }
        let full = family.core.tableCapacity
        #expect(full >= 8_192)
        for index in 0..<4_096 {
            #expect(family.remove(labelValues: ["\(index)"]))
            // Never more than 8 slots per remaining series (and the initial 8).
            #expect(family.core.tableCapacity <= max(initial, 8 * (4_096 - index)))
        }
        #expect(family.core.tableCapacity == initial)
        // Still a working table: values recorded again are exposed.
        family.labels("again").set(2)
        #expect(try metrics.exposition().contains("g{k=\"again\"} 2\n"))
    }

    /// Shrinking keeps every remaining series findable and exposed.
    @Test func shrinkingKeepsRemainingSeries() throws {
        let metrics = runtime().metrics
        let family = try metrics.makeIntGaugeVec("g", help: "G", labelNames: ["k"])
        for index in 0..<1_000 { family.labels("\(index)").set(index) }
        for index in 0..<1_000 where index % 100 != 7 { family.remove(labelValues: ["\(index)"]) }
        for index in stride(from: 7, to: 1_000, by: 100) { #expect(family.labels("\(index)").get() == index) }
        let samples = try metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("g{") }
        #expect(samples.count == 10)
        #expect(family.core.tableCapacity <= 64)
    }
}
