import MetricsExpositionParser
import Synchronization

/// Exposition text from elsewhere (an inference engine's `/metrics` body: vLLM, SGLang,
/// TensorRT-LLM, LMCache) parsed at every scrape and exposed like native families: filtered by
/// name prefix, labelled with the node's hierarchy labels, `worker_id` and the given labels.
struct EngineTextSource: Sendable {
    let prefixes: [String]
    /// Injected labels: the node's automatic labels, then the given ones (given ones win).
    let labels: [(String, String)]
    let format: ExpositionFormat
    let read: @Sendable () throws -> String
    /// Family names whose conflict was reported already: reported once, not at every scrape.
    private let reported = ReportedConflicts()

    private final class ReportedConflicts: Sendable {
        let names = Mutex(Set<String>())
    }

    init(prefixes: [String], labels: [(String, String)], format: ExpositionFormat, read: @escaping @Sendable () throws -> String) {
        self.prefixes = prefixes
        self.labels = labels
        self.format = format
        self.read = read
    }

    /// True the first time a conflict of `family` is seen for this source.
    func firstConflict(_ family: String) -> Bool {
        reported.names.withLock { $0.insert(family).inserted }
    }

    /// The families of `text` this source passes through, as values (labels sorted by name).
    func families(from text: String) -> [MetricFamilySnapshot] {
        let parsed = ExpositionParser.parse(text, dialect: format == .openMetrics ? .openMetrics : .prometheusText)
        var result = [MetricFamilySnapshot]()
        for family in parsed.families where !family.series.isEmpty {
            let name = family.kind == .counter ? family.valueSampleName : family.name
            guard prefixes.isEmpty || prefixes.contains(where: { name.hasPrefix($0) }) else { continue }
            let kind = Self.kind(family.type)
            let series = family.series.map { series in
                SeriesSnapshot(labels: injected(into: series.labels), value: Self.value(series.value, kind: kind))
            }
            result.append(MetricFamilySnapshot(name: name, kind: kind, help: family.help ?? "", unit: family.unit, series: series))
        }
        return result
    }

    /// The engine's labels plus every injected one it did not set itself, empty values dropped,
    /// sorted by name.
    private func injected(into engine: [ParsedLabel]) -> [MetricLabel] {
        var labels = engine.filter { !$0.value.isEmpty }.map { MetricLabel(name: $0.name, value: $0.value) }
        for (name, value) in injectedLabels() where !value.isEmpty && !engine.contains(where: { $0.name == name }) {
            labels.append(MetricLabel(name: name, value: value))
        }
        labels.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return labels
    }

    /// `labels` with later duplicates (given labels) replacing earlier ones (automatic ones).
    private func injectedLabels() -> [(String, String)] {
        var result = [(String, String)]()
        for label in labels {
            result.removeAll { $0.0 == label.0 }
            result.append(label)
        }
        return result
    }

    static func kind(_ type: ParsedMetricType) -> MetricKind {
        switch type {
        case .counter: return .counter
        case .gauge, .info, .stateset: return .gauge
        case .histogram, .gaugehistogram: return .histogram
        case .summary: return .summary
        case .untyped, .unknown: return .untyped
        }
    }

    static func value(_ value: ParsedValue, kind: MetricKind) -> SeriesValue {
        switch value {
        case .single(let number, _):
            switch kind {
            case .counter: return .counter(.double(number))
            case .untyped: return .untyped(.double(number))
            default: return .gauge(.double(number))
            }
        case .histogram(let histogram):
            var bounds = [Double]()
            var counts = [UInt64]()
            var previous = 0.0
            for bucket in histogram.finiteBuckets {
                bounds.append(bucket.upperBound)
                counts.append(count(bucket.cumulativeCount - previous))
                previous = max(previous, bucket.cumulativeCount)
            }
            let total = histogram.totalCount
            counts.append(count(total - previous))
            return .histogram(HistogramSnapshot(upperBounds: bounds, bucketCounts: counts, sum: histogram.sum ?? 0, count: count(total)))
        case .summary(let summary):
            return .summary(SummarySnapshot(
                quantiles: summary.quantiles.map { SummaryQuantile(quantile: $0.quantile, value: $0.value) },
                sum: summary.sum ?? 0, count: count(summary.count ?? 0)))
        }
    }

    /// A count read as a float: negative or NaN → 0, beyond `UInt64` → `UInt64.max`.
    private static func count(_ value: Double) -> UInt64 {
        guard value > 0 else { return 0 }
        return value >= 0x1p64 ? .max : UInt64(value)
    }
}

extension MetricsRegistry {
    /// Passes another exporter's exposition text (e.g. an inference engine's `/metrics` body)
    /// through this level: at every scrape and snapshot `source` is called, its text parsed
    /// (`MetricsExpositionParser`), the families whose name starts with one of `prefixes`
    /// kept (all of them when `prefixes` is empty), and each series given this level's
    /// hierarchy labels, `worker_id` and `labels` (such as `("model", name)`) — never replacing
    /// a label the engine set itself. The families then appear in `/metrics` (re-rendered in
    /// the scrape's format) and in ``snapshot()`` like native ones, merged by name, in order.
    ///
    /// A family whose name a native family already writes is dropped and reported to the
    /// runtime's `errorHandler` as ``MetricsError/conflictingRegistration(metric:difference:)``
    /// (never exposed twice); a throwing `source` is handled like an exposition callback
    /// (``MetricsConfiguration/callbackFailurePolicy``). Malformed lines are skipped.
    ///
    /// - Parameters:
    ///   - prefixes: name prefixes to keep, e.g. `["vllm:"]`, `["sglang:"]`, `["trtllm_"]`, `["lmcache:"]`.
    ///   - labels: extra labels for every series.
    ///   - format: the format `source` returns.
    ///   - source: returns the engine's current exposition text; called at every scrape and snapshot.
    public func addEngineMetrics(
        prefixes: [String], labels: [(String, String)] = [], format: ExpositionFormat = .prometheusText,
        source: @escaping @Sendable () throws -> String
    ) {
        node.addEngineSource(EngineTextSource(prefixes: prefixes, labels: node.automaticLabels + labels, format: format, read: source))
    }
}
