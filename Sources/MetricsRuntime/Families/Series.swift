#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One time series: its pre-rendered sample line, its packed label values and its instrument.
final class Series: @unchecked Sendable {
    // @unchecked: every stored property is immutable; the storage behind `sampleLine` and `key`
    // is allocated and written in init, never written afterwards and freed in deinit.

    /// The start of every sample line of the series, rendered once: `name{a="x",b="y"} `, or
    /// `name ` without labels. Labels (automatic, constant and variable) are sorted by name.
    /// Kept outside reference counting so that exposition and sorting copy and compare it freely.
    let sampleLine: UnsafeRawBufferPointer
    /// Where the labels (`a="x",b="y"`, without braces) sit in ``sampleLine``.
    let blockStart: Int32
    let blockEnd: Int32
    /// The `Counter`, `IntCounter`, `Gauge`, `IntGauge` or `Histogram` that records values.
    let instrument: AnyObject & Sendable
    /// When the series was created, in seconds since the Unix epoch (OpenMetrics `_created`).
    let created: Double
    /// The family-seeded hash of the label values (``SeriesKey/hash(seed:)``), kept for rehashing.
    let hash: UInt64

    /// The label values packed as `[UInt32 length][UTF-8 bytes]…`, compared on lookups without
    /// touching any reference-counted object. Stored right after ``sampleLine``, in the same
    /// allocation.
    var key: UnsafeRawPointer { sampleLine.baseAddress.unsafelyUnwrapped + sampleLine.count }

    /// Renders the sample line and packs the key into one allocation, straight from the label
    /// values (no intermediate arrays or strings).
    init<Key: SeriesKey>(
        _ values: Key, hash: UInt64, name: [UInt8], plan: LabelRenderPlan, instrument: AnyObject & Sendable, created: Double
    ) {
        let block = plan.renderedLength(values)
        let lineLength = name.count + (block > 0 ? block + 2 : 0) + 1
        var keyLength = 0
        for index in 0..<values.count { keyLength += 4 + values.withValue(index) { $0.count } }
        let storage = UnsafeMutableRawPointer.allocate(byteCount: lineLength + max(keyLength, 1), alignment: 1)
        var out = Bytes.put(name, at: storage)
        if block > 0 {
            out = Bytes.put(UInt8(ascii: "{"), at: out)
            out = plan.render(values, to: out)
            out = Bytes.put(UInt8(ascii: "}"), at: out)
            blockStart = Int32(truncatingIfNeeded: name.count + 1)
        } else {
            blockStart = Int32(truncatingIfNeeded: name.count)
        }
        blockEnd = blockStart + Int32(truncatingIfNeeded: block)
        out = Bytes.put(UInt8(ascii: " "), at: out)
        sampleLine = UnsafeRawBufferPointer(start: storage, count: lineLength)
        for index in 0..<values.count {
            values.withValue(index) { value in
                var length = UInt32(truncatingIfNeeded: value.count)
                out = withUnsafeBytes(of: &length) { Bytes.put($0, at: out) }
                out = Bytes.put(value, at: out)
            }
        }
        self.instrument = instrument
        self.created = created
        self.hash = hash
    }

    deinit {
        UnsafeMutableRawPointer(mutating: sampleLine.baseAddress.unsafelyUnwrapped).deallocate()
    }

    /// The labels, `a="x",b="y"` without braces; empty when the series has none.
    var labelBlock: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: sampleLine[Int(blockStart)..<Int(blockEnd)])
    }

    /// `series` sorted by rendered labels. Sorting plain keys (a pointer, a length and an index)
    /// instead of the objects keeps reference counting out of the comparisons and moves.
    static func sorted(_ series: [Series]) -> [Series] {
        var keys = [SortKey]()
        keys.reserveCapacity(series.count)
        for (index, item) in series.enumerated() { keys.append(SortKey(item, index: index)) }
        keys.sort(by: <)
        return keys.map { series[Int($0.index)] }
    }
}

/// The rendered labels of one series, as a byte range, for sorting.
private struct SortKey: Comparable {
    let bytes: UnsafeRawPointer
    let count: Int32
    let index: Int32

    init(_ series: Series, index: Int) {
        bytes = series.sampleLine.baseAddress.unsafelyUnwrapped + Int(series.blockStart)
        count = series.blockEnd - series.blockStart
        self.index = Int32(truncatingIfNeeded: index)
    }

    static func < (left: SortKey, right: SortKey) -> Bool {
        let common = Int(min(left.count, right.count))
        if common > 0 {
            let order = memcmp(left.bytes, right.bytes, common)
            if order != 0 { return order < 0 }
        }
        return left.count < right.count
    }

    static func == (left: SortKey, right: SortKey) -> Bool {
        !(left < right) && !(right < left)
    }
}

