/// One time series: its label values, its pre-rendered label bytes and its instrument.
final class Series: Sendable {
    /// Variable label values, in the family's `labelNames` order (empty for unlabeled metrics).
    let labelValues: [String]
    /// Every label of the series (automatic, constant and variable), sorted by name and rendered
    /// as `a="x",b="y"` without braces; empty when the series has no labels.
    let labelBlock: [UInt8]
    /// The `Counter`, `IntCounter`, `Gauge`, `IntGauge` or `Histogram` that records values.
    let instrument: AnyObject & Sendable
    /// When the series was created, in seconds since the Unix epoch (OpenMetrics `_created`).
    let created: Double

    init(labelValues: [String], labelBlock: [UInt8], instrument: AnyObject & Sendable, created: Double) {
        self.labelValues = labelValues
        self.labelBlock = labelBlock
        self.instrument = instrument
        self.created = created
    }

    /// Orders series by their rendered labels, byte for byte: deterministic and cheap.
    static func ordered(_ left: Series, _ right: Series) -> Bool {
        left.labelBlock.lexicographicallyPrecedes(right.labelBlock)
    }
}

/// An open-addressing hash table of series, keyed by label values; guarded by its family's lock.
struct SeriesTable {
    private var slots: ContiguousArray<Series?>
    private var hashes: ContiguousArray<UInt64>
    private var tombstones: ContiguousArray<Bool>
    private var used = 0
    /// Series that are in the table now.
    private(set) var liveCount = 0
    /// The series sorted for exposition; rebuilt after a change.
    private var sortedCache: [Series]? = []
    /// The series that takes every new label combination once the family is full.
    var overflow: Series?

    init() {
        slots = ContiguousArray(repeating: nil, count: 8)
        hashes = ContiguousArray(repeating: 0, count: 8)
        tombstones = ContiguousArray(repeating: false, count: 8)
    }

    @inline(__always)
    func find<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Series? {
        let mask = slots.count &- 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            guard let series = slots[index] else {
                if !tombstones[index] { return nil }
                index = (index &+ 1) & mask
                continue
            }
            if hashes[index] == hash, key.matches(series.labelValues) { return series }
            index = (index &+ 1) & mask
        }
    }

    mutating func insert(_ series: Series, hash: UInt64) {
        if (used + 1) * 2 > slots.count { rehash() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] != nil { index = (index + 1) & mask }
        if !tombstones[index] { used += 1 }
        tombstones[index] = false
        slots[index] = series
        hashes[index] = hash
        liveCount += 1
        sortedCache = nil
    }

    mutating func remove<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Bool {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            guard let series = slots[index] else {
                if !tombstones[index] { return false }
                index = (index + 1) & mask
                continue
            }
            if hashes[index] == hash, key.matches(series.labelValues) {
                slots[index] = nil
                tombstones[index] = true
                liveCount -= 1
                sortedCache = nil
                return true
            }
            index = (index + 1) & mask
        }
    }

    mutating func removeAll() {
        self = SeriesTable()
    }

    /// Every series (and the overflow series, if any), sorted by rendered labels.
    mutating func sorted() -> [Series] {
        if let sortedCache { return sortedCache }
        var all = slots.compactMap { $0 }
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
        let old = slots
        let oldHashes = hashes
        var capacity = 8
        while (liveCount + 1) * 4 > capacity { capacity *= 2 }
        slots = ContiguousArray(repeating: nil, count: capacity)
        hashes = ContiguousArray(repeating: 0, count: capacity)
        tombstones = ContiguousArray(repeating: false, count: capacity)
        used = 0
        let mask = capacity - 1
        for (offset, series) in old.enumerated() {
            guard let series else { continue }
            var index = Int(truncatingIfNeeded: oldHashes[offset]) & mask
            while slots[index] != nil { index = (index + 1) & mask }
            slots[index] = series
            hashes[index] = oldHashes[offset]
            used += 1
        }
    }
}
