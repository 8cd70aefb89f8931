#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Grace periods for a family's lock-free lookups (a two-counter epoch scheme, as in userspace RCU).
///
/// A lookup enters (counts itself in the counter of the current epoch's parity), reads the
/// published ``SeriesIndex``, retains the instrument it found and exits. A writer that replaced
/// the index or removed a series calls ``waitForReaders()`` after publishing the change: it flips
/// the epoch and waits until the counter of the previous parity drains. Lookups that entered after
/// the flip see the change, so once the wait returns no lookup can still hold the old index or a
/// removed series, and the writer frees them.
///
/// Why the flip is safe: a lookup increments its counter, then re-reads the epoch and retries if
/// it changed. With sequentially consistent operations, either the re-read comes before the
/// writer's flip (then the increment does too, and the writer waits for it), or it sees the new
/// epoch (then the lookup retries in the new one, and reads what was published before the flip).
/// Lookups never block inside, so the wait is as long as the longest lookup in flight; new lookups
/// count in the other counter and cannot prolong it.
///
/// Writers are serialized by the family's lock. The epoch and both counters share one cache line
/// of their own (allocated apart from ``FamilyCore``), so a scrape taking the family's lock never
/// touches the line every lookup writes.
struct ReaderEpochs: ~Copyable, @unchecked Sendable {
    // @unchecked: `words` is only accessed atomically and freed when the owner goes away.
    /// `[epoch, readers of even epochs, readers of odd epochs]`, 64-byte aligned.
    private let words: UnsafeMutablePointer<Atomic<Int>>

    init() {
        words = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64).bindMemory(to: Atomic<Int>.self, capacity: 3)
        for index in 0..<3 { (words + index).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: 3)
        UnsafeMutableRawPointer(words).deallocate()
    }

    /// Starts a lookup; pass the result to ``exit(_:)``.
    @inline(__always)
    func enter() -> Int {
        while true {
            let parity = words[0].load(ordering: .sequentiallyConsistent) & 1
            words[1 &+ parity].wrappingAdd(1, ordering: .sequentiallyConsistent)
            if words[0].load(ordering: .sequentiallyConsistent) & 1 == parity { return parity }
            words[1 &+ parity].wrappingSubtract(1, ordering: .sequentiallyConsistent)
        }
    }

    /// Ends a lookup started by ``enter()``.
    @inline(__always)
    func exit(_ parity: Int) {
        words[1 &+ parity].wrappingSubtract(1, ordering: .sequentiallyConsistent)
    }

    /// Waits until every lookup that might have read the state before this call has ended.
    /// Writers only, one at a time (under the family's lock).
    func waitForReaders() {
        let previous = words[0].wrappingAdd(1, ordering: .sequentiallyConsistent).oldValue & 1
        while words[1 + previous].load(ordering: .sequentiallyConsistent) != 0 { sched_yield() }
    }
}
