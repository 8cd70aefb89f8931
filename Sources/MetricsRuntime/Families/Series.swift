#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One time series: its label values, its pre-rendered label bytes and its instrument.
final class Series: @unchecked Sendable {
    // @unchecked: every stored property is immutable; `key` is allocated in init, never written
    // afterwards and freed in deinit.

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
    /// The label values packed as `[UInt32 length][UTF-8 bytes]…`, compared on lookups without
    /// touching any reference-counted object.
    let key: UnsafeMutableRawPointer

    init(labelValues: [String], name: [UInt8], labelBlock: [UInt8], instrument: AnyObject & Sendable, created: Double) {
        var line = name
        line.reserveCapacity(name.count + labelBlock.count + 3)
        if !labelBlock.isEmpty {
            line.append(UInt8(ascii: "{"))
            line.append(contentsOf: labelBlock)
            line.append(UInt8(ascii: "}"))
            blockStart = Int32(truncatingIfNeeded: name.count + 1)
        } else {
            blockStart = Int32(truncatingIfNeeded: name.count)
        }
        blockEnd = blockStart + Int32(truncatingIfNeeded: labelBlock.count)
        line.append(UInt8(ascii: " "))
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: line.count, alignment: 1)
        storage.copyBytes(from: line)
        sampleLine = UnsafeRawBufferPointer(storage)
        self.instrument = instrument
        self.created = created
        let size = labelValues.reduce(0) { $0 + 4 + $1.utf8.count }
        key = .allocate(byteCount: max(size, 1), alignment: 4)
        var offset = 0
        for value in labelValues {
            key.storeBytes(of: UInt32(truncatingIfNeeded: value.utf8.count), toByteOffset: offset, as: UInt32.self)
            offset += 4
            for byte in value.utf8 {
                key.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
                offset += 1
            }
        }
    }

    deinit {
        key.deallocate()
        sampleLine.deallocate()
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

/// An open-addressing hash table of series, keyed by label values; guarded by its family's lock.
///
/// Lookups read only plain values (hashes, key pointers, unmanaged instrument references), so a
/// hit costs no reference counting beyond returning the instrument. The strong references live
/// in `owners`, at the same index.
///
/// `@unchecked Sendable`: the raw pointers point into series that `owners` keeps alive, and the
/// table is only ever used under its family's lock.
struct SeriesTable: @unchecked Sendable {
    private var hashes: ContiguousArray<UInt64>
    /// `nil` for an empty slot, ``tombstone`` for a removed one, else the series' packed key.
    private var keys: ContiguousArray<UnsafeRawPointer?>
    private var instruments: ContiguousArray<Unmanaged<AnyObject>?>
    private var owners: ContiguousArray<Series?>
    private var used = 0
    /// Series that are in the table now.
    private(set) var liveCount = 0
    /// The series sorted and packed for exposition; rebuilt after a change.
    private var sortedCache: SortedSeries? = .empty
    /// The overflow series (all values `__overflow__`) once the family has been full; it is in
    /// the table like any other series but does not count toward the limit.
    private var overflow: Series?

    private static var tombstone: UnsafeRawPointer { UnsafeRawPointer(bitPattern: 1).unsafelyUnwrapped }

    init() {
        self.init(capacity: Self.minimumCapacity)
    }

    private init(capacity: Int) {
        hashes = ContiguousArray(repeating: 0, count: capacity)
        keys = ContiguousArray(repeating: nil, count: capacity)
        instruments = ContiguousArray(repeating: nil, count: capacity)
        owners = ContiguousArray(repeating: nil, count: capacity)
    }

    /// The instrument of the series with this key, retained for the caller.
    @inline(__always)
    func findInstrument<Key: SeriesKey>(_ key: Key, hash: UInt64) -> (AnyObject & Sendable)? {
        guard let index = slot(of: key, hash: hash) else { return nil }
        // Every instrument type is Sendable; the table only ever stores those.
        return unsafeBitCast(instruments[index].unsafelyUnwrapped.takeUnretainedValue(), to: (AnyObject & Sendable).self)
    }

    func find<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Series? {
        slot(of: key, hash: hash).flatMap { owners[$0] }
    }

    @inline(__always)
    private func slot<Key: SeriesKey>(of key: Key, hash: UInt64) -> Int? {
        let mask = hashes.count &- 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            guard let stored = keys[index] else { return nil }
            if hashes[index] == hash, stored != Self.tombstone, key.matches(stored) { return index }
            index = (index &+ 1) & mask
        }
    }

    /// Adds `series`; `countsTowardLimit` is `false` for the overflow series.
    mutating func insert(_ series: Series, hash: UInt64, countsTowardLimit: Bool = true) {
        if (used + 1) * 2 > hashes.count { rehash() }
        place(series, hash: hash)
        if countsTowardLimit { liveCount += 1 } else { overflow = series }
        sortedCache = nil
    }

    private mutating func place(_ series: Series, hash: UInt64) {
        let mask = hashes.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let stored = keys[index], stored != Self.tombstone { index = (index + 1) & mask }
        if keys[index] == nil { used += 1 }
        keys[index] = UnsafeRawPointer(series.key)
        hashes[index] = hash
        instruments[index] = Unmanaged.passUnretained(series.instrument as AnyObject)
        owners[index] = series
    }

    mutating func remove<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Bool {
        guard let index = slot(of: key, hash: hash) else { return false }
        if let overflow, owners[index] === overflow {
            self.overflow = nil
        } else {
            liveCount -= 1
        }
        keys[index] = Self.tombstone
        instruments[index] = nil
        owners[index] = nil
        sortedCache = nil
        // Shrink once at most one slot in eight holds a series, so removing series one by one
        // gives their memory back (a new table of about four slots per series: growing again
        // takes as many insertions as there are series, so the cost stays amortized).
        if hashes.count > Self.minimumCapacity, occupied * 8 < hashes.count { rehash() }
        return true
    }

    /// Slots in the table, occupied or not (for tests and memory accounting).
    var capacity: Int { hashes.count }

    /// Series in the table, the overflow series included.
    private var occupied: Int { liveCount + (overflow == nil ? 0 : 1) }

    private static var minimumCapacity: Int { 8 }

    mutating func removeAll() {
        self = SeriesTable()
    }

    /// Every series (and the overflow series, if any), sorted by rendered labels.
    mutating func sorted() -> SortedSeries {
        if let sortedCache { return sortedCache }
        let packed = SortedSeries(Series.sorted(owners.compactMap { $0 }))
        sortedCache = packed
        return packed
    }

    /// A table of the smallest power-of-two capacity of at least four slots per series (and one
    /// to come), without tombstones: grows full tables and shrinks sparse ones.
    private mutating func rehash() {
        var capacity = Self.minimumCapacity
        while (occupied + 1) * 4 > capacity { capacity *= 2 }
        let old = self
        var fresh = SeriesTable(capacity: capacity)
        for (index, series) in old.owners.enumerated() {
            guard let series else { continue }
            fresh.place(series, hash: old.hashes[index])
        }
        fresh.liveCount = old.liveCount
        fresh.overflow = old.overflow
        fresh.sortedCache = old.sortedCache
        self = fresh
    }
}
