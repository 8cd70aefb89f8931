import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on the calling thread and on one more thread at the same time, and waits for both.
///
/// On Linux the two threads are pinned to CPUs 0 and 1, so they really run in parallel and contend
/// (unpinned, the scheduler sometimes time-slices both on one CPU, which hides the contention and
/// made the figures swing 2 – 6× between runs). A fresh thread per sample costs tens of
/// microseconds, against the milliseconds of a sample (a million operations per thread).
func onTwoThreads(_ body: @escaping @Sendable () -> Void) {
    withSecondThread(body) { body() }
}

/// Runs `body` on the calling thread (pinned to CPU 0) while `background` runs again and again on
/// another (pinned to CPU 1), from before `body` starts until it has returned.
func whileRepeating(_ background: @escaping @Sendable () -> Void, _ body: () -> Void) {
    final class Flags: Sendable {
        let started = Atomic<Bool>(false)
        let stop = Atomic<Bool>(false)
    }
    let flags = Flags()
    withSecondThread({
        flags.started.store(true, ordering: .releasing)
        while !flags.stop.load(ordering: .acquiring) { background() }
    }) {
        while !flags.started.load(ordering: .acquiring) { sched_yield() }
        body()
        flags.stop.store(true, ordering: .releasing)
    }
}

/// Starts `second` on a new thread pinned to CPU 1, runs `first` on the calling thread pinned to
/// CPU 0, waits for the new thread, and unpins the calling thread.
private func withSecondThread(_ second: @escaping @Sendable () -> Void, _ first: () -> Void) {
    final class Work: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let work = Unmanaged.passRetained(Work {
        pinCurrentThread(toCPU: 1)
        second()
    }).toOpaque()
#if canImport(Glibc)
    var thread = pthread_t()
#else
    var thread: pthread_t?
#endif
    let created = pthread_create(&thread, nil, { argument in
        guard let argument else { return nil }
        Unmanaged<Work>.fromOpaque(argument).takeRetainedValue().body()
        return nil
    }, work)
    guard created == 0 else { fatalError("pthread_create failed: \(created)") }
    pinCurrentThread(toCPU: 0)
    first()
#if canImport(Glibc)
    pthread_join(thread, nil)
#else
    if let thread { pthread_join(thread, nil) }
#endif
    unpinCurrentThread()
}

/// Restricts the calling thread to one CPU (Linux); elsewhere, or if it fails, does nothing.
private func pinCurrentThread(toCPU cpu: Int) {
#if os(Linux)
    var set = cpu_set_t()
    withUnsafeMutableBytes(of: &set) { bytes in
        bytes[cpu / 8] |= UInt8(1 << (cpu % 8))
    }
    setAffinity(&set)
#endif
}

/// Lets the calling thread run on every CPU again (Linux).
private func unpinCurrentThread() {
#if os(Linux)
    var set = cpu_set_t()
    withUnsafeMutableBytes(of: &set) { bytes in
        for index in bytes.indices { bytes[index] = 0xFF }
    }
    setAffinity(&set)
#endif
}

#if os(Linux)
/// `sched_setaffinity(0, …)` for the calling thread. Glibc's Swift module hides the GNU
/// declaration, so it is looked up at run time; if that fails the thread stays unpinned.
private func setAffinity(_ set: inout cpu_set_t) {
    typealias SetAffinity = @convention(c) (Int32, Int, UnsafeRawPointer) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity") else { return }
    let function = unsafeBitCast(symbol, to: SetAffinity.self)
    _ = withUnsafeBytes(of: &set) { function(0, $0.count, $0.baseAddress.unsafelyUnwrapped) }
}
#endif
