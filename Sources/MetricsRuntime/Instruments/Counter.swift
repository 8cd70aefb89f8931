import Synchronization

/// A monotonically increasing floating-point counter.
///
/// Whole-number increments (the common `inc()` case) are a single relaxed atomic add on an integer;
/// fractional increments go through a compare-and-swap on a separate floating-point cell. The two
/// parts are added together when the value is read.
///
/// Counters only go up: a negative, NaN or infinite increment is ignored (the Prometheus client
/// library guidelines require rejecting negative increments; ignoring them keeps recording
/// paths non-throwing and crash-free).
public final class Counter: Sendable {
    @usableFromInline let whole = Atomic<UInt64>(0)
    @usableFromInline let fraction = AtomicDouble(0)

    /// Creates a counter that is not registered anywhere (useful in tests and batch jobs).
    public init() {}

    /// Adds one.
    @inlinable @inline(__always)
    public func inc() {
        whole.wrappingAdd(1, ordering: .relaxed)
    }

    /// Adds `amount`. Negative, NaN and infinite amounts are ignored.
    @inlinable @inline(__always)
    public func inc(by amount: Double) {
        guard amount > 0, amount < .infinity else { return }
        // Whole amounts below 2^32 take the integer cell; overflowing its 2^64 would take more
        // than four billion maximal increments. Anything else goes to the floating-point cell.
        if amount < 4_294_967_296, amount.rounded(.towardZero) == amount {
            whole.wrappingAdd(UInt64(amount), ordering: .relaxed)
        } else {
            fraction.add(amount)
        }
    }

    /// The current value.
    public func get() -> Double {
        Double(whole.load(ordering: .relaxed)) + fraction.load()
    }

    /// Sets the counter back to zero; Prometheus treats the drop as a counter reset.
    public func reset() {
        whole.store(0, ordering: .relaxed)
        fraction.store(0)
    }
}

/// A monotonically increasing integer counter: every operation is one relaxed atomic add.
///
/// Negative increments are ignored. The value wraps around at `Int.max`, as unsigned hardware
/// counters do; at one increment per nanosecond that takes 292 years.
public final class IntCounter: Sendable {
    @usableFromInline let value = Atomic<Int>(0)

    /// Creates a counter that is not registered anywhere.
    public init() {}

    /// Adds one.
    @inlinable @inline(__always)
    public func inc() {
        value.wrappingAdd(1, ordering: .relaxed)
    }

    /// Adds `amount`. A negative amount is ignored.
    @inlinable @inline(__always)
    public func inc(by amount: Int) {
        guard amount > 0 else { return }
        value.wrappingAdd(amount, ordering: .relaxed)
    }

    /// The current value.
    public func get() -> Int {
        value.load(ordering: .relaxed)
    }

    /// Sets the counter back to zero; Prometheus treats the drop as a counter reset.
    public func reset() {
        value.store(0, ordering: .relaxed)
    }
}
