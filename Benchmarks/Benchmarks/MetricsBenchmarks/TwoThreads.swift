#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on the calling thread and on one more thread at the same time, and waits for both.
///
/// A fresh thread per sample costs tens of microseconds, against the milliseconds of a sample
/// (a million operations per thread).
func onTwoThreads(_ body: @escaping @Sendable () -> Void) {
    final class Work: @unchecked Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
    let work = Unmanaged.passRetained(Work(body)).toOpaque()
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
    body()
#if canImport(Glibc)
    pthread_join(thread, nil)
#else
    if let thread { pthread_join(thread, nil) }
#endif
}
