/// A family's series in exposition order, built when the series set changes, then reused.
///
/// It holds only the series themselves, in order (8 bytes a series): the sample lines and the
/// instruments are read from each series, so the cache copies no line.
final class SortedSeries: @unchecked Sendable {
    // @unchecked: immutable after init.

    /// No series.
    static let empty = SortedSeries([])

    /// The series in exposition order; keeps them (their lines and instruments) alive.
    let series: [Series]
    /// The bytes of every series' sample line together (sizes the writers' buffer).
    let lineBytes: Int

    /// Keeps `sorted`, which is already in exposition order.
    init(_ sorted: [Series]) {
        series = sorted
        lineBytes = sorted.reduce(0) { $0 + $1.sampleLine.count }
    }

    var count: Int { series.count }

    /// Calls `body` with each series and its instrument in order, with no reference counting per
    /// series: both are borrowed from `series`, which keeps them alive.
    @inline(__always)
    func forEach(_ body: (_ index: Int, _ series: Series, _ instrument: AnyObject) -> Void) {
        series.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Unmanaged<Series>.self) { items in
                for index in items.indices {
                    items[index]._withUnsafeGuaranteedRef { item in
                        item.unretainedInstrument._withUnsafeGuaranteedRef { body(index, item, $0) }
                    }
                }
            }
        }
    }

    /// The series of same-named registrations merged in exposition order (the cached table of a
    /// single registration as is).
    static func merged(_ cores: ArraySlice<FamilyCore>) -> SortedSeries {
        guard let first = cores.first else { return .empty }
        return cores.count == 1 ? first.sortedSeries() : SortedSeries(Series.sorted(cores.flatMap { $0.sortedSeries().series }))
    }
}
