import MetricsRuntime
import Testing

/// Detached instruments and families (the fallback generated code uses after a reported
/// registration failure) record normally, never crash on bad input, and are never exposed.
@Suite struct DetachedInstrumentTests {
    @Test func detachedHistogramFallsBackToDefaultBuckets() {
        #expect(Histogram.detached().buckets == Buckets.defaults)
        #expect(Histogram.detached(buckets: [1, 2]).buckets == [1, 2])
        for bad in [[], [2, 1], [1, .nan], [1, .infinity]] as [[Double]] {
            #expect(Histogram.detached(buckets: bad).buckets == Buckets.defaults, "\(bad)")
        }
        let histogram = Histogram.detached(buckets: [1])
        histogram.observe(0.5)
        histogram.observe(5)
        #expect(histogram.cumulativeCounts == [1, 2])
    }

    @Test func detachedFamiliesRecordAndCheckArity() throws {
        let counters = CounterVec.detached(labelNames: ["a", "b"])
        counters.labels("x", "y").inc(by: 2)
        #expect(try counters.withLabelValues("x", "y").get() == 2)
        #expect(counters.labelNames == ["a", "b"])
        #expect(thrownError { try counters.withLabelValues("x") }
            == .labelCountMismatch(metric: counters.name, expected: ["a", "b"], got: 1))
        let ints = IntCounterVec.detached(labelNames: ["k"])
        ints.labels("v").inc()
        #expect(ints.labels("v").get() == 1)
        let gauges = GaugeVec.detached(labelNames: ["k"])
        gauges.labels("v").set(-1.5)
        #expect(gauges.labels("v").get() == -1.5)
        let intGauges = IntGaugeVec.detached(labelNames: [])
        intGauges.labels([]).set(7)
        #expect(try intGauges.withLabelValues().get() == 7)
        let histograms = HistogramVec.detached(labelNames: ["k"], buckets: [.nan])
        #expect(histograms.labels("v").buckets == Buckets.defaults)
        #expect(HistogramVec.detached(labelNames: ["k"], buckets: [3]).labels("v").buckets == [3])
        #expect(histograms.remove(labelValues: ["v"]))
    }

    @Test func detachedInstrumentsAreNotInAnyExposition() throws {
        let runtime = MetricsRuntime()
        CounterVec.detached(labelNames: ["a"]).labels("x").inc()
        Histogram.detached().observe(1)
        #expect(try !runtime.metrics.exposition().contains("detached"))
    }

    @Test func registryReportGoesToTheErrorHandler() {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder))
        runtime.namespace("ns").metrics.report(.emptyHelp(metric: "from_generated_code"))
        #expect(recorder.errors == [.emptyHelp(metric: "from_generated_code")])
    }
}
