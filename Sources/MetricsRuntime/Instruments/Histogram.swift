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
/// The counts and the sum are kept in up to four stripes. Each thread is given a stripe the
/// first time it observes any histogram, round-robin (`HistogramStripe`), so up to four threads
/// observing the same histogram never share a cache line. Stripe 0 is allocated with the
/// histogram; stripes 1 – 3, each on cache lines of their own, only when a thread holding one of
/// them first observes this histogram (one allocation, published with a compare-and-swap), so a
/// histogram observed by one thread holds one stripe. Reads add the stripes up.
///
/// A NaN observation is ignored (it would otherwise make `_sum` NaN, which OpenMetrics forbids).
public final class Histogram: @unchecked Sendable {
    // @unchecked: `counts` and the block behind `extra` point at atomics that are allocated in
    // init or on first use, only ever accessed atomically, and freed in deinit.
    let layout: BucketLayout
    @usableFromInline let bounds: UnsafePointer<Double>
    @usableFromInline let boundCount: Int
    /// Stripe 0: the bucket counts (`boundCount + 1` cells, `+Inf` last), then the sum's bit
    /// pattern.
    @usableFromInline let counts: UnsafeMutablePointer<Atomic<Int>>
    /// The address of stripes 1 – 3 (`stride` cells each, same layout as stripe 0, each block
    /// on cache lines of its own), or 0 until a thread holding one of them observes.
    @usableFromInline let extra = Atomic<Int>(0)
    /// Cells of one of stripes 1 – 3: the cells of stripe 0 rounded up to whole cache lines
    /// (computed, not stored: a sixth stored field would make the object 64 bytes, an 80-byte
    /// glibc chunk instead of 64).
    @inlinable var stride: Int { (boundCount &+ 2 &+ 7) & ~7 }
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
        counts = Self.allocateCells(layout.count + 2, alignment: MemoryLayout<Atomic<Int>>.alignment)
    }

    deinit {
        counts.deinitialize(count: boundCount + 2)
        counts.deallocate()
        if let block = UnsafeMutablePointer<Atomic<Int>>(bitPattern: extra.load(ordering: .acquiring)) {
            block.deinitialize(count: stride * (Self.stripes - 1))
            block.deallocate()
        }
    }

    private static func allocateCells(_ count: Int, alignment: Int) -> UnsafeMutablePointer<Atomic<Int>> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Atomic<Int>>.stride, alignment: alignment)
        let cells = raw.bindMemory(to: Atomic<Int>.self, capacity: count)
        for index in 0..<count { (cells + index).initialize(to: Atomic(0)) }
        return cells
    }

    @inlinable @inline(__always)
    static func stripe() -> Int {
        HistogramStripe.current()
    }

    /// The cells of `stripe`: stripe 0, or one of the lazily allocated stripes 1 – 3 (allocated
    /// here by the first observation of a thread holding one of them). Reads use
    /// ``readBlock(_:)``, which never allocates.
    @inlinable @inline(__always)
    func block(_ stripe: Int) -> UnsafeMutablePointer<Atomic<Int>> {
        if stripe == 0 { return counts }
        // Acquiring: the block's zeroed cells, written before its release, are visible here.
        let address = extra.load(ordering: .acquiring)
        let base = address != 0 ? UnsafeMutablePointer<Atomic<Int>>(bitPattern: address).unsafelyUnwrapped : allocateStripes()
        return base + (stripe &- 1) &* stride
    }

    /// Allocates stripes 1 – 3 and publishes them, or frees them and returns the block another
    /// thread published first.
    @usableFromInline @inline(never)
    func allocateStripes() -> UnsafeMutablePointer<Atomic<Int>> {
        let cells = stride * (Self.stripes - 1)
        let block = Self.allocateCells(cells, alignment: 64)
        let (exchanged, original) = extra.compareExchange(
            expected: 0, desired: Int(bitPattern: block), successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
        if exchanged { return block }
        block.deinitialize(count: cells)
        block.deallocate()
        return UnsafeMutablePointer<Atomic<Int>>(bitPattern: original).unsafelyUnwrapped
    }

    /// The cells of `stripe` if it is allocated; `nil` for a stripe nobody observed into yet.
    @inline(__always)
    func readBlock(_ stripe: Int) -> UnsafeMutablePointer<Atomic<Int>>? {
        if stripe == 0 { return counts }
        return UnsafeMutablePointer<Atomic<Int>>(bitPattern: extra.load(ordering: .acquiring)).map { $0 + (stripe - 1) * stride }
    }

    /// Whether stripes 1 – 3 are allocated (tests and memory accounting).
    var hasExtraStripes: Bool { extra.load(ordering: .acquiring) != 0 }

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
        let block = block(Self.stripe())
        block[low].wrappingAdd(1, ordering: .relaxed)
        let cell = block + (boundCount &+ 1)
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
        for stripe in 0..<Self.stripes {
            guard let block = readBlock(stripe) else { break }
            total += Double(bitPattern: UInt64(bitPattern: Int64(block[boundCount + 1].load(ordering: .relaxed))))
        }
        return total
    }

    /// The count of bucket `index` over every stripe.
    func count(_ index: Int) -> Int {
        var total = counts[index].load(ordering: .relaxed)
        guard let extra = readBlock(1) else { return total }
        for stripe in 0..<(Self.stripes - 1) { total &+= extra[stripe &* stride &+ index].load(ordering: .relaxed) }
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
    /// The longest `le` value in either format (`0.5`, `1.0`, `+Inf`), computed once rather than
    /// at every scrape. The values themselves are not kept: `FamilyText` holds them rendered.
    let longestLE: Int

    init(_ bounds: [Double]) {
        self.bounds = bounds
        upperBounds = .allocate(capacity: max(bounds.count, 1))
        upperBounds.initialize(from: bounds, count: bounds.count)
        longestLE = bounds.reduce(4) { longest, bound in
            max(longest, FloatFormat.prometheus(bound).utf8.count, FloatFormat.openMetricsCanonical(bound).utf8.count)
        }
    }

    deinit {
        upperBounds.deinitialize(count: bounds.count)
        upperBounds.deallocate()
    }
}
