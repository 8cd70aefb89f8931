import MetricsRuntime
import Testing

/// Exact values of the scalar instruments, their documented treatment of negative, NaN and
/// infinite input, and how each value is exposed.
@Suite struct InstrumentValueTests {
    /// The sample lines (everything but `#` lines) of `registry`'s exposition.
    func samples(_ registry: MetricsRegistry, format: ExpositionFormat = .prometheusText) throws -> [String] {
        try registry.exposition(format: format).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }

    @Test func counterAddsAndIgnoresNegativeNaNAndInfiniteIncrements() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let counter = try metrics.makeCounter("c_total", help: "C")
        #expect(counter.get() == 0)
        counter.inc()
        counter.inc(by: 2.5)
        #expect(counter.get() == 3.5)
        for ignored in [-1, -0.5, 0, -0.0, .nan, .infinity, -.infinity, .signalingNaN] as [Double] {
            counter.inc(by: ignored)
        }
        #expect(counter.get() == 3.5)
        counter.inc(by: 0.25)
        #expect(counter.get() == 3.75)
        #expect(try samples(metrics) == [#"c_total{dynamo_namespace="ns"} 3.75"#])
    }

    @Test func counterMixesWholeAndFractionalIncrementsExactly() {
        let counter = Counter()
        counter.inc(by: 1e20)
        counter.inc(by: 3)
        counter.inc(by: 0.5)
        #expect(counter.get() == 1e20 + 3.5)
        let large = Counter()
        large.inc(by: 9.0e15)
        large.inc(by: 8_999_999_999_999_999)
        #expect(large.get() == 9.0e15 + 8_999_999_999_999_999)
    }

    /// 1,200 increments of 8e15 sum to exactly 9.6e18 in `Double`; a counter must never go
    /// down, so the whole-number fast path must not wrap around at `Int.max` (≈ 9.22e18).
    @Test func counterDoesNotWrapAroundPastIntMax() {
        let counter = Counter()
        for _ in 0..<1_200 { counter.inc(by: 8e15) }
        #expect(counter.get() == 9.6e18)
        #expect(counter.get() > 0)
    }

    @Test func intCounterIsExactUpToIntMax() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let counter = try metrics.makeIntCounter("i_total", help: "I")
        counter.inc()
        counter.inc(by: 4)
        counter.inc(by: -3)
        counter.inc(by: 0)
        counter.inc(by: Int.min)
        #expect(counter.get() == 5)
        #expect(try samples(metrics) == [#"i_total{dynamo_namespace="ns"} 5"#])
        counter.inc(by: Int.max - 5)
        #expect(counter.get() == Int.max)
        #expect(try samples(metrics) == [#"i_total{dynamo_namespace="ns"} 9223372036854775807"#])
        #expect(try samples(metrics, format: .openMetrics).first == #"i_total{dynamo_namespace="ns"} 9223372036854775807"#)
    }

    @Test func gaugeSetsAddsAndSubtracts() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        let gauge = try metrics.makeGauge("g", help: "G")
        gauge.set(42)
        #expect(gauge.get() == 42)
        gauge.inc()
        gauge.inc(by: -2.5)
        gauge.dec()
        gauge.dec(by: 0.25)
        #expect(gauge.get() == 39.25)
        gauge.dec(by: -0.75)
        #expect(gauge.get() == 40)
        #expect(try samples(metrics).contains("g 40"))
    }

    @Test(arguments: [
        (Double.nan, "NaN", "NaN"),
        (Double.infinity, "+Inf", "+Inf"),
        (-Double.infinity, "-Inf", "-Inf"),
        (-0.0, "-0", "-0.0"),
        (0.0, "0", "0.0"),
        (42.0, "42", "42.0"),
    ])
    func gaugeSpecialValues(value: Double, text: String, openMetrics: String) throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let gauge = try metrics.makeGauge("g", help: "G")
        gauge.set(value)
        #expect(try samples(metrics) == [#"g{dynamo_namespace="ns"} "# + text])
        #expect(try samples(metrics, format: .openMetrics) == [#"g{dynamo_namespace="ns"} "# + openMetrics])
    }

    @Test func intGaugeIsExactAtBothEnds() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        let gauge = try metrics.makeIntGauge("ig", help: "IG")
        gauge.set(10)
        gauge.inc()
        gauge.inc(by: 5)
        gauge.dec()
        gauge.dec(by: 20)
        #expect(gauge.get() == -5)
        #expect(try samples(metrics).contains("ig -5"))
        gauge.set(Int.max)
        #expect(try samples(metrics).contains("ig 9223372036854775807"))
        #expect(try samples(metrics, format: .openMetrics).contains("ig 9223372036854775807"))
        gauge.set(Int.min)
        #expect(try samples(metrics).contains("ig -9223372036854775808"))
    }

    @Test func countersResetToZeroAndCountOnFromThere() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let counter = try metrics.makeCounter("c_total", help: "C")
        let intCounter = try metrics.makeIntCounter("i_total", help: "I")
        counter.inc(by: 2.5)
        counter.inc(by: 5e9)
        intCounter.inc(by: 7)
        counter.reset()
        intCounter.reset()
        #expect(counter.get() == 0)
        #expect(intCounter.get() == 0)
        counter.inc(by: 0.5)
        intCounter.inc()
        #expect(try samples(metrics) == [#"c_total{dynamo_namespace="ns"} 0.5"#, #"i_total{dynamo_namespace="ns"} 1"#])
    }

    @Test func standaloneInstrumentsStartAtZero() throws {
        #expect(Counter().get() == 0)
        #expect(IntCounter().get() == 0)
        #expect(Gauge().get() == 0)
        #expect(IntGauge().get() == 0)
        let histogram = try Histogram()
        #expect(histogram.sampleCount == 0)
        #expect(histogram.sampleSum == 0)
        #expect(histogram.buckets == Buckets.defaults)
    }
}
