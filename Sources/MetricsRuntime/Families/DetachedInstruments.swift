/// Instruments and families that belong to no runtime: they record like any other but are never
/// exposed. Generated code falls back on them when a registration fails (after reporting it), so
/// recording calls never crash; tests and batch jobs can use them directly.
extension Histogram {
    /// A histogram that is not registered anywhere; invalid `buckets` fall back to
    /// ``Buckets/defaults`` instead of throwing.
    public static func detached(buckets: [Double]? = nil) -> Histogram {
        let bounds = buckets.flatMap { Buckets.problem(in: $0) == nil ? $0 : nil } ?? Buckets.defaults
        return Histogram(layout: BucketLayout(bounds))
    }
}

extension MetricVec {
    /// A family of `kind` that is not registered anywhere; invalid `buckets` fall back to
    /// ``Buckets/defaults``.
    fileprivate static func detached(kind: InstrumentKind, labelNames: [String], buckets: [Double]?) -> MetricVec {
        let bounds: [Double]? = kind == .histogram
            ? (buckets.flatMap { Buckets.problem(in: $0) == nil ? $0 : nil } ?? Buckets.defaults)
            : nil
        let descriptor = MetricDescriptor(
            name: "detached", kind: kind, help: "detached", labelNames: labelNames, buckets: bounds, unit: nil)
        let core = FamilyCore(
            descriptor: descriptor, fixedLabels: [], node: ObjectIdentifier(DetachedOwner.shared),
            limit: MetricsConfiguration().seriesLimitPerFamily, runtime: nil)
        return MetricVec(core: core)
    }
}

extension MetricVec where Instrument == Counter {
    /// A family that is not registered anywhere.
    public static func detached(labelNames: [String]) -> CounterVec {
        detached(kind: .counter, labelNames: labelNames, buckets: nil)
    }
}

extension MetricVec where Instrument == IntCounter {
    /// A family that is not registered anywhere.
    public static func detached(labelNames: [String]) -> IntCounterVec {
        detached(kind: .intCounter, labelNames: labelNames, buckets: nil)
    }
}

extension MetricVec where Instrument == Gauge {
    /// A family that is not registered anywhere.
    public static func detached(labelNames: [String]) -> GaugeVec {
        detached(kind: .gauge, labelNames: labelNames, buckets: nil)
    }
}

extension MetricVec where Instrument == IntGauge {
    /// A family that is not registered anywhere.
    public static func detached(labelNames: [String]) -> IntGaugeVec {
        detached(kind: .intGauge, labelNames: labelNames, buckets: nil)
    }
}

extension MetricVec where Instrument == Histogram {
    /// A family that is not registered anywhere; invalid `buckets` fall back to
    /// ``Buckets/defaults``.
    public static func detached(labelNames: [String], buckets: [Double]? = nil) -> HistogramVec {
        detached(kind: .histogram, labelNames: labelNames, buckets: buckets)
    }
}

/// Stands in for the node of detached families.
private final class DetachedOwner: Sendable {
    static let shared = DetachedOwner()
}
