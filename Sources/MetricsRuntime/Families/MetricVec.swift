/// A family of series that share a name and label names and differ in label values
/// (`CounterVec`, `IntCounterVec`, `GaugeVec`, `IntGaugeVec`, `HistogramVec`).
///
/// Each distinct list of label values has its own instrument, created on first use and kept; hold
/// on to it where a hot path records often. Looking an existing series up takes no lock (creating
/// or removing one takes this family's own, never a registry-wide one) and allocates nothing on
/// the fixed-arity ``labels(_:_:)`` paths.
///
/// Once the family holds ``MetricsConfiguration/seriesLimitPerFamily`` series, new label
/// combinations share one overflow series (all values `__overflow__`), so nothing recorded is
/// lost, and `<prefix>_cardinality_overflow_total{metric="…"}` counts the redirected lookups.
public final class MetricVec<Instrument: AnyObject & Sendable>: Sendable {
    let core: FamilyCore

    init(core: FamilyCore) {
        self.core = core
    }

    /// The full metric name, prefix included.
    public var name: String { core.descriptor.name }

    /// The label names, in the order their values are given.
    public var labelNames: [String] { core.descriptor.labelNames }

    /// The instrument for these label values, given in ``labelNames`` order.
    ///
    /// - Throws: ``MetricsError/labelCountMismatch(metric:expected:got:)`` for a wrong count.
    public func withLabelValues(_ values: String...) throws(MetricsError) -> Instrument {
        try withLabelValues(values)
    }

    // One to four values: the same lookup without building the variadic array, so finding an
    // existing series allocates nothing (overload resolution prefers these to the variadic form).

    /// The instrument for this label value, for a one-label family.
    @inline(__always)
    public func withLabelValues(_ v0: String) throws(MetricsError) -> Instrument {
        try core.checkCount(1)
        return labels(v0)
    }

    /// The instrument for these label values, in ``labelNames`` order.
    @inline(__always)
    public func withLabelValues(_ v0: String, _ v1: String) throws(MetricsError) -> Instrument {
        try core.checkCount(2)
        return labels(v0, v1)
    }

    /// The instrument for these label values, in ``labelNames`` order.
    @inline(__always)
    public func withLabelValues(_ v0: String, _ v1: String, _ v2: String) throws(MetricsError) -> Instrument {
        try core.checkCount(3)
        return labels(v0, v1, v2)
    }

    /// The instrument for these label values, in ``labelNames`` order.
    @inline(__always)
    public func withLabelValues(_ v0: String, _ v1: String, _ v2: String, _ v3: String) throws(MetricsError) -> Instrument {
        try core.checkCount(4)
        return labels(v0, v1, v2, v3)
    }

    /// The instrument for these label values, given in ``labelNames`` order.
    ///
    /// - Throws: ``MetricsError/labelCountMismatch(metric:expected:got:)`` for a wrong count.
    public func withLabelValues(_ values: [String]) throws(MetricsError) -> Instrument {
        try core.checkCount(values.count)
        return cast(core.instrument(ArrayKey(values: values)))
    }

    /// The instrument for these labels, given by name (the order does not matter).
    ///
    /// - Throws: ``MetricsError/unknownLabelName(_:metric:expected:)`` or
    ///   ``MetricsError/missingLabelValue(_:metric:)``.
    public func with(labels: [String: String]) throws(MetricsError) -> Instrument {
        cast(core.instrument(ArrayKey(values: try core.orderedValues(labels))))
    }

    /// The instrument of a one-label family; allocation-free for an existing series.
    ///
    /// A wrong label count is reported to ``MetricsConfiguration/errorHandler`` and yields an
    /// instrument that is not exported (nothing crashes).
    @inline(__always)
    public func labels(_ v0: String) -> Instrument {
        cast(LabelBytes.with(v0) { core.instrument(Key1(v0: $0)) })
    }

    /// The instrument of a two-label family; allocation-free for an existing series.
    @inline(__always)
    public func labels(_ v0: String, _ v1: String) -> Instrument {
        cast(LabelBytes.with(v0) { b0 in LabelBytes.with(v1) { b1 in core.instrument(Key2(v0: b0, v1: b1)) } })
    }

    /// The instrument of a three-label family; allocation-free for an existing series.
    @inline(__always)
    public func labels(_ v0: String, _ v1: String, _ v2: String) -> Instrument {
        cast(LabelBytes.with(v0) { b0 in
            LabelBytes.with(v1) { b1 in LabelBytes.with(v2) { b2 in core.instrument(Key3(v0: b0, v1: b1, v2: b2)) } }
        })
    }

    /// The instrument of a four-label family; allocation-free for an existing series.
    @inline(__always)
    public func labels(_ v0: String, _ v1: String, _ v2: String, _ v3: String) -> Instrument {
        cast(LabelBytes.with(v0) { b0 in
            LabelBytes.with(v1) { b1 in
                LabelBytes.with(v2) { b2 in LabelBytes.with(v3) { b3 in core.instrument(Key4(v0: b0, v1: b1, v2: b2, v3: b3)) } }
            }
        })
    }

    /// The instrument for label values in ``labelNames`` order, for any number of labels.
    public func labels(_ values: [String]) -> Instrument {
        cast(core.instrument(ArrayKey(values: values)))
    }

    /// Removes the series with these label values (in ``labelNames`` order).
    /// - Returns: whether there was such a series.
    @discardableResult
    public func remove(labelValues: [String]) -> Bool {
        core.remove(ArrayKey(values: labelValues))
    }

    /// Removes the series with these labels, given by name.
    /// - Returns: whether there was such a series.
    @discardableResult
    public func remove(labels: [String: String]) -> Bool {
        guard let values = try? core.orderedValues(labels) else { return false }
        return core.remove(ArrayKey(values: values))
    }

    /// Removes every series of this family at this node.
    public func removeAll() {
        core.removeAll()
    }

    @inline(__always)
    private func cast(_ object: AnyObject & Sendable) -> Instrument {
        unsafeDowncast(object, to: Instrument.self)
    }
}

/// Floating-point counters by label values.
public typealias CounterVec = MetricVec<Counter>
/// Integer counters by label values.
public typealias IntCounterVec = MetricVec<IntCounter>
/// Floating-point gauges by label values.
public typealias GaugeVec = MetricVec<Gauge>
/// Integer gauges by label values.
public typealias IntGaugeVec = MetricVec<IntGauge>
/// Histograms by label values; every series shares the family's buckets.
public typealias HistogramVec = MetricVec<Histogram>
