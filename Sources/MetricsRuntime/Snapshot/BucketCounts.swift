/// The per-bucket (not cumulative) counts of one histogram series: a random-access collection of
/// `UInt64` indexed from 0, the last element the `+Inf` bucket.
///
/// A snapshot reads the counts of all the series of a histogram family into one buffer, and each
/// series' counts are a range of it, so a snapshot allocates per family, not per series. Behaves
/// as an immutable array (compare with `==`; `Array(counts)` copies it out).
public struct BucketCounts: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private let counts: ArraySlice<UInt64>

    /// The counts of `array`, in order.
    public init(_ array: [UInt64]) {
        counts = array[...]
    }

    /// The counts listed, in order.
    public init(arrayLiteral elements: UInt64...) {
        self.init(elements)
    }

    /// `count` counts of a shared buffer, from `start`.
    init(_ buffer: [UInt64], start: Int, count: Int) {
        counts = buffer[start..<(start + count)]
    }

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of buckets.
    public var endIndex: Int { counts.count }

    /// The count of the bucket at `position` (0 is the lowest bound's).
    public subscript(position: Int) -> UInt64 {
        counts[counts.startIndex + position]
    }

    /// Whether both have the same counts in the same order.
    public static func == (left: BucketCounts, right: BucketCounts) -> Bool {
        left.counts.elementsEqual(right.counts)
    }

    /// Hashes the counts in order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(counts.count)
        for count in counts { hasher.combine(count) }
    }

    /// The counts as an array literal, e.g. `[1, 2, 0]`.
    public var description: String { Array(counts).description }
}
