import Synchronization

/// A registration's ``LabelTable``, kept until its series change: the series' label sets are
/// decoded once, not at every snapshot (as the exposition renders each series' labels once).
///
/// Only snapshots take its lock; recording never does.
final class SnapshotLabelCache: Sendable {
    private struct State {
        /// The series the table was built from; a new ``SortedSeries`` means the series changed.
        weak var sorted: SortedSeries?
        var table: LabelTable?
    }

    private let state = Mutex(State())

    init() {}

    /// The labels of `sorted` (`core`'s series as they are now), one row per series in order.
    func table(_ core: FamilyCore, _ sorted: SortedSeries) -> LabelTable {
        if let table = state.withLock({ $0.sorted === sorted ? $0.table : nil }) { return table }
        let table = LabelTable(core, sorted)
        state.withLock { $0 = State(sorted: sorted, table: table) }
        return table
    }
}

extension LabelTable {
    /// One row per series of `sorted`, decoded from the rendered label blocks with `core`'s layout.
    convenience init(_ core: FamilyCore, _ sorted: SortedSeries) {
        var layout = SnapshotLabels(core)
        let slots = layout.templates
        var columns = [Int]()
        columns.reserveCapacity(slots.count)
        var width = 0
        for fixed in layout.fixed {
            columns.append(fixed ? -1 : width)
            if !fixed { width += 1 }
        }
        var values = [String]()
        values.reserveCapacity(sorted.count * width)
        var exceptions = [[MetricLabel]?]()
        var scratch = [UInt8]()
        for (row, item) in sorted.series.enumerated() {
            let done = item.labelBlock(after: sorted.head(at: row)).withContiguousBytes(scratch: &scratch) { block -> [MetricLabel]? in
                if layout.appendVariableValues(block, to: &values) { return nil }
                // A variable label is absent (or, defensively, the block has another layout).
                return layout.labels(block) ?? SnapshotBuilder.labels(block, reusing: [])
            }
            guard let labels = done else { continue }
            if exceptions.isEmpty { exceptions = Array(repeating: nil, count: sorted.count) }
            exceptions[row] = labels
            values.append(contentsOf: repeatElement("", count: width))
        }
        self.init(slots: slots, columns: columns, width: width, values: values, exceptions: exceptions)
    }
}
