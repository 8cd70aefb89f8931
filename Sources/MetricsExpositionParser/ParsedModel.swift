/// The text dialect a body is written in; it decides counter sample names (`_total` in
/// OpenMetrics), timestamp units, `# UNIT`/`# EOF` and which escapes `# HELP` knows.
public enum ExpositionDialect: Sendable, Hashable, CaseIterable {
    /// Prometheus text format 0.0.4 (timestamps in milliseconds).
    case prometheusText
    /// OpenMetrics 1.0 text (timestamps in seconds, `# EOF` required).
    case openMetrics
}

/// A family's `# TYPE` as written; `untyped` when the text declares none.
public enum ParsedMetricType: String, Sendable, Hashable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
    /// OpenMetrics types: `unknown` reads like `untyped`; the others are kept as single samples.
    case unknown, info, stateset, gaugehistogram

    /// The four value shapes a consumer handles: `untyped`, `unknown`, `info` and `stateset`
    /// read as gauges (their ``ParsedFamily/type`` keeps what was written),
    /// `gaugehistogram` as a histogram.
    public var kind: ParsedValueKind {
        switch self {
        case .counter: return .counter
        case .gauge, .untyped, .unknown, .info, .stateset: return .gauge
        case .histogram, .gaugehistogram: return .histogram
        case .summary: return .summary
        }
    }
}

/// The value shape of a family.
public enum ParsedValueKind: String, Sendable, Hashable {
    case counter, gauge, histogram, summary
}

/// One `name="value"` pair, unescaped.
public struct ParsedLabel: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One sample line as written (labels in text order).
public struct ParsedSample: Sendable, Equatable {
    public var name: String
    public var labels: [ParsedLabel]
    public var value: Double
    /// The value token exactly as written (`1e3`, `+Inf`, …).
    public var valueText: String
    /// The timestamp token as a number, in the dialect's unit (text: ms, OpenMetrics: s).
    public var timestamp: Double?
    /// 1-based line number.
    public var line: Int

    /// The value of label `name`, if the sample has it.
    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}

/// One cumulative bucket (`_bucket{le="…"}`).
public struct ParsedBucket: Sendable, Equatable {
    public var upperBound: Double
    public var cumulativeCount: Double
    public init(upperBound: Double, cumulativeCount: Double) {
        self.upperBound = upperBound
        self.cumulativeCount = cumulativeCount
    }
}

/// A histogram series regrouped from its `_bucket`, `_sum`, `_count` (and `_created`) lines.
public struct ParsedHistogram: Sendable, Equatable {
    /// Cumulative buckets sorted by bound; an explicit `+Inf` bucket is kept as the last one.
    public var buckets: [ParsedBucket] = []
    public var sum: Double?
    public var count: Double?
    public var created: Double?

    public init(buckets: [ParsedBucket] = [], sum: Double? = nil, count: Double? = nil, created: Double? = nil) {
        self.buckets = buckets
        self.sum = sum
        self.count = count
        self.created = created
    }

    /// The `_count`, else the `+Inf` bucket, else the highest bucket, else 0.
    public var totalCount: Double { count ?? buckets.last?.cumulativeCount ?? 0 }
    /// The buckets with a finite bound.
    public var finiteBuckets: [ParsedBucket] { buckets.filter { $0.upperBound.isFinite } }
}

/// One `{quantile="…"}` line of a summary.
public struct ParsedQuantile: Sendable, Equatable {
    public var quantile: Double
    public var value: Double
    public init(quantile: Double, value: Double) {
        self.quantile = quantile
        self.value = value
    }
}

/// A summary series regrouped from its quantile, `_sum`, `_count` (and `_created`) lines.
public struct ParsedSummary: Sendable, Equatable {
    public var quantiles: [ParsedQuantile] = []
    public var sum: Double?
    public var count: Double?
    public var created: Double?

    public init(quantiles: [ParsedQuantile] = [], sum: Double? = nil, count: Double? = nil, created: Double? = nil) {
        self.quantiles = quantiles
        self.sum = sum
        self.count = count
        self.created = created
    }
}

/// The value of one series.
public enum ParsedValue: Sendable, Equatable {
    /// A counter, gauge or untyped sample; `created` is OpenMetrics' `_created` of a counter.
    case single(Double, created: Double?)
    case histogram(ParsedHistogram)
    case summary(ParsedSummary)
}

/// One series of a family: its labels (without `le`/`quantile`, in text order) and value.
public struct ParsedSeries: Sendable, Equatable {
    public var labels: [ParsedLabel]
    public var value: ParsedValue
    /// The timestamp of the series' last line, if it had one.
    public var timestamp: Double?
    /// 1-based line of the series' first line.
    public var line: Int

    public init(labels: [ParsedLabel], value: ParsedValue, timestamp: Double? = nil, line: Int) {
        self.labels = labels
        self.value = value
        self.timestamp = timestamp
        self.line = line
    }

    public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}

/// One metric family: its metadata and its series in the order they first appear.
public struct ParsedFamily: Sendable, Equatable {
    /// The family name as `# TYPE` declares it (OpenMetrics counters: without `_total`), or the
    /// sample name for a family without `# TYPE`.
    public var name: String
    public var type: ParsedMetricType
    /// `# HELP`, unescaped; nil when absent.
    public var help: String?
    /// OpenMetrics `# UNIT`; nil when absent.
    public var unit: String?
    public var series: [ParsedSeries]

    /// Whether the text declared a `# TYPE` for this family.
    public var declared: Bool
    /// The sample name that carries a counter's or gauge's value: `name_total` for an OpenMetrics
    /// counter, otherwise `name`. This is the Prometheus text name of the family.
    public var valueSampleName: String
    public var kind: ParsedValueKind { type.kind }
}

/// A line the parser skipped (or a problem with the text as a whole), with what is wrong.
public struct ExpositionProblem: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// The offending line (truncated to 200 bytes).
    public var text: String
    public var reason: String
    public var description: String { "line \(line): \(reason): \(text)" }
}

/// The result of parsing one body: families in first-appearance order, every sample line, and
/// every skipped line. Parsing never fails: a malformed line is skipped and recorded.
public struct ParsedExposition: Sendable, Equatable {
    public var dialect: ExpositionDialect
    public var families: [ParsedFamily]
    /// Every well-formed sample line, in text order.
    public var samples: [ParsedSample]
    /// Skipped lines and text-level problems (missing final newline, missing `# EOF`), by line.
    public var problems: [ExpositionProblem]
    /// Whether an OpenMetrics `# EOF` was seen.
    public var sawEOF: Bool

    /// The number of skipped or faulty lines.
    public var malformedLineCount: Int { problems.count }

    /// The family declared or first sampled under `name` (for counters in OpenMetrics also
    /// found by their `_total` name).
    public func family(named name: String) -> ParsedFamily? {
        families.first { $0.name == name } ?? families.first { $0.valueSampleName == name }
    }
}
