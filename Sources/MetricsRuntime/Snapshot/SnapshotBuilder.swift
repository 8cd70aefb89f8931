#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds ``MetricFamilySnapshot`` values from the scrape's family iteration: the same merge,
/// the same order and the same series as the text writers.
struct SnapshotBuilder: FamilyVisitor {
    static var readsTextCallbacks: Bool { false }

    var families: [MetricFamilySnapshot] = []

    mutating func visit(native cores: ArraySlice<FamilyCore>) {
        guard let first = cores.first else { return }
        let sorted = SortedSeries.merged(cores)
        guard sorted.count > 0 else { return }
        let descriptor = first.descriptor
        var series = [SeriesSnapshot]()
        series.reserveCapacity(sorted.count)
        // One registration (the usual case): its label layout is known, so the fixed labels are
        // shared; same-named registrations merged are decoded label by label.
        var layout = cores.count == 1 ? SnapshotLabels(first) : nil
        var previous = [MetricLabel]()
        for item in sorted.series {
            let labels = layout?.labels(item.labelBlock) ?? Self.labels(item.labelBlock, reusing: previous)
            series.append(SeriesSnapshot(labels: labels, value: Self.value(item.instrument, descriptor.kind)))
            previous = labels
        }
        families.append(MetricFamilySnapshot(
            name: descriptor.name, kind: Self.kind(descriptor.kind), help: descriptor.help, unit: descriptor.unit, series: series))
    }

    mutating func visit(foreign family: MetricFamilySnapshot) {
        families.append(family)
    }

    mutating func visit(text: String) {}

    static func kind(_ kind: InstrumentKind) -> MetricKind {
        switch kind {
        case .counter, .intCounter: return .counter
        case .gauge, .intGauge: return .gauge
        case .histogram: return .histogram
        }
    }

    static func value(_ instrument: AnyObject, _ kind: InstrumentKind) -> SeriesValue {
        switch kind {
        case .counter: return .counter(.double(unsafeDowncast(instrument, to: Counter.self).get()))
        case .intCounter: return .counter(.int(Int64(unsafeDowncast(instrument, to: IntCounter.self).get())))
        case .gauge: return .gauge(.double(unsafeDowncast(instrument, to: Gauge.self).get()))
        case .intGauge: return .gauge(.int(Int64(unsafeDowncast(instrument, to: IntGauge.self).get())))
        case .histogram:
            let histogram = unsafeDowncast(instrument, to: Histogram.self)
            var counts = [UInt64]()
            counts.reserveCapacity(histogram.boundCount + 1)
            var total: UInt64 = 0
            for index in 0...histogram.boundCount {
                let count = UInt64(clamping: histogram.count(index))
                counts.append(count)
                total &+= count
            }
            return .histogram(HistogramSnapshot(
                upperBounds: histogram.layout.bounds, bucketCounts: counts, sum: histogram.sampleSum, count: total))
        }
    }

    /// Decodes a rendered label block (`a="x",b="y\"z"`, written by ``LabelRenderPlan``).
    /// Names and values equal to the same position of `previous` (the series before, in sorted
    /// order: mostly the same automatic and constant labels) reuse its strings instead of
    /// allocating new ones.
    static func labels(_ block: UnsafeRawBufferPointer, reusing previous: [MetricLabel]) -> [MetricLabel] {
        var labels = [MetricLabel]()
        labels.reserveCapacity(max(previous.count, 4))
        var index = 0
        let count = block.count
        while index < count {
            let position = labels.count
            let nameStart = index
            while index < count, block[index] != UInt8(ascii: "=") { index += 1 }
            let nameBytes = UnsafeRawBufferPointer(rebasing: block[nameStart..<index])
            let name = position < previous.count && same(previous[position].name, nameBytes)
                ? previous[position].name : String(decoding: nameBytes, as: UTF8.self)
            index = min(index + 2, count)  // `="`
            let valueStart = index
            let escaped: Bool
            (index, escaped) = valueEnd(block, from: valueStart)
            let raw = UnsafeRawBufferPointer(rebasing: block[valueStart..<min(index, count)])
            let value: String
            if escaped {
                value = unescape(raw)
            } else if position < previous.count, same(previous[position].value, raw) {
                value = previous[position].value
            } else {
                value = String(decoding: raw, as: UTF8.self)
            }
            labels.append(MetricLabel(name: name, value: value))
            index += 2  // `",`
        }
        return labels
    }

    /// Where the label value starting at `start` ends (its closing quote, or the block's end)
    /// and whether it has escapes.
    @inline(__always)
    static func valueEnd(_ block: UnsafeRawBufferPointer, from start: Int) -> (end: Int, escaped: Bool) {
        var end = start
        var escaped = false
        while end < block.count, block[end] != UInt8(ascii: "\"") {
            if block[end] == UInt8(ascii: "\\") {
                escaped = true
                end += 1
            }
            end += 1
        }
        return (end, escaped)
    }

    /// Whether `string`'s UTF-8 is `bytes` (one memcmp for native strings).
    @inline(__always)
    static func same(_ string: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let fast = string.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.count == bytes.count && (bytes.isEmpty || memcmp(utf8.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, bytes.count) == 0)
        }
        return fast ?? string.utf8.elementsEqual(bytes)
    }

    /// Undoes the label-value escapes `\\`, `\"` and `\n`.
    static func unescape(_ raw: UnsafeRawBufferPointer) -> String {
        var value = [UInt8]()
        value.reserveCapacity(raw.count)
        var index = 0
        while index < raw.count {
            var byte = raw[index]
            if byte == UInt8(ascii: "\\"), index + 1 < raw.count {
                index += 1
                byte = raw[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : raw[index]
            }
            value.append(byte)
            index += 1
        }
        return String(decoding: value, as: UTF8.self)
    }
}

extension MetricsRegistry {
    /// The families of this level and all its descendants as values, after running their update
    /// callbacks: the same families, merge, order, series and labels as ``exposition(format:)``
    /// (both read one iteration), without the opaque text of exposition callbacks.
    ///
    /// - Throws: ``MetricsError/callbackFailed(message:)``, only when the runtime's
    ///   ``MetricsConfiguration/callbackFailurePolicy`` is ``CallbackFailurePolicy/failScrape``.
    public func snapshot() throws(MetricsError) -> [MetricFamilySnapshot] {
        var builder = SnapshotBuilder()
        try FamilyIteration(root: node).run(&builder)
        return builder.families
    }
}
