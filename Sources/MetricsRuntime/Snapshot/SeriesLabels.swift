/// The labels of one series, sorted by name: a random-access collection of ``MetricLabel``
/// indexed from 0.
///
/// A registration's label sets are built once, when its series change (at the first snapshot
/// after), into one table per registration; every later snapshot refers to that table, so taking
/// a snapshot copies and allocates no label strings. Behaves as an immutable array (compare with
/// `==`; `Array(labels)` copies it out).
public struct SeriesLabels: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private let table: LabelTable
    private let row: Int

    /// The labels of `array`, in order (a snapshot's are sorted by name).
    public init(_ array: [MetricLabel]) {
        table = LabelTable(array)
        row = 0
    }

    /// The labels listed, in order.
    public init(arrayLiteral elements: MetricLabel...) {
        self.init(elements)
    }

    /// Row `row` of `table`.
    init(table: LabelTable, row: Int) {
        self.table = table
        self.row = row
    }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of labels.
    public var endIndex: Int { table.count(row: row) }

    /// The label at `position`.
    public subscript(position: Int) -> MetricLabel {
        table.label(position, row: row)
    }

    /// Whether both have the same labels in the same order.
    public static func == (left: SeriesLabels, right: SeriesLabels) -> Bool {
        (left.table === right.table && left.row == right.row) || left.elementsEqual(right)
    }

    /// Hashes the labels in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for label in self { hasher.combine(label) }
    }

    /// The labels as an array, e.g. `[MetricLabel(name: "a", value: "x")]`.
    public var description: String { Array(self).description }
}

/// The label sets of a registration's series, in rows: every row has the same labels, in the
/// same order, fixed ones (automatic and constant) stored once and variable ones per row; a row
/// where a variable label is absent (empty value, not exposed) keeps its own list instead.
/// Immutable once built.
final class LabelTable: Sendable {
    /// Per label, in order: complete for a fixed label; for a variable one its name.
    let slots: [MetricLabel]
    /// Per label, its column in a row of `values`; -1 for a fixed label.
    let columns: [Int]
    /// Variable labels per row.
    let width: Int
    /// The variable labels' values, row after row (`width` each).
    let values: [String]
    /// Per row, when one of its variable labels is absent: its labels; empty when no row is such.
    let exceptions: [[MetricLabel]?]

    /// One row: `labels`, all fixed.
    init(_ labels: [MetricLabel]) {
        slots = labels
        columns = Array(repeating: -1, count: labels.count)
        width = 0
        values = []
        exceptions = []
    }

    init(slots: [MetricLabel], columns: [Int], width: Int, values: [String], exceptions: [[MetricLabel]?]) {
        self.slots = slots
        self.columns = columns
        self.width = width
        self.values = values
        self.exceptions = exceptions
    }

    func count(row: Int) -> Int {
        if !exceptions.isEmpty, let labels = exceptions[row] { return labels.count }
        return slots.count
    }

    func label(_ index: Int, row: Int) -> MetricLabel {
        if !exceptions.isEmpty, let labels = exceptions[row] { return labels[index] }
        let column = columns[index]
        guard column >= 0 else { return slots[index] }
        return MetricLabel(name: slots[index].name, value: values[row &* width &+ column])
    }
}
