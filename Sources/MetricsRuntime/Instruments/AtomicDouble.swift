import Synchronization

/// A `Double` stored as its bit pattern in an atomic 64-bit integer.
///
/// `Synchronization.Atomic<Double>` offers no arithmetic, so additions are a compare-and-swap loop.
@usableFromInline
struct AtomicDouble: ~Copyable, Sendable {
    @usableFromInline let bits: Atomic<UInt64>

    @usableFromInline
    init(_ value: Double) {
        bits = Atomic(value.bitPattern)
    }

    @inlinable @inline(__always)
    func load() -> Double {
        Double(bitPattern: bits.load(ordering: .relaxed))
    }

    @inlinable @inline(__always)
    func store(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
    }

    @inlinable @inline(__always)
    func add(_ amount: Double) {
        var current = bits.load(ordering: .relaxed)
        while true {
            let next = (Double(bitPattern: current) + amount).bitPattern
            let (exchanged, original) = bits.weakCompareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }
}
