import MetricsOTLP
import MetricsRuntime
import Testing

/// The snapshot → OTLP mapping on its own (the receiver tests check the same over the wire).
@Suite struct OTLPMetricsMappingTests {
    func metrics(_ families: [MetricFamilySnapshot]) -> [Opentelemetry_Proto_Metrics_V1_Metric] {
        OTLPMetricsMapping.request(
            families: families, resourceAttributes: [("service.name", "s")], startTimeUnixNano: 7, timeUnixNano: 9
        ).resourceMetrics.first?.scopeMetrics.first?.metrics ?? []
    }

    @Test func histogramKeepsPerBucketCountsAndFiniteBounds() throws {
        let family = MetricFamilySnapshot(
            name: "d_seconds", kind: .histogram, help: "", unit: "seconds",
            series: [SeriesSnapshot(labels: [], value: .histogram(HistogramSnapshot(
                upperBounds: [0.1, 0.5, 1, 5], bucketCounts: [1, 2, 0, 1, 0], sum: 2.65, count: 4)))])
        let point = try #require(metrics([family]).first?.histogram.dataPoints.first)
        #expect(point.explicitBounds == [0.1, 0.5, 1, 5])
        #expect(point.bucketCounts == [1, 2, 0, 1, 0])
        #expect(point.count == 4 && point.sum == 2.65 && point.startTimeUnixNano == 7 && point.timeUnixNano == 9)
    }

    @Test func aStrayInfiniteBoundIsDroppedAndCountsRealigned() throws {
        // Not what the snapshot contract produces; the mapping still sends a valid point.
        let family = MetricFamilySnapshot(
            name: "d", kind: .histogram, help: "", unit: nil,
            series: [SeriesSnapshot(labels: [], value: .histogram(HistogramSnapshot(
                upperBounds: [1, .infinity], bucketCounts: [3, 1, 1], sum: 9, count: 5)))])
        let point = try #require(metrics([family]).first?.histogram.dataPoints.first)
        #expect(point.explicitBounds == [1])
        #expect(point.bucketCounts == [3, 2])
    }

    @Test func counterIsMonotonicCumulativeSumAndIntStaysInt() throws {
        let family = MetricFamilySnapshot(
            name: "r_total", kind: .counter, help: "h", unit: nil,
            series: [SeriesSnapshot(labels: [MetricLabel(name: "a", value: "b")], value: .counter(.int(Int64.max)))])
        let metric = try #require(metrics([family]).first)
        #expect(metric.sum.isMonotonic && metric.sum.aggregationTemporality == .cumulative)
        #expect(metric.sum.dataPoints.first?.asInt == Int64.max)
        #expect(metric.sum.dataPoints.first?.attributes.map { "\($0.key)=\($0.value.stringValue)" } == ["a=b"])
        #expect(metric.description_p == "h")
    }

    @Test func scopeNamesThisLibrary() throws {
        let request = OTLPMetricsMapping.request(families: [], resourceAttributes: [], startTimeUnixNano: 0, timeUnixNano: 0)
        let scope = try #require(request.resourceMetrics.first?.scopeMetrics.first?.scope)
        #expect(scope.name == "swift-metrics-schema" && scope.version == OTLPInstrumentationScope.version)
    }
}
