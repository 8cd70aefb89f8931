import CoreMetrics
import MetricsRuntime

/// A handler whose series can be removed when swift-metrics destroys the metric.
protocol RemovableHandler {
    func remove()
}

/// The series of one handler: its family and label values.
struct SeriesHandle<Instrument: AnyObject & Sendable>: Sendable {
    let family: MetricVec<Instrument>
    let values: [String]
    let instrument: Instrument

    init(family: MetricVec<Instrument>, values: [String]) {
        self.family = family
        self.values = values
        instrument = family.labels(values)
    }

    func remove() {
        family.remove(labelValues: values)
    }
}

final class IntCounterHandler: CounterHandler, RemovableHandler, Sendable {
    let series: SeriesHandle<IntCounter>

    init(family: IntCounterVec, values: [String]) {
        series = SeriesHandle(family: family, values: values)
    }

    func increment(by amount: Int64) {
        series.instrument.inc(by: Int(truncatingIfNeeded: amount))
    }

    func reset() {
        series.instrument.reset()
    }

    func remove() {
        series.remove()
    }
}

final class DoubleCounterHandler: FloatingPointCounterHandler, RemovableHandler, Sendable {
    let series: SeriesHandle<RuntimeCounter>

    init(family: CounterVec, values: [String]) {
        series = SeriesHandle(family: family, values: values)
    }

    func increment(by amount: Double) {
        series.instrument.inc(by: amount)
    }

    func reset() {
        series.instrument.reset()
    }

    func remove() {
        series.remove()
    }
}

final class GaugeHandler: MeterHandler, RecorderHandler, RemovableHandler, Sendable {
    let series: SeriesHandle<RuntimeGauge>

    init(family: GaugeVec, values: [String]) {
        series = SeriesHandle(family: family, values: values)
    }

    func set(_ value: Int64) {
        series.instrument.set(Double(value))
    }

    func set(_ value: Double) {
        series.instrument.set(value)
    }

    func increment(by amount: Double) {
        series.instrument.inc(by: amount)
    }

    func decrement(by amount: Double) {
        series.instrument.dec(by: amount)
    }

    func record(_ value: Int64) {
        series.instrument.set(Double(value))
    }

    func record(_ value: Double) {
        series.instrument.set(value)
    }

    func remove() {
        series.remove()
    }
}

final class HistogramHandler: RecorderHandler, TimerHandler, RemovableHandler, Sendable {
    let series: SeriesHandle<Histogram>

    init(family: HistogramVec, values: [String]) {
        series = SeriesHandle(family: family, values: values)
    }

    func record(_ value: Int64) {
        series.instrument.observe(Double(value))
    }

    func record(_ value: Double) {
        series.instrument.observe(value)
    }

    /// Timers record nanoseconds; the histogram is in seconds.
    func recordNanoseconds(_ duration: Int64) {
        series.instrument.observe(Double(duration) / 1_000_000_000)
    }

    func remove() {
        series.remove()
    }
}
