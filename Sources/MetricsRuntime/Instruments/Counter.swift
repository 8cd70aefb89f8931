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

/// A monotonically increasing integer counter: `inc()` is one relaxed atomic add.
///
/// Negative increments are ignored. The value **saturates** at `Int.max`: once it would pass it,
/// the counter reads `Int.max` from then on (until ``reset()``), so a scrape never shows a
/// counter going down (a wrapped counter would be negative, and strict OpenMetrics parsers
/// reject the whole scrape).
///
/// The cell is unsigned and read clamped to `Int.max`. `inc()` never checks: going from
/// `Int.max` past `UInt64.max` would take another 2^63 increments (292 years at one per
/// nanosecond). `inc(by:)` pulls a cell that went past `Int.max` back to it; amounts of 2^32
/// or more take a compare-and-swap that adds with saturation, so no sum of increments can wrap.
public final class IntCounter: Sendable {
    @usableFromInline let value = Atomic<UInt64>(0)
    @usableFromInline static var maximum: UInt64 { UInt64(Int.max) }

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
        guard amount < 4_294_967_296 else { return addSaturating(UInt64(amount)) }
        // Concurrent small additions past the maximum stay far below `UInt64.max` until one of
        // them pulls the cell back.
        if value.wrappingAdd(UInt64(amount), ordering: .relaxed).newValue > Self.maximum { clamp() }
    }

    @usableFromInline
    func addSaturating(_ amount: UInt64) {
        var current = value.load(ordering: .relaxed)
        while true {
            let (sum, overflow) = current.addingReportingOverflow(amount)
            let next = overflow || sum > Self.maximum ? max(current, Self.maximum) : sum
            guard next != current else { return }
            let (exchanged, original) = value.weakCompareExchange(
                expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// Pulls a cell that went past `Int.max` back to it (it still reads `Int.max`).
    @usableFromInline
    func clamp() {
        var current = value.load(ordering: .relaxed)
        while current > Self.maximum {
            let (exchanged, original) = value.weakCompareExchange(
                expected: current, desired: Self.maximum, successOrdering: .relaxed, failureOrdering: .relaxed)
            if exchanged { return }
            current = original
        }
    }

    /// The current value, at most `Int.max`.
    public func get() -> Int {
        Int(truncatingIfNeeded: min(value.load(ordering: .relaxed), Self.maximum))
    }

    /// Sets the counter back to zero; Prometheus treats the drop as a counter reset.
    public func reset() {
        value.store(0, ordering: .relaxed)
    }
}
