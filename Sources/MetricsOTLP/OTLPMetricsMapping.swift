import MetricsRuntime
import Foundation

/// Snapshot families → one OTLP `ExportMetricsServiceRequest` (opentelemetry-proto metrics/v1), with
/// Dynamo's mapping: cumulative temporality with a start time fixed for the process lifetime,
/// counter → monotonic Sum, gauge and untyped → Gauge, histogram → Histogram (per-bucket counts,
/// explicit bounds without `+Inf`), summary → Summary; label sets become string attributes.
/// Unlike Dynamo, integer samples stay `as_int` (Dynamo sends every number as a double).
package enum OTLPMetricsMapping {
    typealias Request = Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest

    /// The request for `families`, as seen at `timeUnixNano`, accumulated since `startTimeUnixNano`.
    package static func request(
        families: [MetricFamilySnapshot], resourceAttributes: [(key: String, value: String)],
        startTimeUnixNano: UInt64, timeUnixNano: UInt64
    ) -> Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest {
        var scope = Opentelemetry_Proto_Common_V1_InstrumentationScope()
        scope.name = OTLPInstrumentationScope.name
        scope.version = OTLPInstrumentationScope.version

        var scopeMetrics = Opentelemetry_Proto_Metrics_V1_ScopeMetrics()
        scopeMetrics.scope = scope
        scopeMetrics.metrics = families.map { metric($0, start: startTimeUnixNano, now: timeUnixNano) }

        var resource = Opentelemetry_Proto_Resource_V1_Resource()
        resource.attributes = resourceAttributes.map { keyValue($0.key, $0.value) }

        var resourceMetrics = Opentelemetry_Proto_Metrics_V1_ResourceMetrics()
        resourceMetrics.resource = resource
        resourceMetrics.scopeMetrics = [scopeMetrics]

        var request = Request()
        request.resourceMetrics = [resourceMetrics]
        return request
    }

    static func metric(_ family: MetricFamilySnapshot, start: UInt64, now: UInt64) -> Opentelemetry_Proto_Metrics_V1_Metric {
        var metric = Opentelemetry_Proto_Metrics_V1_Metric()
        metric.name = family.name
        metric.description_p = family.help
        metric.unit = family.unit ?? ""
        switch family.kind {
        case .counter:
            var sum = Opentelemetry_Proto_Metrics_V1_Sum()
            sum.aggregationTemporality = .cumulative
            sum.isMonotonic = true
            sum.dataPoints = family.series.compactMap { series in numberPoint(series, start: start, now: now) }
            metric.sum = sum
        case .gauge, .untyped:
            var gauge = Opentelemetry_Proto_Metrics_V1_Gauge()
            gauge.dataPoints = family.series.compactMap { series in numberPoint(series, start: start, now: now) }
            metric.gauge = gauge
        case .histogram:
            var histogram = Opentelemetry_Proto_Metrics_V1_Histogram()
            histogram.aggregationTemporality = .cumulative
            histogram.dataPoints = family.series.compactMap { series in
                guard case .histogram(let snapshot) = series.value else { return nil }
                var point = Opentelemetry_Proto_Metrics_V1_HistogramDataPoint()
                stamp(&point, series, start: start, now: now)
                point.count = snapshot.count
                point.sum = snapshot.sum
                // The snapshot's bounds are finite (shared, not copied); filter only a stray `+Inf`.
                point.explicitBounds = snapshot.upperBounds.allSatisfy(\.isFinite)
                    ? snapshot.upperBounds : snapshot.upperBounds.filter(\.isFinite)
                point.bucketCounts = Array(snapshot.bucketCounts)
                // OTLP requires exactly one more count than bounds; the snapshot contract guarantees it,
                // a stray +Inf bound (dropped above) would break it, so realign rather than send garbage.
                if point.bucketCounts.count != point.explicitBounds.count + 1 {
                    point.bucketCounts = Array(point.bucketCounts.prefix(point.explicitBounds.count))
                    let counted = point.bucketCounts.reduce(0, &+)
                    point.bucketCounts += Array(repeating: 0, count: point.explicitBounds.count - point.bucketCounts.count)
                    point.bucketCounts.append(snapshot.count >= counted ? snapshot.count - counted : 0)
                }
                return point
            }
            metric.histogram = histogram
        case .summary:
            var summary = Opentelemetry_Proto_Metrics_V1_Summary()
            summary.dataPoints = family.series.compactMap { series in
                guard case .summary(let snapshot) = series.value else { return nil }
                var point = Opentelemetry_Proto_Metrics_V1_SummaryDataPoint()
                stamp(&point, series, start: start, now: now)
                point.count = snapshot.count
                point.sum = snapshot.sum
                point.quantileValues = snapshot.quantiles.map { quantile in
                    var value = Opentelemetry_Proto_Metrics_V1_SummaryDataPoint.ValueAtQuantile()
                    value.quantile = quantile.quantile
                    value.value = quantile.value
                    return value
                }
                return point
            }
            metric.summary = summary
        }
        return metric
    }

    /// A number point for a counter, gauge or untyped series; `nil` for a value of another kind.
    private static func numberPoint(
        _ series: SeriesSnapshot, start: UInt64, now: UInt64
    ) -> Opentelemetry_Proto_Metrics_V1_NumberDataPoint? {
        let number: SampleNumber
        switch series.value {
        case .counter(let value), .gauge(let value), .untyped(let value): number = value
        case .histogram, .summary: return nil
        }
        var point = Opentelemetry_Proto_Metrics_V1_NumberDataPoint()
        stamp(&point, series, start: start, now: now)
        switch number {
        case .int(let value): point.asInt = value
        case .double(let value): point.asDouble = value
        }
        return point
    }

    /// The attributes and timestamps every point carries.
    private static func stamp<Point: TimedPoint>(_ point: inout Point, _ series: SeriesSnapshot, start: UInt64, now: UInt64) {
        point.attributes = series.labels.map { keyValue($0.name, $0.value) }
        point.startTimeUnixNano = start
        point.timeUnixNano = now
    }

    static func keyValue(_ key: String, _ value: String) -> Opentelemetry_Proto_Common_V1_KeyValue {
        var keyValue = Opentelemetry_Proto_Common_V1_KeyValue()
        keyValue.key = key
        keyValue.value.stringValue = value
        return keyValue
    }
}

/// The instrumentation scope of every export: this library and its version.
public enum OTLPInstrumentationScope {
    public static let name = "swift-metrics-schema"
    /// Bumped with the package's releases.
    public static let version = "0.1.0"
}

/// The fields number, histogram and summary points share.
protocol TimedPoint {
    var attributes: [Opentelemetry_Proto_Common_V1_KeyValue] { get set }
    var startTimeUnixNano: UInt64 { get set }
    var timeUnixNano: UInt64 { get set }
}

extension Opentelemetry_Proto_Metrics_V1_NumberDataPoint: TimedPoint {}
extension Opentelemetry_Proto_Metrics_V1_HistogramDataPoint: TimedPoint {}
extension Opentelemetry_Proto_Metrics_V1_SummaryDataPoint: TimedPoint {}
