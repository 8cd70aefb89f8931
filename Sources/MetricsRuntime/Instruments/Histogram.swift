import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A histogram with fixed bucket bounds.
///
/// Each bucket keeps its own (non-cumulative) count in one atomic cell, so `observe` is a binary
/// search over the bounds, one relaxed atomic add and one compare-and-swap on the sum: no lock,
/// and no walk over every bucket. Cumulative counts and the total count are computed when the
/// histogram is read or scraped.
///
/// The counts and the sum are kept in four stripes, each on cache lines of its own. Each thread
/// is given a stripe the first time it observes any histogram, round-robin (`HistogramStripe`),
/// so up to four threads observing the same histogram never share a cache line. Reads add the
/// stripes up.
///
/// A NaN observation is ignored (it would otherwise make `_sum` NaN, which OpenMetrics forbids).
public final class Histogram: @unchecked Sendable {
    // @unchecked: `counts` points at atomics that are allocated in init, only ever accessed
    // atomically, and freed in deinit.
    let layout: BucketLayout
    @usableFromInline let bounds: UnsafePointer<Double>
    @usableFromInline let boundCount: Int
    /// `stripes` blocks of `stride` cells, each block on its own cache lines: the bucket counts,
    /// then the sum's bit pattern in the block's last cell. A thread records into the block of
    /// its `HistogramStripe`.
    @usableFromInline let counts: UnsafeMutablePointer<Atomic<Int>>
    @usableFromInline let stride: Int
    @usableFromInline static var stripes: Int { 4 }

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
        let stride = (layout.count + 2 + 7) / 8 * 8
        self.stride = stride
        let raw = UnsafeMutableRawPointer.allocate(
            byteCount: stride * Self.stripes * MemoryLayout<Atomic<Int>>.stride, alignment: 64)
        counts = raw.bindMemory(to: Atomic<Int>.self, capacity: stride * Self.stripes)
        for index in 0..<(stride * Self.stripes) {
            (counts + index).initialize(to: Atomic(0))
        }
    }

    deinit {
        counts.deinitialize(count: stride * Self.stripes)
        counts.deallocate()
    }

    @inlinable @inline(__always)
    static func stripe() -> Int {
        HistogramStripe.current()
    }

    @inlinable @inline(__always)
    func stripeSum(_ stripe: Int) -> Double {
        Double(bitPattern: UInt64(bitPattern: Int64(counts[stripe &* stride &+ stride &- 1].load(ordering: .relaxed))))
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
        let block = counts + Self.stripe() &* stride
        block[low].wrappingAdd(1, ordering: .relaxed)
        let cell = block + (stride &- 1)
        var current = cell.pointee.load(ordering: .relaxed)
        while true {
            let next = Int(Int64(bitPattern: (Double(bitPattern: UInt64(bitPattern: Int64(current))) + value).bitPattern))
            let (exchanged, original) = cell.pointee.weakCompareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// The bucket upper bounds, without the implicit `+Inf`.
    public var buckets: [Double] { layout.bounds }

    /// The number of observations so far.
    public var sampleCount: Int {
        var total = 0
        for index in 0...boundCount {
            total &+= count(index)
        }
        return total
    }

    /// The sum of all observations so far.
    public var sampleSum: Double {
        var total = 0.0
        for stripe in 0..<Self.stripes { total += stripeSum(stripe) }
        return total
    }

    /// The count of bucket `index` over every stripe.
    func count(_ index: Int) -> Int {
        var total = 0
        for stripe in 0..<Self.stripes { total &+= counts[stripe &* stride &+ index].load(ordering: .relaxed) }
        return total
    }

    /// Cumulative counts per bucket, ending with the `+Inf` bucket (equal to ``sampleCount``).
    public var cumulativeCounts: [Int] {
        var result = [Int]()
        result.reserveCapacity(boundCount + 1)
        var running = 0
        for index in 0...boundCount {
            running &+= count(index)
            result.append(running)
        }
        return result
    }

    /// Calls `body` with each bucket's cumulative count, without allocating.
    @inline(__always)
    func forEachCumulativeCount(_ body: (_ index: Int, _ cumulative: Int) -> Void) {
        var running = 0
        for index in 0...boundCount {
            running &+= count(index)
            body(index, running)
        }
    }
}

/// The histogram stripe of the calling thread: assigned round-robin on the thread's first
/// observation and kept in a thread-specific slot, so any `stripes` threads that start observing
/// one after another get distinct stripes (a hash of the thread id collided with probability 1/4
/// for two threads). Reading it is one `pthread_getspecific`; the slot holds the stripe plus one,
/// so the initial `nil` means "not assigned yet".
@usableFromInline
enum HistogramStripe {
    @usableFromInline static let key: pthread_key_t = {
        var key = pthread_key_t()
        // Without a key (the process ran out of them) each observation takes the next stripe:
        // slower, still correct.
        return pthread_key_create(&key, nil) == 0 ? key : pthread_key_t.max
    }()
    static let next = Atomic<Int>(0)

    @inlinable @inline(__always)
    static func current() -> Int {
        let slot = Int(bitPattern: pthread_getspecific(key))
        return slot != 0 ? slot &- 1 : assign()
    }

    @usableFromInline @inline(never)
    static func assign() -> Int {
        let stripe = next.wrappingAdd(1, ordering: .relaxed).oldValue & (Histogram.stripes &- 1)
        _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: stripe &+ 1))
        return stripe
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
    /// The longest `le` value in either format, computed once rather than at every scrape.
    let longestLE: Int

    init(_ bounds: [Double]) {
        self.bounds = bounds
        upperBounds = .allocate(capacity: max(bounds.count, 1))
        upperBounds.initialize(from: bounds, count: bounds.count)
        prometheusLE = bounds.map { Array(FloatFormat.prometheus($0).utf8) } + [Array("+Inf".utf8)]
        openMetricsLE = bounds.map { Array(FloatFormat.openMetricsCanonical($0).utf8) } + [Array("+Inf".utf8)]
        longestLE = (prometheusLE + openMetricsLE).map(\.count).max() ?? 4
    }

    deinit {
        upperBounds.deinitialize(count: bounds.count)
        upperBounds.deallocate()
    }
}
