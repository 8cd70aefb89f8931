/// What a ``Series`` holds besides its bytes.
struct SeriesHeader {
    /// The `Counter`, `IntCounter`, `Gauge`, `IntGauge` or `Histogram` that records values.
    let instrument: AnyObject & Sendable
    /// When the series was created, in seconds since the Unix epoch (OpenMetrics `_created`).
    let created: Double
    /// The length of the series' own part of the sample line (all of it when its family has no
    /// ``SeriesPrefix``), then where its labels start in that part. Where they end follows from
    /// the layout (``Series/labelBlock(after:)``), which saves 4 bytes a series.
    let lineLength: Int32
    let blockStart: Int32
}

/// One time series: its pre-rendered sample line, its packed label values and its instrument.
///
/// One allocation: the header, then the sample line (the part after the family's shared
/// ``SeriesPrefix``, if it has one) and the packed key as the object's tail bytes (a
/// `ManagedBuffer`), written once at creation and never again. The series does not point to the
/// prefix: every series of a family shares the same one, so readers get it from the family
/// (``SeriesHead``, via ``SortedSeries``) and each series saves the pointer.
///
/// Not `Sendable` in the type system (no subclass of `ManagedBuffer` can be), but immutable once
/// made: the header is never written again, and the tail bytes are written only in `make`, before
/// the series is shared. ``Sending`` carries one out of its family's lock.
final class Series: ManagedBuffer<SeriesHeader, UInt8> {
    /// A series handed from inside its family's lock to the caller.
    struct Sending: @unchecked Sendable {
        let series: Series
        init(_ series: Series) { self.series = series }
    }

    /// Renders the sample line and packs the key straight from the label values (no
    /// intermediate arrays or strings), in the series' own allocation. With a `prefix`, the
    /// series stores only what follows it: `,` and its remaining labels, `}` and the space.
    static func make<Key: SeriesKey>(
        _ values: Key, name: UnsafeRawBufferPointer, plan: LabelRenderPlan, prefixed: Bool,
        instrument: AnyObject & Sendable, created: Double
    ) -> Series {
        // With a prefix the series keeps `,` and the labels after the shared ones (nothing when
        // they all render empty), then `}`; without one, its whole line.
        let block: Int
        let lineLength: Int
        if prefixed {
            let own = plan.renderedLength(values, from: plan.leadingFixedCount)
            block = own > 0 ? own + 1 : 0
            lineLength = block + 2
        } else {
            block = plan.renderedLength(values)
            lineLength = name.count + (block > 0 ? block + 2 : 0) + 1
        }
        var keyLength = 0
        for index in 0..<values.count { keyLength += 4 + values.withValue(index) { $0.count } }
        let buffer = Series.create(minimumCapacity: lineLength + keyLength) { buffer in
            buffer.withUnsafeMutablePointerToElements { elements in
                let storage = UnsafeMutableRawPointer(elements)
                var out = storage
                let blockStart: Int
                if prefixed {
                    if block > 0 {
                        out = Bytes.put(UInt8(ascii: ","), at: out)
                        out = plan.render(values, from: plan.leadingFixedCount, to: out)
                    }
                    out = Bytes.put(UInt8(ascii: "}"), at: out)
                    blockStart = 0
                } else {
                    out = Bytes.put(name, at: out)
                    if block > 0 {
                        out = Bytes.put(UInt8(ascii: "{"), at: out)
                        out = plan.render(values, to: out)
                        out = Bytes.put(UInt8(ascii: "}"), at: out)
                        blockStart = name.count + 1
                    } else {
                        blockStart = name.count
                    }
                }
                out = Bytes.put(UInt8(ascii: " "), at: out)
                for index in 0..<values.count {
                    values.withValue(index) { value in
                        var length = UInt32(truncatingIfNeeded: value.count)
                        out = withUnsafeBytes(of: &length) { Bytes.put($0, at: out) }
                        out = Bytes.put(value, at: out)
                    }
                }
                return SeriesHeader(
                    instrument: instrument, created: created,
                    lineLength: Int32(truncatingIfNeeded: lineLength), blockStart: Int32(truncatingIfNeeded: blockStart))
            }
        }
        return unsafeDowncast(buffer, to: Series.self)
    }

    /// The series' bytes: the sample line, then the key. Objects never move, so the address
    /// stays valid for the series' lifetime.
    @inline(__always)
    private var bytes: UnsafeRawPointer {
        UnsafeRawPointer(withUnsafeMutablePointerToElements { $0 })
    }

    /// The header, read through a pointer: `ManagedBuffer.header` is a class's stored `var`, so
    /// reading it directly costs a dynamic exclusivity check (`swift_beginAccess`) per access.
    @inline(__always)
    private var fields: UnsafePointer<SeriesHeader> {
        UnsafePointer(withUnsafeMutablePointerToHeader { $0 })
    }

    /// The instrument, not retained: valid while the series is.
    @inline(__always)
    var unretainedInstrument: Unmanaged<AnyObject> {
        // `AnyObject & Sendable` is a single object reference (`Sendable` is a marker protocol).
        UnsafeRawPointer(fields).load(as: Unmanaged<AnyObject>.self)
    }

    /// The start of every sample line of the series, rendered once: `name{a="x",b="y"} `, or
    /// `name ` without labels. Labels (automatic, constant and variable) are sorted by name.
    /// `head` is its family's (``SortedSeries/head(at:)``). Kept outside reference counting so
    /// that exposition and sorting copy and compare it freely.
    @inline(__always)
    func sampleLine(after head: SeriesHead) -> SplitBytes {
        SplitBytes(head: head.line, tail: UnsafeRawBufferPointer(start: bytes, count: Int(fields.pointee.lineLength)))
    }

    /// The `Counter`, `IntCounter`, `Gauge`, `IntGauge` or `Histogram` that records values.
    @inline(__always)
    var instrument: AnyObject & Sendable { fields.pointee.instrument }

    /// When the series was created, in seconds since the Unix epoch (OpenMetrics `_created`).
    var created: Double { fields.pointee.created }

    /// The label values packed as `[UInt32 length][UTF-8 bytes]…`, compared on lookups without
    /// touching any reference-counted object. Stored right after the sample line.
    var key: UnsafeRawPointer { bytes + Int(fields.pointee.lineLength) }

    /// The labels, `a="x",b="y"` without braces (the head's are the family's shared ones);
    /// empty when the series has none.
    @inline(__always)
    func labelBlock(after head: SeriesHead) -> SplitBytes {
        // Every layout `make` writes ends its labels 2 bytes before the line's end (`} `), except
        // a whole line without labels (`name `), whose empty block starts and ends 1 byte before:
        // hence the larger of the two.
        let start = Int(fields.pointee.blockStart)
        let end = max(start, Int(fields.pointee.lineLength) - 2)
        return SplitBytes(head: head.labels, tail: UnsafeRawBufferPointer(start: bytes + start, count: end - start))
    }

    /// The positions of `series` in order of their rendered labels, each read after `head(i)`.
    /// Sorting plain keys (pointers, lengths and an index) instead of the objects keeps reference
    /// counting out of the comparisons and moves.
    static func order(_ series: [Series], head: (Int) -> SeriesHead) -> [Int] {
        var keys = [SortKey]()
        keys.reserveCapacity(series.count)
        for (index, item) in series.enumerated() {
            keys.append(SortKey(labels: item.labelBlock(after: head(index)), index: Int32(truncatingIfNeeded: index)))
        }
        keys.sort(by: <)
        return keys.map { Int($0.index) }
    }
}

/// The rendered labels of one series, as byte ranges, for sorting.
private struct SortKey: Comparable {
    let labels: SplitBytes
    let index: Int32

    static func < (left: SortKey, right: SortKey) -> Bool {
        SplitBytes.compare(left.labels, right.labels) < 0
    }

    static func == (left: SortKey, right: SortKey) -> Bool {
        SplitBytes.compare(left.labels, right.labels) == 0
    }
}
