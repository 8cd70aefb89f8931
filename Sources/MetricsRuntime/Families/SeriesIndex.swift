import Synchronization

/// The part of a family's series table that lookups read without taking the family's lock: a
/// hash index of `capacity` slots over `capacity / 2` dense entries, in one allocation.
///
/// Layout: `[capacity: Int][slots: capacity × Atomic<UInt64>][entries: capacity / 2 × Entry]`.
/// A slot holds the high 32 bits of a series' hash above its 1-based dense position; ``empty``
/// for a free slot, ``removed`` for a series that was removed. Lock-free readers rely on four
/// rules the writer (``SeriesTable``, under the family's lock) keeps:
/// - an entry is written before the slot that points to it is stored (release), so a reader
///   that loads a slot (acquire) reads a complete entry; it is written again only to mark its
///   series removed (``markRemoved(entry:)``), which keeps the pointer readers follow;
/// - a slot only goes from empty to a series, from a series to ``removed``, or from ``removed``
///   to a series, so probing always ends (at most half the slots are in use);
/// - a removed series keeps its dense entry (a hole) until the next rehash, which copies the
///   live series into a new index;
/// - an index that readers might still hold, and every series removed from it, is freed only
///   after a grace period (``ReaderEpochs``).
///
/// A plain value: the allocation is freed explicitly (``deallocate()``), never by reference counting.
struct SeriesIndex: @unchecked Sendable {
    // @unchecked: a pointer to memory whose sharing follows the rules above.

    /// A series, as the bits of its address: the entry owns one strong reference to it (the
    /// table's, which keeps it alive) until the series is removed, when the reference moves to
    /// the table's retired list and the entry is marked with its lowest bit (objects are aligned,
    /// so the bit is free). A lookup that reached the entry through a slot before the slot was
    /// marked removed still finds the series. Its packed key and instrument are read from the
    /// series itself: a lookup compares the key there anyway, so copying them here would only
    /// cost memory. A slot's 32-bit hash tag rejects almost every other series before that
    /// compare; the full hash is not kept anywhere (a rehash recomputes it from the key).
    typealias Entry = Atomic<UInt>

    /// The lowest bit of an entry: its series was removed (the entry no longer owns it).
    static var removedEntry: UInt { 1 }

    let base: UnsafeMutableRawPointer

    static var empty: UInt64 { 0 }
    static var removed: UInt64 { 0xFFFF_FFFF }
    private static var header: Int { MemoryLayout<Int>.stride }

    /// A new index of `capacity` (a power of two, at least 2) empty slots.
    static func allocate(capacity: Int) -> SeriesIndex {
        let byteCount = header + capacity * MemoryLayout<UInt64>.stride + capacity / 2 * MemoryLayout<Entry>.stride
        let base = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: MemoryLayout<UInt64>.alignment)
        base.storeBytes(of: capacity, as: Int.self)
        let slots = (base + header).bindMemory(to: Atomic<UInt64>.self, capacity: capacity)
        for index in 0..<capacity { (slots + index).initialize(to: Atomic(empty)) }
        let entries = (base + header + capacity * MemoryLayout<UInt64>.stride).bindMemory(to: Entry.self, capacity: capacity / 2)
        for index in 0..<capacity / 2 { (entries + index).initialize(to: Entry(0)) }
        return SeriesIndex(base: base)
    }

    init(base: UnsafeMutableRawPointer) {
        self.base = base
    }

    func deallocate() {
        base.deallocate()
    }

    /// Slots in the index.
    @inline(__always)
    var capacity: Int { base.load(as: Int.self) }

    /// Dense entries the index has room for.
    var entryCapacity: Int { capacity / 2 }

    @inline(__always)
    private var slots: UnsafeMutablePointer<Atomic<UInt64>> {
        (base + Self.header).assumingMemoryBound(to: Atomic<UInt64>.self)
    }

    @inline(__always)
    private var entries: UnsafeMutablePointer<Entry> {
        (base + Self.header + capacity &* MemoryLayout<UInt64>.stride).assumingMemoryBound(to: Entry.self)
    }

    @inline(__always)
    static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFFFF_FFFF_0000_0000 }

    /// The slot of the series with this key and what it holds (safe for lock-free readers).
    @inline(__always)
    func slot<Key: SeriesKey>(of key: Key, hash: UInt64) -> (index: Int, value: UInt64)? {
        let tag = Self.tag(hash)
        let slots = slots
        let entries = entries
        let mask = capacity &- 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[index].load(ordering: .acquiring)
            if value == Self.empty { return nil }
            if value & 0xFFFF_FFFF_0000_0000 == tag, value & 0xFFFF_FFFF != Self.removed {
                let series = Self.series(entries[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1].load(ordering: .relaxed))
                if series._withUnsafeGuaranteedRef({ key.matches($0.key) }) { return (index, value) }
            }
            index = (index &+ 1) & mask
        }
    }

    /// The unretained instrument of the series with this key (safe for lock-free readers).
    @inline(__always)
    func instrument<Key: SeriesKey>(of key: Key, hash: UInt64) -> Unmanaged<AnyObject>? {
        guard let (_, value) = slot(of: key, hash: hash) else { return nil }
        return Self.series(entries[Int(truncatingIfNeeded: value & 0xFFFF_FFFF) &- 1].load(ordering: .relaxed))
            ._withUnsafeGuaranteedRef { $0.unretainedInstrument }
    }

    /// The series of an entry's bits, removed or not.
    @inline(__always)
    static func series(_ bits: UInt) -> Unmanaged<Series> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: bits & ~removedEntry).unsafelyUnwrapped)
    }

    // Writer side: only under the family's lock.

    /// Stores `series` at 0-based dense `position` (not yet pointed to by any slot); the entry
    /// takes over one strong reference the caller gives up.
    func write(owning series: Unmanaged<Series>, at position: Int) {
        entries[position].store(UInt(bitPattern: series.toOpaque()), ordering: .relaxed)
    }

    /// The bits of the entry at 0-based `position`: a series' address, with ``removedEntry``
    /// set once it was removed.
    func entry(at position: Int) -> UInt {
        entries[position].load(ordering: .relaxed)
    }

    /// Marks the entry at `position` removed; the caller takes over its strong reference.
    func markRemoved(entry position: Int) {
        entries[position].store(entries[position].load(ordering: .relaxed) | Self.removedEntry, ordering: .relaxed)
    }

    /// Points a free (empty or removed) slot for `hash` at the 1-based dense `position`;
    /// `true` if the slot was empty (one more slot in use).
    func place(hash: UInt64, position: Int) -> Bool {
        let slots = slots
        let mask = capacity - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[index].load(ordering: .relaxed)
            if value == Self.empty || value & 0xFFFF_FFFF == Self.removed { break }
            index = (index + 1) & mask
        }
        let wasEmpty = slots[index].load(ordering: .relaxed) == Self.empty
        slots[index].store(Self.tag(hash) | UInt64(position), ordering: .releasing)
        return wasEmpty
    }

    /// Marks the slot at `index` removed.
    func markRemoved(slot index: Int) {
        slots[index].store(Self.removed, ordering: .releasing)
    }
}
