/// A family's series, keyed by label values: the writer's side, guarded by its family's lock.
///
/// Lookups of existing series read the ``SeriesIndex`` without the lock (``FamilyCore`` publishes
/// it); this table changes it and keeps what the index does not: the sorted cache for exposition,
/// the label sets a snapshot decoded from it, and the bookkeeping below. The index's dense
/// entries own the series (one strong reference each, ``SeriesIndex/Entry``), so no second array
/// of them is kept. The index costs 2 – 4 slots (16 – 32 bytes) and 1 – 2 dense entries
/// (8 – 16 bytes) per series.
///
/// A change that readers might still be reading the old state of (a removed series, an index
/// replaced by a rehash) goes to ``retiredSeries`` / ``retiredIndexes``; ``FamilyCore`` frees
/// them after a grace period, at the end of the same locked write, so nothing accumulates.
///
/// `@unchecked Sendable`: the index owns its series by raw references (the retired list holds
/// the removed ones), and the table is only ever used under its family's lock.
struct SeriesTable: @unchecked Sendable {
    /// The index lookups read; replaced (and the old one retired) on rehash.
    private(set) var index: SeriesIndex
    /// Dense positions in use (live series and holes), slots that are not empty (live or
    /// removed), dense entries marked removed since the last rehash, and the series in the table
    /// now without the overflow series. 32 bits each: a family of 2³¹ series would need hundreds
    /// of gigabytes, and every family keeps these.
    private var storedDense: Int32 = 0
    private var storedUsed: Int32 = 0
    private var storedHoles: Int32 = 0
    private var storedLiveCount: Int32 = 0
    /// The series sorted and packed for exposition; rebuilt after a change, which also drops
    /// the snapshot labels decoded from it.
    private var sortedCache: SortedSeries? = .empty {
        didSet { labelTable = nil }
    }
    /// The label sets of ``sortedCache``'s series for snapshots, once a snapshot asked
    /// (``FamilyCore/snapshotLabels(_:)``).
    private var labelTable: LabelTable?
    /// The overflow series (all values `__overflow__`) once the family has been full; it is in
    /// the table like any other series but does not count toward the limit.
    private var overflow: Series?
    /// Removed series and replaced indexes that lookups in flight may still read.
    private(set) var retiredSeries = [Series]()
    private(set) var retiredIndexes = [SeriesIndex]()

    private var dense: Int {
        get { Int(storedDense) }
        set { storedDense = Int32(truncatingIfNeeded: newValue) }
    }
    private var used: Int {
        get { Int(storedUsed) }
        set { storedUsed = Int32(truncatingIfNeeded: newValue) }
    }
    private var holes: Int {
        get { Int(storedHoles) }
        set { storedHoles = Int32(truncatingIfNeeded: newValue) }
    }
    /// Series that are in the table now, the overflow series not included.
    private(set) var liveCount: Int {
        get { Int(storedLiveCount) }
        set { storedLiveCount = Int32(truncatingIfNeeded: newValue) }
    }

    private static var minimumCapacity: Int { 8 }

    init() {
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
        forEachLive { $0.release() }
        reclaim()
        index.deallocate()
    }

    /// Calls `body` with every series the index owns, in dense order, without reference counting.
    private func forEachLive(_ body: (Unmanaged<Series>) -> Void) {
        for position in 0..<dense {
            let bits = index.entry(at: position)
            if bits & SeriesIndex.removedEntry == 0 { body(SeriesIndex.series(bits)) }
        }
    }

    func find<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Series? {
        index.slot(of: key, hash: hash).map {
            SeriesIndex.series(index.entry(at: Int(truncatingIfNeeded: $0.value & 0xFFFF_FFFF) - 1)).takeUnretainedValue()
        }
    }

    /// Adds `series`, whose key hashes to `hash`; `countsTowardLimit` is `false` for the
    /// overflow series. A rehash recomputes the series' hashes with `hasher`.
    mutating func insert(_ series: Series, hash: UInt64, countsTowardLimit: Bool = true, hasher: PackedKeyHasher) {
        if (used + 1) * 2 > index.capacity || dense == index.entryCapacity { rehash(hasher) }
        index.write(owning: Unmanaged.passRetained(series), at: dense)
        dense += 1
        if index.place(hash: hash, position: dense) { used += 1 }
        if countsTowardLimit { liveCount += 1 } else { overflow = series }
        sortedCache = nil
    }

    /// Removes the series with this key: its slot is marked removed, its dense entry stays (a
    /// hole until the next rehash) and the series is retired.
    mutating func remove<Key: SeriesKey>(_ key: Key, hash: UInt64, hasher: PackedKeyHasher) -> Bool {
        guard let (slot, value) = index.slot(of: key, hash: hash) else { return false }
        let position = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
        // The entry's reference moves to the retired list.
        let series = SeriesIndex.series(index.entry(at: position)).takeRetainedValue()
        if let overflow, series === overflow {
            self.overflow = nil
        } else {
            liveCount -= 1
        }
        index.markRemoved(slot: slot)
        index.markRemoved(entry: position)
        holes += 1
        retiredSeries.append(series)
        sortedCache = nil
        // Shrink once at most one slot in eight holds a series, so removing series one by one
        // gives their memory back (a new index of about four slots per series: growing again
        // takes as many insertions as there are series, so the cost stays amortized).
        if index.capacity > Self.minimumCapacity, (dense - holes) * 8 < index.capacity { rehash(hasher) }
        return true
    }

    /// Slots in the index, occupied or not (for tests and memory accounting).
    var capacity: Int { index.capacity }

    /// Retires every series and the index, leaving an empty table.
    mutating func removeAll() {
        var taken = [Series]()
        forEachLive { taken.append($0.takeRetainedValue()) }
        retiredSeries.append(contentsOf: taken)
        retiredIndexes.append(index)
        index = SeriesIndex.allocate(capacity: Self.minimumCapacity)
        dense = 0
        used = 0
        holes = 0
        liveCount = 0
        overflow = nil
        sortedCache = .empty
    }

    /// Every series (and the overflow series, if any), sorted by rendered labels; their bytes
    /// follow `prefix()`, the family's (asked for only when the order is rebuilt).
    mutating func sorted(prefix: () -> SeriesPrefix?) -> SortedSeries {
        if let sortedCache { return sortedCache }
        var live = [Series]()
        live.reserveCapacity(dense - holes)
        forEachLive { live.append($0.takeUnretainedValue()) }
        let packed = SortedSeries.sorting(live, prefix: prefix())
        sortedCache = packed
        return packed
    }

    /// The snapshot labels decoded from `sorted`, if they were kept and `sorted` is still the
    /// current order.
    func labelTable(for sorted: SortedSeries) -> LabelTable? {
        sortedCache === sorted ? labelTable : nil
    }

    /// Keeps `table`, decoded from `sorted`, unless the series changed meanwhile.
    mutating func keep(_ table: LabelTable, for sorted: SortedSeries) {
        if sortedCache === sorted { labelTable = table }
    }

    /// A new index of the smallest power-of-two capacity of at least four slots per series kept,
    /// without removed slots or holes; the old one is retired.
    ///
    /// An index grows when half its slots are used, so growing doubles it (a quarter used after,
    /// half before the next growth: 2 – 4 slots a series). Counting the series to come as well
    /// would quadruple it instead, and leave up to 8 slots a series. After removals, four slots
    /// per series kept leave room for as many insertions as series before the next rehash, so
    /// churn stays amortized.
    private mutating func rehash(_ hasher: PackedKeyHasher) {
        let kept = dense - holes
        var capacity = Self.minimumCapacity
        while kept * 4 > capacity { capacity *= 2 }
        let fresh = SeriesIndex.allocate(capacity: capacity)
        var used = 0
        var position = 0
        // The live entries' references move to the new index, compacted; the old index keeps
        // its bits for lookups in flight but owns nothing any more.
        forEachLive { series in
            fresh.write(owning: series, at: position)
            position += 1
            let hash = series._withUnsafeGuaranteedRef { hasher.hash($0.key) }
            if fresh.place(hash: hash, position: position) { used += 1 }
        }
        self.used = used
        retiredIndexes.append(index)
        index = fresh
        dense = kept
        holes = 0
    }
}

/// How a family hashes a packed key (``PackedKey/hash(_:count:seed:)``): a rehash recomputes
/// each series' hash from its key rather than every series keeping 8 bytes for it.
struct PackedKeyHasher {
    let labelCount: Int
    let seed: UInt64

    @inline(__always)
    func hash(_ key: UnsafeRawPointer) -> UInt64 {
        PackedKey.hash(key, count: labelCount, seed: seed)
    }
}
