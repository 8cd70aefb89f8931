/// Decoding a registration's series labels for snapshots, once per series set: the family keeps
/// the table with its sorted series (``FamilyCore/snapshotLabels(_:)``) until they change, so a
/// snapshot decodes no label a previous one already did.
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
