#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The series of one registration: a family's descriptor, its fixed labels (automatic and
/// constant), and its series table behind a lock of its own.
///
/// An unlabeled metric is a family with no label names and exactly one series. Every registered
/// metric is one `FamilyCore`, so exposition treats them all alike.
final class FamilyCore: Sendable {
    // Stored properties are laid out in declaration order. What every lookup reads comes first;
    // the read-only ones after it are more than 64 bytes, so the lock in `table`, which scrapes
    // and creations take, never shares a cache line with `published` (a padding field used to
    // do that, 64 bytes a family).

    /// The index of ``table`` that lookups of existing series read without the lock
    /// (``SeriesIndex``), published by writers under the lock.
    private let published: Atomic<UInt>
    /// Grace periods for what lock-free lookups may still read (``ReaderEpochs``).
    private let epochs = ReaderEpochs()
    private let labelCount: Int
    private let seed: UInt64

    let descriptor: MetricDescriptor
    /// Automatic and constant labels, sorted by name.
    let fixedLabels: [(String, String)]
    let layout: BucketLayout?
    let node: ObjectIdentifier
    private let plan: LabelRenderPlan
    /// The name's UTF-8 bytes (the family text's copy).
    var nameBytes: UnsafeRawBufferPointer { text.name }
    /// The family's header lines and sample names, rendered once.
    let text: FamilyText
    private let limit: Int
    /// The runtime this family reports to (a wrong label count, a lookup sent to the overflow
    /// series), weakly: nodes keep it alive, not families. One weak reference rather than two
    /// closures, which would be two allocations per family. `nil` for a detached family.
    private weak let runtime: RuntimeCore?
    /// Whether the family belongs to no runtime; it reports to the default error handler.
    private let detached: Bool

    /// The series, and what is derived from them for exposition and snapshots.
    private let table: Mutex<SeriesTable>
    private let facade = Mutex(WeakFacade())

    /// Holds the public family object weakly, so asking for an identical family again returns
    /// the same object while anyone still holds it.
    private struct WeakFacade: @unchecked Sendable {
        weak var object: AnyObject?
    }

    init(
        descriptor: MetricDescriptor, fixedLabels: [(String, String)], node: ObjectIdentifier, limit: Int, runtime: RuntimeCore?
    ) {
        self.descriptor = descriptor
        self.fixedLabels = fixedLabels
        self.node = node
        // A metric without labels has exactly one series; the limit is for label combinations.
        self.limit = descriptor.labelNames.isEmpty ? Int.max : limit
        self.runtime = runtime
        detached = runtime == nil
        labelCount = descriptor.labelNames.count
        plan = LabelRenderPlan(fixed: fixedLabels, variable: descriptor.labelNames)
        text = FamilyText(descriptor, sharedLabels: plan.renderLeadingFixed())
        layout = descriptor.buckets.map(BucketLayout.init)
        seed = LabelHash.processSeed
        let initial = SeriesTable()
        published = Atomic(UInt(bitPattern: initial.index.base))
        table = Mutex(initial)
        if descriptor.labelNames.isEmpty { _ = series(ArrayKey(values: [])) }
    }

    deinit {
        table.withLock { $0.deallocate() }
    }

    /// The public family object for this registration: the existing one while it is alive.
    func vec<Instrument>(as type: Instrument.Type) -> MetricVec<Instrument> {
        facade.withLock { facade in
            if let existing = facade.object { return unsafeDowncast(existing, to: MetricVec<Instrument>.self) }
            let created = MetricVec<Instrument>(core: self)
            facade.object = created
            return created
        }
    }

    private func report(_ error: MetricsError) {
        if let runtime {
            runtime.report(error)
        } else if detached {
            MetricsConfiguration().errorHandler(error)
        }
    }

    /// A new instrument of this family's kind, not yet in the table.
    func makeInstrument() -> AnyObject & Sendable {
        switch descriptor.kind {
        case .counter: return Counter()
        case .intCounter: return IntCounter()
        case .gauge: return Gauge()
        case .intGauge: return IntGauge()
        case .histogram: return Histogram(layout: layout ?? BucketLayout(Buckets.defaults))
        }
    }

    /// The instrument for `key`, created on first use; a detached one (reported) for a wrong
    /// label count; the overflow series once the family is full.
    @inline(__always)
    func instrument<Key: SeriesKey>(_ key: Key) -> AnyObject & Sendable {
        guard key.count == labelCount else {
            report(.labelCountMismatch(metric: descriptor.name, expected: descriptor.labelNames, got: key.count))
            return makeInstrument()
        }
        let hash = key.hash(seed: seed)
        if let found = existingInstrument(key, hash: hash) { return found }
        return series(key, hash: hash).instrument
    }

    /// The instrument of an existing series, retained for the caller, found without the lock:
    /// between ``ReaderEpochs/enter()`` and ``ReaderEpochs/exit(_:)`` the published index and
    /// every series it points to stay allocated (``SeriesIndex`` states the writer's rules).
    @inline(__always)
    private func existingInstrument<Key: SeriesKey>(_ key: Key, hash: UInt64) -> (AnyObject & Sendable)? {
        let parity = epochs.enter()
        let index = SeriesIndex(base: UnsafeMutableRawPointer(bitPattern: published.load(ordering: .acquiring)).unsafelyUnwrapped)
        // Retained before exit: after it the series may be freed.
        let found = index.instrument(of: key, hash: hash)?.retain()
        epochs.exit(parity)
        // Every instrument type is Sendable; the table only ever stores those.
        return found.map { unsafeBitCast($0.takeRetainedValue(), to: (AnyObject & Sendable).self) }
    }

    /// Runs `body` under the lock, then publishes the index it left and frees what it retired
    /// once no lookup can still read it (after a grace period, still under the lock).
    private func write<Result>(_ body: (inout SeriesTable) -> Result) -> Result {
        table.withLock { table in
            let result = body(&table)
            if table.hasRetired {
                published.store(UInt(bitPattern: table.index.base), ordering: .releasing)
                epochs.waitForReaders()
                table.reclaim()
            }
            return result
        }
    }

    /// The series for `key`, created on first use (the slow path).
    func series<Key: SeriesKey>(_ key: Key) -> Series {
        series(key, hash: key.hash(seed: seed))
    }

    private func series<Key: SeriesKey>(_ key: Key, hash: UInt64) -> Series {
        var overflowed = false
        let result = write { table -> Series.Sending in
            if let existing = table.find(key, hash: hash) { return Series.Sending(existing) }
            if table.liveCount >= limit {
                overflowed = true
                // One overflow series per family; a user value spelled `__overflow__` is the
                // same series, never a duplicate.
                let overflowKey = ArrayKey(values: Array(repeating: "__overflow__", count: key.count))
                let overflowHash = overflowKey.hash(seed: seed)
                if let overflow = table.find(overflowKey, hash: overflowHash) { return Series.Sending(overflow) }
                let overflow = makeSeries(overflowKey)
                table.insert(overflow, hash: overflowHash, countsTowardLimit: false, hasher: hasher)
                return Series.Sending(overflow)
            }
            let created = makeSeries(key)
            table.insert(created, hash: hash, hasher: hasher)
            return Series.Sending(created)
        }
        if overflowed { runtime?.countOverflow(of: descriptor.name) }
        return result.series
    }

    private func makeSeries<Key: SeriesKey>(_ key: Key) -> Series {
        Series.make(
            key, name: nameBytes, plan: plan, prefixed: text.sharedLine != nil, instrument: makeInstrument(), created: WallClock.now())
    }

    /// How this family's packed keys hash (a rehash recomputes them).
    private var hasher: PackedKeyHasher { PackedKeyHasher(labelCount: labelCount, seed: seed) }

    /// The start of the sample lines every series shares (nil when there is none): a view of
    /// ``text``, so not stored twice.
    private var prefix: SeriesPrefix? { SeriesPrefix(text) }

    /// Removes the series with these label values; `false` if there was none.
    func remove<Key: SeriesKey>(_ key: Key) -> Bool {
        guard key.count == labelCount else { return false }
        let hash = key.hash(seed: seed)
        let hasher = hasher
        return write { $0.remove(key, hash: hash, hasher: hasher) }
    }

    /// Slots of the series table, a measure of the memory it holds (tests).
    var tableCapacity: Int {
        table.withLock { $0.capacity }
    }

    /// Removes every series.
    func removeAll() {
        write { $0.removeAll() }
    }

    /// The series sorted and packed for exposition (cached until the next change).
    func sortedSeries() -> SortedSeries {
        table.withLock { $0.sorted { prefix } }
    }

    /// The series' label sets for snapshots, one row per series of `sorted` (this family's
    /// current order): decoded once, then kept with the sorted series until they change (as
    /// exposition renders each series' labels once). Decoded outside the lock.
    func snapshotLabels(_ sorted: SortedSeries) -> LabelTable {
        if let kept = table.withLock({ $0.labelTable(for: sorted) }) { return kept }
        let decoded = LabelTable(self, sorted)
        table.withLock { $0.keep(decoded, for: sorted) }
        return decoded
    }

    /// `cores` sorted by name, byte for byte; same-named ones keep their order.
    static func sortedByName(_ cores: [FamilyCore]) -> [FamilyCore] {
        var order = Array(cores.indices)
        order.sort { left, right in
            let a = cores[left].nameBytes
            let b = cores[right].nameBytes
            let common = min(a.count, b.count)
            let comparison = common == 0 ? 0 : memcmp(a.baseAddress.unsafelyUnwrapped, b.baseAddress.unsafelyUnwrapped, common)
            if comparison != 0 { return comparison < 0 }
            if a.count != b.count { return a.count < b.count }
            return left < right
        }
        return order.map { cores[$0] }
    }

    /// Label values in `labelNames` order from a name → value map.
    func orderedValues(_ labels: [String: String]) throws(MetricsError) -> [String] {
        for name in labels.keys where !descriptor.labelNames.contains(name) {
            throw .unknownLabelName(name, metric: descriptor.name, expected: descriptor.labelNames)
        }
        var values = [String]()
        values.reserveCapacity(descriptor.labelNames.count)
        for name in descriptor.labelNames {
            guard let value = labels[name] else { throw .missingLabelValue(name, metric: descriptor.name) }
            values.append(value)
        }
        return values
    }

    func checkCount(_ count: Int) throws(MetricsError) {
        guard count == descriptor.labelNames.count else {
            throw .labelCountMismatch(metric: descriptor.name, expected: descriptor.labelNames, got: count)
        }
    }
}
