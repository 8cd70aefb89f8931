import CoreMetrics
import MetricsRuntime

/// A swift-metrics backend that records into a `MetricsRuntime` node, so the metrics of
/// libraries written against swift-metrics (Hummingbird, Vapor, gRPC…) appear in the same
/// `/metrics` as the schema-defined ones, with the node's automatic labels.
///
/// ```swift
/// MetricsSystem.bootstrap(RuntimeMetricsFactory(registry: runtime.metrics.withPrefix(nil)))
/// ```
///
/// Mapping: `Counter` → an integer counter, `FloatingPointCounter` → a counter, `Meter` and
/// `Gauge` (a non-aggregating `Recorder`) → a gauge, an aggregating `Recorder` → a histogram with
/// ``recorderBuckets``, `Timer` → a histogram in seconds with ``timerBuckets``. The swift-metrics
/// label becomes the metric name and the dimensions its labels, both sanitized to valid
/// Prometheus names; dimensions are sorted by key, so their order at the call site does not matter.
/// swift-metrics carries no help text, so the help says where the metric came from.
///
/// Using one label with two different sets of dimension keys (or as two kinds of metric) is a
/// conflict: it is reported to the runtime's error handler as
/// `MetricsError.swiftMetricsRegistrationFailed(label:metric:reason:)` (saying what to change),
/// counted in `<built-in prefix>_swift_metrics_registration_failures_total{label="…"}`
/// (`dynamo_component_…` or `metrics_runtime_…`, see `MetricsProfile`), and the handler records
/// into an instrument that is not exposed. Nothing crashes.
public struct RuntimeMetricsFactory: MetricsFactory {
    /// Where the metrics are registered (its prefix applies).
    public let registry: MetricsRegistry
    /// Buckets of timer histograms, in seconds. Default: Dynamo's 0.005 … 10.
    public var timerBuckets: [Double]
    /// Buckets of aggregating recorders. Default: Dynamo's 0.005 … 10.
    public var recorderBuckets: [Double]

    /// A backend registering on `registry`.
    public init(registry: MetricsRegistry, timerBuckets: [Double] = Buckets.defaults, recorderBuckets: [Double] = Buckets.defaults) {
        self.registry = registry
        self.timerBuckets = timerBuckets
        self.recorderBuckets = recorderBuckets
    }

    public func makeCounter(label: String, dimensions: [(String, String)]) -> CounterHandler {
        let series = SeriesRequest(label: label, dimensions: dimensions)
        let family = series.family(registry, fallback: IntCounterVec.detached) {
            try registry.makeIntCounterVec($0, help: $1, labelNames: $2)
        }
        return IntCounterHandler(family: family, values: series.values)
    }

    public func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> FloatingPointCounterHandler {
        let series = SeriesRequest(label: label, dimensions: dimensions)
        let family = series.family(registry, fallback: CounterVec.detached) {
            try registry.makeCounterVec($0, help: $1, labelNames: $2)
        }
        return DoubleCounterHandler(family: family, values: series.values)
    }

    public func makeMeter(label: String, dimensions: [(String, String)]) -> MeterHandler {
        let series = SeriesRequest(label: label, dimensions: dimensions)
        return GaugeHandler(family: gaugeFamily(series), values: series.values)
    }

    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> RecorderHandler {
        let series = SeriesRequest(label: label, dimensions: dimensions)
        guard aggregate else {
            return GaugeHandler(family: gaugeFamily(series), values: series.values)
        }
        let buckets = recorderBuckets
        let family = series.family(registry, fallback: { HistogramVec.detached(labelNames: $0, buckets: buckets) }) {
            try registry.makeHistogramVec($0, help: $1, labelNames: $2, buckets: buckets)
        }
        return HistogramHandler(family: family, values: series.values)
    }

    public func makeTimer(label: String, dimensions: [(String, String)]) -> TimerHandler {
        let series = SeriesRequest(label: label, dimensions: dimensions)
        let buckets = timerBuckets
        let family = series.family(registry, fallback: { HistogramVec.detached(labelNames: $0, buckets: buckets) }) {
            try registry.makeHistogramVec($0, help: $1, labelNames: $2, buckets: buckets)
        }
        return HistogramHandler(family: family, values: series.values)
    }

    public func destroyCounter(_ handler: CounterHandler) {
        (handler as? RemovableHandler)?.remove()
    }

    public func destroyMeter(_ handler: MeterHandler) {
        (handler as? RemovableHandler)?.remove()
    }

    public func destroyFloatingPointCounter(_ handler: FloatingPointCounterHandler) {
        (handler as? RemovableHandler)?.remove()
    }

    public func destroyRecorder(_ handler: RecorderHandler) {
        (handler as? RemovableHandler)?.remove()
    }

    public func destroyTimer(_ handler: TimerHandler) {
        (handler as? RemovableHandler)?.remove()
    }

    private func gaugeFamily(_ series: SeriesRequest) -> GaugeVec {
        series.family(registry, fallback: GaugeVec.detached) {
            try registry.makeGaugeVec($0, help: $1, labelNames: $2)
        }
    }
}

/// A swift-metrics label and dimensions, turned into a Prometheus name, label names and values.
struct SeriesRequest {
    let name: String
    let labelNames: [String]
    let values: [String]
    let label: String

    init(label: String, dimensions: [(String, String)]) {
        self.label = label
        name = (try? sanitizePrometheusName(label)) ?? "swift_metrics_unnamed"
        let sorted = dimensions
            .map { ((try? sanitizePrometheusLabel($0.0)) ?? "dimension", $0.1) }
            .sorted { $0.0 < $1.0 }
        labelNames = sorted.map(\.0)
        values = sorted.map(\.1)
    }

    /// The family for this request: registered (or the existing identical one), or, on a
    /// conflict, a detached family after reporting the error.
    func family<Instrument>(
        _ registry: MetricsRegistry,
        fallback: ([String]) -> MetricVec<Instrument>,
        register: (String, String, [String]) throws -> MetricVec<Instrument>
    ) -> MetricVec<Instrument> {
        do {
            return try register(name, "Recorded through swift-metrics as '\(label)'", labelNames)
        } catch {
            RegistrationFailures.record(label: label, metric: registry.fullName(name), error: error, in: registry)
        }
        return fallback(labelNames)
    }
}
