/// The metrics factory of one hierarchy level (`node.metrics`), and its exposition.
///
/// Names get the runtime's prefix (`requests_total` → `dynamo_component_requests_total`);
/// ``withPrefix(_:)`` gives a view with another one. Creating a metric that already exists here
/// with the identical definition returns the existing instrument; the same name with a different
/// type, help, label names, buckets or unit anywhere in the runtime throws
/// ``MetricsError/conflictingRegistration(metric:difference:)``.
public struct MetricsRegistry: Sendable {
    let node: MetricsNode
    /// The prefix of this view; `nil` for none.
    public let prefix: String?

    init(node: MetricsNode, prefix: String?? = .none) {
        self.node = node
        self.prefix = prefix ?? node.core.configuration.metricPrefix
    }

    /// The same level, naming metrics with `prefix` (or no prefix for `nil` or `""`).
    public func withPrefix(_ prefix: String?) -> MetricsRegistry {
        MetricsRegistry(node: node, prefix: .some(prefix))
    }

    /// The raw registry of this level's runtime (``MetricsRuntime/raw``), with this view's prefix:
    /// metrics made there carry no hierarchy labels, whatever level they are created from. (Should the runtime no longer
    /// exist, a raw registry under this level.)
    public var raw: MetricsRegistry {
        let root = node.core.root.withLock { $0.node }
        let rawNode = (root ?? node).child(.raw, "", wrap: RawMetrics.init).node
        return MetricsRegistry(node: rawNode, prefix: .some(prefix))
    }

    /// The full name a metric called `name` gets here.
    public func fullName(_ name: String) -> String {
        guard let prefix, !prefix.isEmpty else { return name }
        return prefix + "_" + name
    }

    // MARK: Unlabeled instruments

    /// A floating-point counter.
    public func makeCounter(
        _ name: String, help: String, constantLabels: [(String, String)] = [], unit: String? = nil
    ) throws(MetricsError) -> Counter {
        try single(.counter, name, help, constantLabels, unit, nil, as: Counter.self)
    }

    /// An integer counter.
    public func makeIntCounter(
        _ name: String, help: String, constantLabels: [(String, String)] = [], unit: String? = nil
    ) throws(MetricsError) -> IntCounter {
        try single(.intCounter, name, help, constantLabels, unit, nil, as: IntCounter.self)
    }

    /// A floating-point gauge.
    public func makeGauge(
        _ name: String, help: String, constantLabels: [(String, String)] = [], unit: String? = nil
    ) throws(MetricsError) -> Gauge {
        try single(.gauge, name, help, constantLabels, unit, nil, as: Gauge.self)
    }

    /// An integer gauge.
    public func makeIntGauge(
        _ name: String, help: String, constantLabels: [(String, String)] = [], unit: String? = nil
    ) throws(MetricsError) -> IntGauge {
        try single(.intGauge, name, help, constantLabels, unit, nil, as: IntGauge.self)
    }

    /// A histogram; `buckets: nil` means ``Buckets/defaults``.
    public func makeHistogram(
        _ name: String, help: String, buckets: [Double]? = nil, constantLabels: [(String, String)] = [],
        unit: String? = nil
    ) throws(MetricsError) -> Histogram {
        try single(.histogram, name, help, constantLabels, unit, buckets ?? Buckets.defaults, as: Histogram.self)
    }

    // MARK: Labeled families

    /// Floating-point counters by the values of `labelNames`.
    public func makeCounterVec(
        _ name: String, help: String, labelNames: [String], constantLabels: [(String, String)] = [],
        unit: String? = nil
    ) throws(MetricsError) -> CounterVec {
        try register(.counter, name, help, labelNames, constantLabels, unit, nil).vec(as: Counter.self)
    }

    /// Integer counters by the values of `labelNames`.
    public func makeIntCounterVec(
        _ name: String, help: String, labelNames: [String], constantLabels: [(String, String)] = [],
        unit: String? = nil
    ) throws(MetricsError) -> IntCounterVec {
        try register(.intCounter, name, help, labelNames, constantLabels, unit, nil).vec(as: IntCounter.self)
    }

    /// Floating-point gauges by the values of `labelNames`.
    public func makeGaugeVec(
        _ name: String, help: String, labelNames: [String], constantLabels: [(String, String)] = [],
        unit: String? = nil
    ) throws(MetricsError) -> GaugeVec {
        try register(.gauge, name, help, labelNames, constantLabels, unit, nil).vec(as: Gauge.self)
    }

    /// Integer gauges by the values of `labelNames`.
    public func makeIntGaugeVec(
        _ name: String, help: String, labelNames: [String], constantLabels: [(String, String)] = [],
        unit: String? = nil
    ) throws(MetricsError) -> IntGaugeVec {
        try register(.intGauge, name, help, labelNames, constantLabels, unit, nil).vec(as: IntGauge.self)
    }

    /// Histograms by the values of `labelNames`, all with the same buckets.
    public func makeHistogramVec(
        _ name: String, help: String, labelNames: [String], buckets: [Double]? = nil,
        constantLabels: [(String, String)] = [], unit: String? = nil
    ) throws(MetricsError) -> HistogramVec {
        try register(.histogram, name, help, labelNames, constantLabels, unit, buckets ?? Buckets.defaults)
            .vec(as: Histogram.self)
    }

    // MARK: Callbacks and errors

    /// Runs `callback` before every scrape that covers this level, so it can refresh gauges.
    /// A throwing callback is reported and, unless the policy is ``CallbackFailurePolicy/failScrape``,
    /// the scrape goes on.
    public func addUpdateCallback(_ callback: @escaping @Sendable () throws -> Void) {
        node.addUpdateCallback(callback)
    }

    /// Appends the text `callback` returns, verbatim, to every scrape that covers this level (to
    /// splice in exposition text produced elsewhere). Registered at this level only, so it is
    /// never counted twice. Empty text is skipped; a throwing callback is reported and skipped.
    public func addExpositionCallback(_ callback: @escaping @Sendable () throws -> String) {
        node.addTextCallback(callback)
    }

    /// The runtime's ``MetricsConfiguration/environment``, for generated code.
    public var environment: [String: String] { node.core.configuration.environment }

    /// The configuration of the runtime this level belongs to.
    public var configuration: MetricsConfiguration { node.core.configuration }

    /// Hands `error` to the runtime's ``MetricsConfiguration/errorHandler``; generated code uses
    /// this where it cannot throw.
    public func report(_ error: MetricsError) {
        node.core.report(error)
    }

    // MARK: Registration

    private func single<Instrument: AnyObject & Sendable>(
        _ kind: InstrumentKind, _ name: String, _ help: String, _ constantLabels: [(String, String)],
        _ unit: String?, _ buckets: [Double]?, as type: Instrument.Type
    ) throws(MetricsError) -> Instrument {
        let core = try register(kind, name, help, [], constantLabels, unit, buckets)
        return unsafeDowncast(core.instrument(ArrayKey(values: [])), to: Instrument.self)
    }

    /// An integer counter family exempt from ``MetricsConfiguration/seriesLimitPerFamily``, for
    /// built-in families whose label values the runtime bounds itself (the overflow counter has
    /// one series per family name).
    func makeUnlimitedIntCounterVec(_ name: String, help: String, labelNames: [String]) throws(MetricsError) -> IntCounterVec {
        try register(.intCounter, name, help, labelNames, [], nil, nil, seriesLimit: .max).vec(as: IntCounter.self)
    }

    private func register(
        _ kind: InstrumentKind, _ name: String, _ help: String, _ labelNames: [String],
        _ constantLabels: [(String, String)], _ unit: String?, _ buckets: [Double]?, seriesLimit: Int? = nil
    ) throws(MetricsError) -> FamilyCore {
        guard !name.isEmpty else { throw .invalidMetricName(name) }
        let descriptor = MetricDescriptor(
            name: fullName(name), kind: kind, help: help, labelNames: labelNames, buckets: buckets, unit: unit)
        return try node.core.register(descriptor, at: node, constantLabels: constantLabels, seriesLimit: seriesLimit)
    }
}
