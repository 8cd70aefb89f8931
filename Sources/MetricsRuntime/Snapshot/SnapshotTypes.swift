/// The type of a metric family in a snapshot.
public enum MetricKind: String, Sendable, Hashable {
    case counter, gauge, histogram, summary, untyped
}

/// A sample value as recorded: integer instruments stay integers.
public enum SampleNumber: Sendable, Equatable {
    case int(Int64)
    case double(Double)

    public var doubleValue: Double {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        }
    }
}

/// One label of a series.
public struct MetricLabel: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A histogram series: per-bucket (not cumulative) counts.
public struct HistogramSnapshot: Sendable, Equatable {
    /// Finite upper bounds, ascending, without `+Inf`.
    public var upperBounds: [Double]
    /// Non-cumulative counts; `upperBounds.count + 1` of them, the last one the `+Inf` bucket.
    /// The series of one snapshot's family share one buffer (see ``BucketCounts``).
    public var bucketCounts: BucketCounts
    /// The sum of every observed value.
    public var sum: Double
    /// The number of observations: the sum of ``bucketCounts``.
    public var count: UInt64

    /// A histogram series from its bounds, per-bucket counts, sum and count.
    public init(upperBounds: [Double], bucketCounts: BucketCounts, sum: Double, count: UInt64) {
        self.upperBounds = upperBounds
        self.bucketCounts = bucketCounts
        self.sum = sum
        self.count = count
    }

    /// A histogram series from its bounds, per-bucket counts as an array, sum and count.
    public init(upperBounds: [Double], bucketCounts: [UInt64], sum: Double, count: UInt64) {
        self.init(upperBounds: upperBounds, bucketCounts: BucketCounts(bucketCounts), sum: sum, count: count)
    }
}

/// One quantile of a summary.
public struct SummaryQuantile: Sendable, Equatable {
    public var quantile: Double
    public var value: Double
    public init(quantile: Double, value: Double) {
        self.quantile = quantile
        self.value = value
    }
}

/// A summary series (only engine text passed through carries summaries).
public struct SummarySnapshot: Sendable, Equatable {
    public var quantiles: [SummaryQuantile]
    public var sum: Double
    public var count: UInt64

    public init(quantiles: [SummaryQuantile], sum: Double, count: UInt64) {
        self.quantiles = quantiles
        self.sum = sum
        self.count = count
    }
}

/// The value of one series.
public enum SeriesValue: Sendable, Equatable {
    case counter(SampleNumber)
    case gauge(SampleNumber)
    case histogram(HistogramSnapshot)
    case summary(SummarySnapshot)
    case untyped(SampleNumber)
}

/// One series: its full label set and its value.
public struct SeriesSnapshot: Sendable, Equatable {
    /// Every label as exposed (automatic, constant and variable), sorted by name; labels with an
    /// empty value are absent, as in the exposition. Built once per series and shared by every
    /// snapshot (see ``SeriesLabels``).
    public var labels: SeriesLabels
    /// The series' value at the snapshot.
    public var value: SeriesValue

    /// A series from its labels and value.
    public init(labels: SeriesLabels, value: SeriesValue) {
        self.labels = labels
        self.value = value
    }

    /// A series from its labels as an array (sorted by name, as a snapshot's are) and its value.
    public init(labels: [MetricLabel], value: SeriesValue) {
        self.init(labels: SeriesLabels(labels), value: value)
    }
}

/// One metric family as values, in the same merge and order as the exposition.
public struct MetricFamilySnapshot: Sendable, Equatable {
    /// The family name as the Prometheus text format exposes it, prefix included (counters with
    /// their `_total`, e.g. `dynamo_component_requests_total`).
    public var name: String
    public var kind: MetricKind
    public var help: String
    public var unit: String?
    public var series: [SeriesSnapshot]

    public init(name: String, kind: MetricKind, help: String, unit: String?, series: [SeriesSnapshot]) {
        self.name = name
        self.kind = kind
        self.help = help
        self.unit = unit
        self.series = series
    }
}
