import MetricsRuntime
import Testing

/// Histogram bucketing (cumulative, `le` inclusive), sum and count, ignored NaN, and the
/// bucket helpers.
@Suite struct HistogramTests {
    /// Dynamo's test: 1.0, 2.5 and 4.0 with the default buckets.
    @Test func dynamoDefaultBucketsExample() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics
        let histogram = try metrics.makeHistogram("latency_seconds", help: "Latency")
        for value in [1.0, 2.5, 4.0] { histogram.observe(value) }
        histogram.observe(.nan)
        #expect(histogram.sampleCount == 3)
        #expect(histogram.sampleSum == 7.5)
        #expect(histogram.cumulativeCounts == [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3])
        let name = "dynamo_component_latency_seconds"
        let ns = #"dynamo_namespace="ns""#
        expectSameText(try metrics.exposition(), """
            # HELP \(name) Latency
            # TYPE \(name) histogram
            \(name)_bucket{\(ns),le="0.005"} 0
            \(name)_bucket{\(ns),le="0.01"} 0
            \(name)_bucket{\(ns),le="0.025"} 0
            \(name)_bucket{\(ns),le="0.05"} 0
            \(name)_bucket{\(ns),le="0.1"} 0
            \(name)_bucket{\(ns),le="0.25"} 0
            \(name)_bucket{\(ns),le="0.5"} 0
            \(name)_bucket{\(ns),le="1"} 1
            \(name)_bucket{\(ns),le="2.5"} 2
            \(name)_bucket{\(ns),le="5"} 3
            \(name)_bucket{\(ns),le="10"} 3
            \(name)_bucket{\(ns),le="+Inf"} 3
            \(name)_sum{\(ns)} 7.5
            \(name)_count{\(ns)} 3

            """)
    }

    @Test func boundsAreInclusiveAndOutliersLandAtTheEnds() throws {
        let histogram = try Histogram(buckets: [1, 2, 3])
        for value in [-5.0, 1, 1.0000001, 2, 3, 3.5, .infinity] { histogram.observe(value) }
        #expect(histogram.cumulativeCounts == [2, 4, 5, 7])
        #expect(histogram.sampleCount == 7)
        #expect(histogram.sampleSum == .infinity)
        #expect(histogram.buckets == [1, 2, 3])
    }

    @Test func negativeInfinityAndNaN() throws {
        let histogram = try Histogram(buckets: [0])
        histogram.observe(.nan)
        #expect(histogram.sampleCount == 0)
        #expect(histogram.sampleSum == 0)
        histogram.observe(-.infinity)
        #expect(histogram.cumulativeCounts == [1, 1])
        #expect(histogram.sampleSum == -.infinity)
    }

    @Test func infiniteSumIsExposedAsInf() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let histogram = try metrics.makeHistogram("h", help: "H", buckets: [1])
        histogram.observe(0.5)
        histogram.observe(.infinity)
        expectSameText(try metrics.exposition(), """
            # HELP h H
            # TYPE h histogram
            h_bucket{dynamo_namespace="ns",le="1"} 1
            h_bucket{dynamo_namespace="ns",le="+Inf"} 2
            h_sum{dynamo_namespace="ns"} +Inf
            h_count{dynamo_namespace="ns"} 2

            """)
    }

    @Test func histogramVecSharesBucketsAndKeepsLeLast() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let family = try metrics.makeHistogramVec(
            "h", help: "H", labelNames: ["zone", "a"], buckets: [0.5], constantLabels: [("m", "x")])
        try family.withLabelValues("z1", "v").observe(0.25)
        family.labels("z0", "v").observe(2)
        expectSameText(try metrics.exposition(), """
            # HELP h H
            # TYPE h histogram
            h_bucket{a="v",dynamo_namespace="ns",m="x",zone="z0",le="0.5"} 0
            h_bucket{a="v",dynamo_namespace="ns",m="x",zone="z0",le="+Inf"} 1
            h_sum{a="v",dynamo_namespace="ns",m="x",zone="z0"} 2
            h_count{a="v",dynamo_namespace="ns",m="x",zone="z0"} 1
            h_bucket{a="v",dynamo_namespace="ns",m="x",zone="z1",le="0.5"} 1
            h_bucket{a="v",dynamo_namespace="ns",m="x",zone="z1",le="+Inf"} 1
            h_sum{a="v",dynamo_namespace="ns",m="x",zone="z1"} 0.25
            h_count{a="v",dynamo_namespace="ns",m="x",zone="z1"} 1

            """)
    }

    @Test func bucketHelpers() throws {
        #expect(try Buckets.linear(start: 1, width: 2, count: 3) == [1, 3, 5])
        #expect(try Buckets.linear(start: -1, width: 0.5, count: 4) == [-1, -0.5, 0, 0.5])
        #expect(try Buckets.exponential(start: 1, factor: 2, count: 4) == [1, 2, 4, 8])
        #expect(try Buckets.exponential(start: 0.001, factor: 10, count: 1) == [0.001])
    }

    @Test func bucketHelperErrors() {
        #expect(thrownError { try Buckets.linear(start: 0, width: 1, count: 0) }
            == .invalidBuckets(metric: "", problem: "linear buckets need a count of at least 1, got 0"))
        #expect(thrownError { try Buckets.linear(start: 0, width: 0, count: 3) }
            == .invalidBuckets(metric: "", problem: "linear buckets need a finite start and a positive finite width"))
        #expect(thrownError { try Buckets.linear(start: .nan, width: 1, count: 3) }
            == .invalidBuckets(metric: "", problem: "linear buckets need a finite start and a positive finite width"))
        #expect(thrownError { try Buckets.exponential(start: 1, factor: 2, count: -1) }
            == .invalidBuckets(metric: "", problem: "exponential buckets need a count of at least 1, got -1"))
        #expect(thrownError { try Buckets.exponential(start: 0, factor: 2, count: 3) }
            == .invalidBuckets(metric: "", problem: "exponential buckets need a positive start and a factor greater than 1"))
        #expect(thrownError { try Buckets.exponential(start: 1, factor: 1, count: 3) }
            == .invalidBuckets(metric: "", problem: "exponential buckets need a positive start and a factor greater than 1"))
        let overflow = thrownError { try Buckets.exponential(start: 1e300, factor: 1e5, count: 3) }
        #expect(overflow == .invalidBuckets(
            metric: "", problem: "bucket 2 is +Inf; bounds must be finite (+Inf is added automatically)"))
        #expect(overflow?.description
            == "invalid histogram buckets: bucket 2 is +Inf; bounds must be finite (+Inf is added automatically)")
    }

    @Test func standaloneHistogramRejectsBadBuckets() {
        #expect(thrownError { try Histogram(buckets: []) }
            == .invalidBuckets(metric: "", problem: "the bucket list is empty"))
        #expect(thrownError { try Histogram(buckets: [2, 1]) }
            == .invalidBuckets(metric: "", problem: "buckets must be strictly increasing, but bucket 1 (1) follows 2"))
    }
}
