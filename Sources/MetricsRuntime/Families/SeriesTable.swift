/// An open-addressing hash table of series, keyed by label values; guarded by its family's lock.
///
/// Two parts: `slots`, the hash index (8 bytes a slot: 32 bits of the hash and the position of
/// the series in the dense arrays), and the dense arrays, one entry per series: `entries` (hash,
/// packed key, unowned instrument) for lookups and `owners`, which keeps the series alive. A
/// lookup reads only plain values, so a hit costs no reference counting beyond returning the
/// instrument; the table costs 2 – 4 slots (16 – 32 bytes) plus 32 bytes of dense entries per series.
///
/// `@unchecked Sendable`: the raw pointers point into series that `owners` keeps alive, and the
/// table is only ever used under its family's lock.
struct SeriesTable: @unchecked Sendable {
    /// Per slot: the high 32 bits of the hash above the 1-based position in the dense arrays;
    /// ``empty`` for a free slot, a position of ``removed`` for a series that was removed.
    private var slots: ContiguousArray<UInt64>
    private var entries = ContiguousArray<Entry>()
    private var owners = ContiguousArray<Series>()
    /// Slots that are not ``empty`` (live or removed).
    private var used = 0
    /// Series that are in the table now, the overflow series not included.
    private(set) var liveCount = 0
    /// The series sorted and packed for exposition; rebuilt after a change.
    private var sortedCache: SortedSeries? = .empty
    /// The overflow series (all values `__overflow__`) once the family has been full; it is in
    /// the table like any other series but does not count toward the limit.
    private var overflow: Series?

    private struct Entry {
        let hash: UInt64
        let key: UnsafeRawPointer
        let instrument: Unmanaged<AnyObject>
    }

    private static var empty: UInt64 { 0 }
    private static var removed: UInt64 { 0xFFFF_FFFF }
    private static var minimumCapacity: Int { 8 }

    init() {
        self.init(capacity: Self.minimumCapacity)
    }

    private init(capacity: Int) {
        slots = ContiguousArray(repeating: Self.empty, count: capacity)
    }

    @inline(__always)
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    /// The instrument of the series with this key, retained for the caller.
    @inline(__always)
    func findInstrument<Key: SeriesKey>(_ key: Key, hash: UInt64) -> (AnyObject & Sendable)? {
        guard let position = position(of: key, hash: hash) else { return nil }
        // Every instrument type is Sendable; the table only ever stores those.
        let instrument = entries.withUnsafeBufferPointer { $0[position].instrument }
        return unsafeBitCast(instrument.takeUnretainedValue(), to: (AnyObject & Sendable).self)
    }

    func find<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Series? {
        position(of: key, hash: hash).map { owners[$0] }
    }

    /// The dense position of the series with this key.
    @inline(__always)
    private func position<Key: SeriesKey>(of key: Key, hash: UInt64) -> Int? {
        slot(of: key, hash: hash).map { Int(truncatingIfNeeded: $0.value & 0xFFFF_FFFF) &- 1 }
    }

    /// The slot of the series with this key, and what it holds.
    @inline(__always)
    private func slot<Key: SeriesKey>(of key: Key, hash: UInt64) -> (index: Int, value: UInt64)? {
        let tag = Self.tag(hash)
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                let mask = slots.count &- 1
                var index = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let value = slots[index]
                    if value == Self.empty { return nil }
                    if value & 0xFFFF_FFFF_0000_0000 == tag, value & 0xFFFF_FFFF != Self.removed {
                        let entry = entries[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1]
                        if entry.hash == hash, key.matches(entry.key) { return (index, value) }
                    }
                    index = (index &+ 1) & mask
                }
            }
        }
    }

    /// Adds `series`; `countsTowardLimit` is `false` for the overflow series.
    mutating func insert(_ series: Series, countsTowardLimit: Bool = true) {
        if (used + 1) * 2 > slots.count { rehash(forOneMore: true) }
        owners.append(series)
        entries.append(Entry(hash: series.hash, key: series.key, instrument: Unmanaged.passUnretained(series.instrument as AnyObject)))
        place(hash: series.hash, position: owners.count)
        if countsTowardLimit { liveCount += 1 } else { overflow = series }
        sortedCache = nil
    }

    /// Points a free slot for `hash` at the 1-based dense `position`.
    private mutating func place(hash: UInt64, position: Int) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != Self.empty, slots[index] & 0xFFFF_FFFF != Self.removed { index = (index + 1) & mask }
        if slots[index] == Self.empty { used += 1 }
        slots[index] = Self.tag(hash) | UInt64(position)
    }

    mutating func remove<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Bool {
        guard let (index, value) = slot(of: key, hash: hash) else { return false }
        let position = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
        if let overflow, owners[position] === overflow {
            self.overflow = nil
        } else {
            liveCount -= 1
        }
        slots[index] = Self.removed
        // The last series moves into the freed dense position; its slot follows it.
        let last = owners.count - 1
        if position != last {
            let moved = entries[last]
            owners.swapAt(position, last)
            entries[position] = moved
            let mask = slots.count - 1
            var probe = Int(truncatingIfNeeded: moved.hash) & mask
            while slots[probe] != Self.tag(moved.hash) | UInt64(last + 1) { probe = (probe + 1) & mask }
            slots[probe] = Self.tag(moved.hash) | UInt64(position + 1)
        }
        owners.removeLast()
        entries.removeLast()
        sortedCache = nil
        // Shrink once at most one slot in eight holds a series, so removing series one by one
        // gives their memory back (a new table of about four slots per series: growing again
        // takes as many insertions as there are series, so the cost stays amortized).
        if slots.count > Self.minimumCapacity, owners.count * 8 < slots.count { rehash(forOneMore: false) }
        return true
    }

    /// Slots in the table, occupied or not (for tests and memory accounting).
    var capacity: Int { slots.count }

    mutating func removeAll() {
        self = SeriesTable()
    }

    /// Every series (and the overflow series, if any), sorted by rendered labels.
    mutating func sorted() -> SortedSeries {
        if let sortedCache { return sortedCache }
        let packed = SortedSeries(Series.sorted(Array(owners)))
        sortedCache = packed
        return packed
    }

    /// A hash index of the smallest power-of-two capacity of at least four slots per series (and
    /// one to come, when growing), without removed slots; the dense arrays are copied to their
    /// exact size when shrinking.
    private mutating func rehash(forOneMore growing: Bool) {
        var capacity = Self.minimumCapacity
        while (owners.count + (growing ? 1 : 0)) * 4 > capacity { capacity *= 2 }
        slots = ContiguousArray(repeating: Self.empty, count: capacity)
        used = 0
        if !growing {
            var keptOwners = ContiguousArray<Series>()
            keptOwners.reserveCapacity(owners.count)
            keptOwners.append(contentsOf: owners)
            var keptEntries = ContiguousArray<Entry>()
            keptEntries.reserveCapacity(entries.count)
            keptEntries.append(contentsOf: entries)
            owners = keptOwners
            entries = keptEntries
        }
        for (position, entry) in entries.enumerated() { place(hash: entry.hash, position: position + 1) }
    }
}
