/// One time series: its label values, its pre-rendered label bytes and its instrument.
final class Series: @unchecked Sendable {
    // @unchecked: every stored property is immutable; `key` is allocated in init, never written
    // afterwards and freed in deinit.

    /// Variable label values, in the family's `labelNames` order (empty for unlabeled metrics).
    let labelValues: [String]
    /// Every label of the series (automatic, constant and variable), sorted by name and rendered
    /// as `a="x",b="y"` without braces; empty when the series has no labels.
    let labelBlock: [UInt8]
    /// The `Counter`, `IntCounter`, `Gauge`, `IntGauge` or `Histogram` that records values.
    let instrument: AnyObject & Sendable
    /// When the series was created, in seconds since the Unix epoch (OpenMetrics `_created`).
    let created: Double
    /// The label values packed as `[UInt32 length][UTF-8 bytes]…`, compared on lookups without
    /// touching any reference-counted object.
    let key: UnsafeMutableRawPointer

    init(labelValues: [String], labelBlock: [UInt8], instrument: AnyObject & Sendable, created: Double) {
        self.labelValues = labelValues
        self.labelBlock = labelBlock
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
    }

    /// Orders series by their rendered labels, byte for byte: deterministic and cheap.
    static func ordered(_ left: Series, _ right: Series) -> Bool {
        left.labelBlock.lexicographicallyPrecedes(right.labelBlock)
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
    /// The series sorted for exposition; rebuilt after a change.
    private var sortedCache: [Series]? = []
    /// The series that takes every new label combination once the family is full.
    private(set) var overflow: Series?

    private static var tombstone: UnsafeRawPointer { UnsafeRawPointer(bitPattern: 1).unsafelyUnwrapped }

    init() {
        self.init(capacity: 8)
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

    mutating func insert(_ series: Series, hash: UInt64) {
        if (used + 1) * 2 > hashes.count { rehash() }
        place(series, hash: hash)
        liveCount += 1
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
        keys[index] = Self.tombstone
        instruments[index] = nil
        owners[index] = nil
        liveCount -= 1
        sortedCache = nil
        return true
    }

    mutating func removeAll() {
        self = SeriesTable()
    }

    /// Every series (and the overflow series, if any), sorted by rendered labels.
    mutating func sorted() -> [Series] {
        if let sortedCache { return sortedCache }
        var all = owners.compactMap { $0 }
        if let overflow { all.append(overflow) }
        all.sort(by: Series.ordered)
        sortedCache = all
        return all
    }

    mutating func setOverflow(_ series: Series) {
        overflow = series
        sortedCache = nil
    }

    private mutating func rehash() {
        var capacity = 8
        while (liveCount + 1) * 4 > capacity { capacity *= 2 }
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
