/// A family's series in exposition order, packed for scraping: every pre-rendered sample line
/// back to back in one buffer and the instruments beside them, so a scrape reads memory in order
/// and touches only each instrument at random. Built when the series set changes, then reused.
final class SortedSeries: @unchecked Sendable {
    // @unchecked: immutable after init; `instruments` are unowned references kept alive by `series`.

    /// No series.
    static let empty = SortedSeries([])

    let series: [Series]
    let lines: [UInt8]
    /// Where each series' line ends in `lines`.
    let lineEnds: [Int]
    let instruments: [Unmanaged<AnyObject>]
    let longestLine: Int

    /// Packs `sorted`, which is already in exposition order.
    init(_ sorted: [Series]) {
        series = sorted
        var lines = [UInt8]()
        lines.reserveCapacity(sorted.reduce(0) { $0 + $1.sampleLine.count })
        var ends = [Int]()
        ends.reserveCapacity(sorted.count)
        var longest = 0
        for item in sorted {
            lines.append(raw: item.sampleLine)
            ends.append(lines.count)
            longest = max(longest, item.sampleLine.count)
        }
        self.lines = lines
        lineEnds = ends
        instruments = sorted.map { Unmanaged.passUnretained($0.instrument as AnyObject) }
        longestLine = longest
    }

    var count: Int { series.count }

    /// The series of same-named registrations merged in exposition order (the cached table of a
    /// single registration as is).
    static func merged(_ cores: ArraySlice<FamilyCore>) -> SortedSeries {
        guard let first = cores.first else { return .empty }
        return cores.count == 1 ? first.sortedSeries() : SortedSeries(Series.sorted(cores.flatMap { $0.sortedSeries().series }))
    }
}
