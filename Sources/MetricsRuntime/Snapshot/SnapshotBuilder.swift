#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds ``MetricFamilySnapshot`` values from the scrape's family iteration: the same merge,
/// the same order and the same series as the text writers.
///
/// Per series a snapshot reads the value and refers to the series' labels, built once per series
/// (``FamilyCore/snapshotLabels(_:)``); histogram counts go to one buffer per family. So a snapshot
/// allocates a few arrays per family, none per series.
struct SnapshotBuilder: FamilyVisitor {
    static var readsTextCallbacks: Bool { false }

    var families: [MetricFamilySnapshot] = []

    mutating func visit(native cores: ArraySlice<FamilyCore>) {
        guard let first = cores.first else { return }
        let descriptor = first.descriptor
        let series: [SeriesSnapshot]
        if cores.count == 1 {
            let sorted = first.sortedSeries()
            guard sorted.count > 0 else { return }
            let table = first.snapshotLabels(sorted)
            // One array of unowned instruments per family (the sorted series keep them alive).
            let instruments = sorted.series.map(\.unretainedInstrument)
            series = withExtendedLifetime(sorted) {
                Self.series(instruments, descriptor.kind) { SeriesLabels(table: table, row: $0) }
            }
        } else {
            series = Self.merged(cores)
            guard !series.isEmpty else { return }
        }
        families.append(MetricFamilySnapshot(
            name: descriptor.name, kind: Self.kind(descriptor.kind), help: descriptor.help, unit: descriptor.unit, series: series))
    }

    mutating func visit(foreign family: MetricFamilySnapshot) {
        families.append(family)
    }

    mutating func visit(text: String) {}

    /// Same-named registrations merged in exposition order (``SortedSeries/merged(_:)``, as the
    /// text writers merge them). Each registration's series keep their relative order in the merge, so each merged
    /// series is the next one of some registration: its row in that registration's table.
    private static func merged(_ cores: ArraySlice<FamilyCore>) -> [SeriesSnapshot] {
        let lists = cores.map { $0.sortedSeries() }
        let tables = zip(cores, lists).map { $0.snapshotLabels($1) }
        let sortedMerge = SortedSeries.merging(lists)
        let merged = sortedMerge.series
        var next = Array(repeating: 0, count: lists.count)
        var last = 0
        var labels = [SeriesLabels]()
        labels.reserveCapacity(merged.count)
        for (position, item) in merged.enumerated() {
            // Series of one registration are mostly contiguous (their fixed labels sort first):
            // try the last one's first.
            var found: Int?
            for offset in 0..<lists.count {
                let list = (last + offset) % lists.count
                if next[list] < lists[list].count, lists[list].series[next[list]] === item {
                    found = list
                    break
                }
            }
            if let list = found {
                labels.append(SeriesLabels(table: tables[list], row: next[list]))
                next[list] += 1
                last = list
            } else {
                var scratch = [UInt8]()
                let parsed = sortedMerge.labelBlock(at: position).withContiguousBytes(scratch: &scratch) { Self.labels($0, reusing: []) }
                labels.append(SeriesLabels(parsed))  // not reached
            }
        }
        let instruments = merged.map(\.unretainedInstrument)
        return withExtendedLifetime(merged) {
            series(instruments, cores[cores.startIndex].descriptor.kind) { labels[$0] }
        }
    }

    /// One snapshot per instrument, with `labels(index)`: values read straight off the
    /// instruments; histogram counts of every series in one buffer.
    @inline(__always)
    private static func series(
        _ instruments: [Unmanaged<AnyObject>], _ kind: InstrumentKind, labels: (Int) -> SeriesLabels
    ) -> [SeriesSnapshot] {
        var series = [SeriesSnapshot]()
        series.reserveCapacity(instruments.count)
        instruments.withUnsafeBufferPointer { instruments in
            switch kind {
            case .counter:
                numbers(instruments, into: &series, labels: labels) { .counter(.double(unsafeDowncast($0, to: Counter.self).get())) }
            case .intCounter:
                numbers(instruments, into: &series, labels: labels) { .counter(.int(Int64(unsafeDowncast($0, to: IntCounter.self).get()))) }
            case .gauge:
                numbers(instruments, into: &series, labels: labels) { .gauge(.double(unsafeDowncast($0, to: Gauge.self).get())) }
            case .intGauge:
                numbers(instruments, into: &series, labels: labels) { .gauge(.int(Int64(unsafeDowncast($0, to: IntGauge.self).get()))) }
            case .histogram:
                histograms(instruments, into: &series, labels: labels)
            }
        }
        return series
    }

    /// Counter and gauge series: `value(instrument)` per series.
    @inline(__always)
    private static func numbers(
        _ instruments: UnsafeBufferPointer<Unmanaged<AnyObject>>, into series: inout [SeriesSnapshot],
        labels: (Int) -> SeriesLabels, value: (AnyObject) -> SeriesValue
    ) {
        for index in instruments.indices {
            series.append(SeriesSnapshot(labels: labels(index), value: instruments[index]._withUnsafeGuaranteedRef(value)))
        }
    }

    /// Histogram series: every series' counts read into one buffer first (a buffer shared by
    /// ``BucketCounts`` values cannot grow afterwards), then one snapshot per series on a range of it.
    @inline(__always)
    private static func histograms(
        _ instruments: UnsafeBufferPointer<Unmanaged<AnyObject>>, into series: inout [SeriesSnapshot],
        labels: (Int) -> SeriesLabels
    ) {
        var counts = [UInt64]()
        if let first = instruments.first {
            let buckets = first._withUnsafeGuaranteedRef { unsafeDowncast($0, to: Histogram.self).boundCount + 1 }
            counts.reserveCapacity(instruments.count * buckets)
        }
        var totals = [(sum: Double, count: UInt64)]()
        totals.reserveCapacity(instruments.count)
        for instrument in instruments {
            instrument._withUnsafeGuaranteedRef { instrument in
                let histogram = unsafeDowncast(instrument, to: Histogram.self)
                var total: UInt64 = 0
                for index in 0...histogram.boundCount {
                    let count = UInt64(clamping: histogram.count(index))
                    counts.append(count)
                    total &+= count
                }
                totals.append((histogram.sampleSum, total))
            }
        }
        var start = 0
        for index in instruments.indices {
            instruments[index]._withUnsafeGuaranteedRef { instrument in
                let histogram = unsafeDowncast(instrument, to: Histogram.self)
                let buckets = histogram.boundCount + 1
                series.append(SeriesSnapshot(labels: labels(index), value: .histogram(HistogramSnapshot(
                    upperBounds: histogram.layout.bounds, bucketCounts: BucketCounts(counts, start: start, count: buckets),
                    sum: totals[index].sum, count: totals[index].count))))
                start += buckets
            }
        }
    }

    static func kind(_ kind: InstrumentKind) -> MetricKind {
        switch kind {
        case .counter, .intCounter: return .counter
        case .gauge, .intGauge: return .gauge
        case .histogram: return .histogram
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
