/// A family's series, keyed by label values: the writer's side, guarded by its family's lock.
///
/// Lookups of existing series read the ``SeriesIndex`` without the lock (``FamilyCore`` publishes
/// it); this table changes it and keeps what the index does not: `owners`, the series by dense
/// position (`nil` for one removed since the last rehash), which keeps them alive, and the sorted
/// cache for exposition. The index costs 2 – 4 slots (16 – 32 bytes) and 1 – 2 dense entries
/// (8 – 16 bytes) per series, and `owners` 8 bytes per dense position.
///
/// A change that readers might still be reading the old state of (a removed series, an index
/// replaced by a rehash) goes to ``retiredSeries`` / ``retiredIndexes``; ``FamilyCore`` frees
/// them after a grace period, at the end of the same locked write, so nothing accumulates.
///
/// `@unchecked Sendable`: the index points into series that `owners` (or the retired list)
/// keeps alive, and the table is only ever used under its family's lock.
struct SeriesTable: @unchecked Sendable {
    /// The index lookups read; replaced (and the old one retired) on rehash.
    private(set) var index: SeriesIndex
    private var owners = ContiguousArray<Series?>()
    /// Slots that are not empty (live or removed).
    private var used = 0
    /// Entries of `owners` that are `nil` (removed since the last rehash).
    private var holes = 0
    /// Series that are in the table now, the overflow series not included.
    private(set) var liveCount = 0
    /// The series sorted and packed for exposition; rebuilt after a change.
    private var sortedCache: SortedSeries? = .empty
    /// The overflow series (all values `__overflow__`) once the family has been full; it is in
    /// the table like any other series but does not count toward the limit.
    private var overflow: Series?
    /// Removed series and replaced indexes that lookups in flight may still read.
    private(set) var retiredSeries = [Series]()
    private(set) var retiredIndexes = [SeriesIndex]()

    /// How many label values a key packs, and the family's hash seed: a rehash recomputes each
    /// series' hash from its packed key (``PackedKey/hash(_:count:seed:)``) rather than every
    /// series keeping 8 bytes for it.
    private let labelCount: Int
    private let seed: UInt64

    private static var minimumCapacity: Int { 8 }

    init(labelCount: Int, seed: UInt64) {
        self.labelCount = labelCount
        self.seed = seed
        index = SeriesIndex.allocate(capacity: Self.minimumCapacity)
    }

    /// Whether a change since the last ``reclaim()`` needs a grace period before it is freed.
    var hasRetired: Bool { !retiredSeries.isEmpty || !retiredIndexes.isEmpty }

    /// Frees what was retired; only once no lookup can still read it.
    mutating func reclaim() {
        for retired in retiredIndexes { retired.deallocate() }
        retiredIndexes.removeAll()
        retiredSeries.removeAll()
    }

    /// Frees everything, retired or not (the family is gone: no lookup can be in flight).
    mutating func deallocate() {
        reclaim()
        index.deallocate()
    }

    func find<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Series? {
        index.slot(of: key, hash: hash).map { owners[Int(truncatingIfNeeded: $0.value & 0xFFFF_FFFF) - 1].unsafelyUnwrapped }
    }

    /// Adds `series`, whose key hashes to `hash`; `countsTowardLimit` is `false` for the overflow series.
    mutating func insert(_ series: Series, hash: UInt64, countsTowardLimit: Bool = true) {
        if (used + 1) * 2 > index.capacity || owners.count == index.entryCapacity { rehash(forOneMore: true) }
        index.write(Self.entry(series), at: owners.count)
        owners.append(series)
        if index.place(hash: hash, position: owners.count) { used += 1 }
        if countsTowardLimit { liveCount += 1 } else { overflow = series }
        sortedCache = nil
    }

    private static func entry(_ series: Series) -> SeriesIndex.Entry {
        SeriesIndex.Entry(series: Unmanaged.passUnretained(series))
    }

    /// Removes the series with this key: its slot is marked removed, its dense entry stays (a
    /// hole until the next rehash) and the series is retired.
    mutating func remove<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Bool {
        guard let (slot, value) = index.slot(of: key, hash: hash) else { return false }
        let position = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
        let series = owners[position].unsafelyUnwrapped
        if let overflow, series === overflow {
            self.overflow = nil
        } else {
            liveCount -= 1
        }
        index.markRemoved(slot: slot)
        owners[position] = nil
        holes += 1
        retiredSeries.append(series)
        sortedCache = nil
        // Shrink once at most one slot in eight holds a series, so removing series one by one
        // gives their memory back (a new index of about four slots per series: growing again
        // takes as many insertions as there are series, so the cost stays amortized).
        if index.capacity > Self.minimumCapacity, (owners.count - holes) * 8 < index.capacity { rehash(forOneMore: false) }
        return true
    }

    /// Slots in the index, occupied or not (for tests and memory accounting).
    var capacity: Int { index.capacity }

    /// Retires every series and the index, leaving an empty table.
    mutating func removeAll() {
        retiredSeries.append(contentsOf: owners.lazy.compactMap { $0 })
        retiredIndexes.append(index)
        index = SeriesIndex.allocate(capacity: Self.minimumCapacity)
        owners = []
        used = 0
        holes = 0
        liveCount = 0
        overflow = nil
        sortedCache = .empty
    }

    /// Every series (and the overflow series, if any), sorted by rendered labels; their bytes
    /// follow `prefix`, the family's.
    mutating func sorted(prefix: SeriesPrefix?) -> SortedSeries {
        if let sortedCache { return sortedCache }
        let packed = SortedSeries.sorting(owners.compactMap { $0 }, prefix: prefix)
        sortedCache = packed
        return packed
    }

    /// A new index of the smallest power-of-two capacity of at least four slots per series kept,
    /// without removed slots or holes; the old one is retired.
    ///
    /// An index grows when half its slots are used, so growing doubles it (a quarter used after,
    /// half before the next growth: 2 – 4 slots a series). Counting the series to come as well
    /// would quadruple it instead, and leave up to 8 slots a series. After removals, four slots
    /// per series kept leave room for as many insertions as series before the next rehash, so
    /// churn stays amortized.
    private mutating func rehash(forOneMore growing: Bool) {
        // Compacted in place: moving the references costs no reference counting.
        if holes > 0 { owners.removeAll { $0 == nil } }
        // Shrinking gives the positions' memory back too.
        if !growing, owners.capacity > 2 * owners.count { owners = ContiguousArray(owners) }
        var capacity = Self.minimumCapacity
        while owners.count * 4 > capacity { capacity *= 2 }
        let fresh = SeriesIndex.allocate(capacity: capacity)
        var used = 0
        let (labelCount, seed) = (labelCount, seed)
        owners.withUnsafeBufferPointer { kept in
            for position in kept.indices {
                let series = Unmanaged.passUnretained(kept[position].unsafelyUnwrapped)
                fresh.write(SeriesIndex.Entry(series: series), at: position)
                let hash = series._withUnsafeGuaranteedRef { PackedKey.hash($0.key, count: labelCount, seed: seed) }
                if fresh.place(hash: hash, position: position + 1) { used += 1 }
            }
        }
        self.used = used
        retiredIndexes.append(index)
        index = fresh
        holes = 0
    }
}
