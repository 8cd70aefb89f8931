/// A family's series in exposition order, built when the series set changes, then reused.
///
/// It holds the series themselves, in order (8 bytes a series), and what their bytes follow: the
/// family's ``SeriesPrefix`` (one for all), or, for same-named registrations merged, each
/// series' own head. The sample lines and the instruments are read from each series, so the
/// cache copies no line.
final class SortedSeries: @unchecked Sendable {
    // @unchecked: immutable after init.

    /// No series.
    static let empty = SortedSeries(sorted: [], prefix: nil)

    /// The series in exposition order; keeps them (their lines and instruments) alive.
    let series: [Series]
    /// The bytes of every series' sample line together (sizes the writers' buffer).
    let lineBytes: Int
    /// Each series' head, in order, when merged from several registrations; empty otherwise.
    private let heads: [SeriesHead]
    /// What keeps the heads' bytes alive: the registration's prefix (every series follows its
    /// head, read from it rather than stored: 32 bytes a family), or the merged registrations'
    /// caches (which keep theirs).
    private let prefix: SeriesPrefix?
    private let parts: [SortedSeries]

    /// A registration's series in exposition order; their bytes follow its `prefix`.
    static func sorting(_ series: [Series], prefix: SeriesPrefix?) -> SortedSeries {
        let head = prefix?.head ?? .none
        return SortedSeries(sorted: Series.order(series) { _ in head }.map { series[$0] }, prefix: prefix)
    }

    private init(sorted: [Series], prefix: SeriesPrefix?) {
        series = sorted
        heads = []
        self.prefix = prefix
        parts = []
        let sharedHead = prefix?.head ?? .none
        lineBytes = sorted.reduce(0) { $0 + $1.sampleLine(after: sharedHead).count }
    }

    private init(merged: [Series], heads: [SeriesHead], from parts: [SortedSeries]) {
        series = merged
        self.heads = heads
        prefix = nil
        self.parts = parts
        lineBytes = parts.reduce(0) { $0 + $1.lineBytes }
    }

    var count: Int { series.count }

    /// The head every series follows, when they share one (a single registration).
    @inline(__always)
    private var sharedHead: SeriesHead { prefix?.head ?? .none }

    /// What the series at `index` follows (its family's shared line start, if any).
    @inline(__always)
    func head(at index: Int) -> SeriesHead {
        heads.isEmpty ? sharedHead : heads[index]
    }

    /// The rendered labels of the series at `index`.
    func labelBlock(at index: Int) -> SplitBytes {
        series[index].labelBlock(after: head(at: index))
    }

    /// Calls `body` with each series, its head and its instrument in order, with no reference
    /// counting per series: all are borrowed from this object, which keeps them alive.
    @inline(__always)
    func forEach(_ body: (_ index: Int, _ series: Series, _ head: SeriesHead, _ instrument: AnyObject) -> Void) {
        let shared = heads.isEmpty
        let sharedHead = sharedHead
        heads.withUnsafeBufferPointer { heads in
            series.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: Unmanaged<Series>.self) { items in
                    for index in items.indices {
                        let head = shared ? sharedHead : heads[index]
                        items[index]._withUnsafeGuaranteedRef { item in
                            item.unretainedInstrument._withUnsafeGuaranteedRef { body(index, item, head, $0) }
                        }
                    }
                }
            }
        }
    }

    /// The series of same-named registrations merged in exposition order (the cached table of a
    /// single registration as is). Each registration's series keep their relative order.
    static func merged(_ cores: ArraySlice<FamilyCore>) -> SortedSeries {
        guard let first = cores.first else { return .empty }
        guard cores.count > 1 else { return first.sortedSeries() }
        return merging(cores.map { $0.sortedSeries() })
    }

    /// `parts` (each in exposition order) merged into one order.
    static func merging(_ parts: [SortedSeries]) -> SortedSeries {
        var all = [Series]()
        var allHeads = [SeriesHead]()
        let total = parts.reduce(0) { $0 + $1.count }
        all.reserveCapacity(total)
        allHeads.reserveCapacity(total)
        for part in parts {
            all.append(contentsOf: part.series)
            for index in 0..<part.count { allHeads.append(part.head(at: index)) }
        }
        let order = Series.order(all) { allHeads[$0] }
        return SortedSeries(merged: order.map { all[$0] }, heads: order.map { allHeads[$0] }, from: parts)
    }
}
