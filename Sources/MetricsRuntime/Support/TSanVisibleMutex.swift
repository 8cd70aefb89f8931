#if METRICS_TSAN
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// ThreadSanitizer builds only (`-Xswiftc -DMETRICS_TSAN`, see `.ci/sanitizers.sh`): a lock with
/// the `Synchronization.Mutex` API that this module uses, built on `pthread_mutex_t`.
///
/// On this toolchain `Synchronization.Mutex` locks through a futex from uninstrumented code, so
/// ThreadSanitizer never sees its happens-before edges and reports every access it guards as a
/// race (`.ci/sanitizers/mutex-control.swift` reproduces that on a correct program). ThreadSanitizer
/// intercepts `pthread_mutex_*`, so with this lock it checks this module's real synchronization
/// instead of needing a suppression that would hide real races in the same functions. Being
/// declared in the module, it shadows the imported `Mutex` only in such builds.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock: UnsafeMutablePointer<pthread_mutex_t>

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_mutex_t())
        pthread_mutex_init(lock, nil)
    }

    deinit {
        pthread_mutex_destroy(lock)
        lock.deinitialize(count: 1)
        lock.deallocate()
    }

    func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return try body(&value)
    }
}
#endif
