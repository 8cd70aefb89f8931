import Synchronization

/// A floating-point value that can go up and down.
///
/// `set` is one relaxed atomic store; `inc`/`dec` are a compare-and-swap loop. Any value is
/// accepted, including NaN and infinities, which are exposed as `NaN`, `+Inf` and `-Inf`.
public final class Gauge: Sendable {
    @usableFromInline let value = AtomicDouble(0)

    /// Creates a gauge that is not registered anywhere.
    public init() {}

    /// Sets the gauge to `newValue`.
    @inlinable @inline(__always)
    public func set(_ newValue: Double) {
        value.store(newValue)
    }

    /// Adds one.
    @inlinable @inline(__always)
    public func inc() {
        value.add(1)
    }

    /// Adds `amount` (which may be negative).
    @inlinable @inline(__always)
    public func inc(by amount: Double) {
        value.add(amount)
    }

    /// Subtracts one.
    @inlinable @inline(__always)
    public func dec() {
        value.add(-1)
    }

    /// Subtracts `amount`.
    @inlinable @inline(__always)
    public func dec(by amount: Double) {
        value.add(-amount)
    }

    /// The current value.
    public func get() -> Double {
        value.load()
    }
}

/// An integer value that can go up and down; every operation is one relaxed atomic instruction.
///
/// Additions wrap around at the bounds of `Int`.
public final class IntGauge: Sendable {
    @usableFromInline let value = Atomic<Int>(0)

    /// Creates a gauge that is not registered anywhere.
    public init() {}

    /// Sets the gauge to `newValue`.
    @inlinable @inline(__always)
    public func set(_ newValue: Int) {
        value.store(newValue, ordering: .relaxed)
    }

    /// Adds one.
    @inlinable @inline(__always)
    public func inc() {
        value.wrappingAdd(1, ordering: .relaxed)
    }

    /// Adds `amount` (which may be negative).
    @inlinable @inline(__always)
    public func inc(by amount: Int) {
        value.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Subtracts one.
    @inlinable @inline(__always)
    public func dec() {
        value.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Subtracts `amount`.
    @inlinable @inline(__always)
    public func dec(by amount: Int) {
        value.wrappingSubtract(amount, ordering: .relaxed)
    }

    /// The current value.
    public func get() -> Int {
        value.load(ordering: .relaxed)
    }
}
