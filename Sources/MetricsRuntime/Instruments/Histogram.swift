import Synchronization

/// A histogram with fixed bucket bounds.
///
/// Each bucket keeps its own (non-cumulative) count in one atomic cell, so `observe` is a binary
/// search over the bounds, one relaxed atomic add and one compare-and-swap on the sum: no lock,
/// and no walk over every bucket. Cumulative counts and the total count are computed when the
/// histogram is read or scraped.
///
/// A NaN observation is ignored (it would otherwise make `_sum` NaN, which OpenMetrics forbids).
public final class Histogram: @unchecked Sendable {
    // @unchecked: `counts` points at atomics that are allocated in init, only ever accessed
    // atomically, and freed in deinit.
    let layout: BucketLayout
    @usableFromInline let bounds: UnsafePointer<Double>
    @usableFromInline let boundCount: Int
    @usableFromInline let counts: UnsafeMutablePointer<Atomic<Int>>
    @usableFromInline let sum = AtomicDouble(0)

    /// Creates a histogram that is not registered anywhere.
    ///
    /// - Parameter buckets: the upper bounds, strictly increasing and finite; `+Inf` is implicit.
    ///   `nil` means ``Buckets/defaults``.
    /// - Throws: ``MetricsError/invalidBuckets(metric:problem:)`` for an empty, non-finite or
    ///   unordered bucket list.
    public convenience init(buckets: [Double]? = nil) throws(MetricsError) {
        let bounds = buckets ?? Buckets.defaults
        if let problem = Buckets.problem(in: bounds) {
            throw .invalidBuckets(metric: "", problem: problem)
        }
        self.init(layout: BucketLayout(bounds))
    }

    init(layout: BucketLayout) {
        self.layout = layout
        self.bounds = UnsafePointer(layout.upperBounds)
        self.boundCount = layout.count
        counts = .allocate(capacity: layout.count + 1)
        for index in 0...layout.count {
            (counts + index).initialize(to: Atomic(0))
        }
    }

    deinit {
        counts.deinitialize(count: boundCount + 1)
        counts.deallocate()
    }

    /// Records one observation.
    @inlinable @inline(__always)
    public func observe(_ value: Double) {
        if value.isNaN { return }
        var low = 0
        var high = boundCount
        while low < high {
            let middle = (low &+ high) &>> 1
            if value <= bounds[middle] {
                high = middle
            } else {
                low = middle &+ 1
            }
        }
        counts[low].wrappingAdd(1, ordering: .relaxed)
        sum.add(value)
    }

    /// The bucket upper bounds, without the implicit `+Inf`.
    public var buckets: [Double] { layout.bounds }

    /// The number of observations so far.
    public var sampleCount: Int {
        var total = 0
        for index in 0...boundCount {
            total &+= counts[index].load(ordering: .relaxed)
        }
        return total
    }

    /// The sum of all observations so far.
    public var sampleSum: Double { sum.load() }

    /// Cumulative counts per bucket, ending with the `+Inf` bucket (equal to ``sampleCount``).
    public var cumulativeCounts: [Int] {
        var result = [Int]()
        result.reserveCapacity(boundCount + 1)
        var running = 0
        for index in 0...boundCount {
            running &+= counts[index].load(ordering: .relaxed)
            result.append(running)
        }
        return result
    }

    /// Calls `body` with each bucket's cumulative count, without allocating.
    @inline(__always)
    func forEachCumulativeCount(_ body: (_ index: Int, _ cumulative: Int) -> Void) {
        var running = 0
        for index in 0...boundCount {
            running &+= counts[index].load(ordering: .relaxed)
            body(index, running)
        }
    }
}

/// Bucket bounds shared by every series of one histogram family, with their rendered `le` values.
final class BucketLayout: @unchecked Sendable {
    // @unchecked: immutable after init; the pointer is freed in deinit.
    let bounds: [Double]
    let upperBounds: UnsafeMutablePointer<Double>
    var count: Int { bounds.count }
    /// OpenMetrics histograms with a negative bound carry no `_sum`.
    var hasNegativeBound: Bool { bounds.first.map { $0 < 0 } ?? false }
    /// `le` label values for the text format (`0.5`, `1`, `+Inf`), then for OpenMetrics (`1.0`).
    let prometheusLE: [[UInt8]]
    let openMetricsLE: [[UInt8]]

    init(_ bounds: [Double]) {
        self.bounds = bounds
        upperBounds = .allocate(capacity: max(bounds.count, 1))
        upperBounds.initialize(from: bounds, count: bounds.count)
        prometheusLE = bounds.map { Array(FloatFormat.prometheus($0).utf8) } + [Array("+Inf".utf8)]
        openMetricsLE = bounds.map { Array(FloatFormat.openMetricsCanonical($0).utf8) } + [Array("+Inf".utf8)]
    }

    deinit {
        upperBounds.deinitialize(count: bounds.count)
        upperBounds.deallocate()
    }
}
