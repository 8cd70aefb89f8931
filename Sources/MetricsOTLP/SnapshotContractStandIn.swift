// TEMPORARY stand-in for the snapshot API that MetricsRuntime is getting (helper "structured",
// contract in the project brief). Deleted when that lands; the exporter and mapping code are written
// against exactly these names so nothing else changes.

public enum MetricKind: String, Sendable { case counter, gauge, histogram, summary, untyped }

public enum SampleNumber: Sendable, Equatable {
    case int(Int64), double(Double)
    public var doubleValue: Double {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        }
    }
}

public struct MetricLabel: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}

public struct HistogramSnapshot: Sendable, Equatable {
    public var upperBounds: [Double]
    public var bucketCounts: [UInt64]
    public var sum: Double
    public var count: UInt64
    public init(upperBounds: [Double], bucketCounts: [UInt64], sum: Double, count: UInt64) {
        self.upperBounds = upperBounds; self.bucketCounts = bucketCounts; self.sum = sum; self.count = count
    }
}

public struct SummaryQuantile: Sendable, Equatable {
    public var quantile: Double
    public var value: Double
    public init(quantile: Double, value: Double) { self.quantile = quantile; self.value = value }
}

public struct SummarySnapshot: Sendable, Equatable {
    public var quantiles: [SummaryQuantile]
    public var sum: Double
    public var count: UInt64
    public init(quantiles: [SummaryQuantile], sum: Double, count: UInt64) {
        self.quantiles = quantiles; self.sum = sum; self.count = count
    }
}

public enum SeriesValue: Sendable, Equatable {
    case counter(SampleNumber), gauge(SampleNumber), histogram(HistogramSnapshot), summary(SummarySnapshot)
    case untyped(SampleNumber)
}

public struct SeriesSnapshot: Sendable, Equatable {
    public var labels: [MetricLabel]
    public var value: SeriesValue
    public init(labels: [MetricLabel], value: SeriesValue) { self.labels = labels; self.value = value }
}

public struct MetricFamilySnapshot: Sendable, Equatable {
    public var name: String
    public var kind: MetricKind
    public var help: String
    public var unit: String?
    public var series: [SeriesSnapshot]
    public init(name: String, kind: MetricKind, help: String, unit: String?, series: [SeriesSnapshot]) {
        self.name = name; self.kind = kind; self.help = help; self.unit = unit; self.series = series
    }
}
