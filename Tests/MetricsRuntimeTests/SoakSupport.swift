#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CMallocStatistics

/// Runs `body(index)` on `count` new threads at once (real threads, not the two of the
/// cooperative pool on a 2-core machine) and returns when all of them have finished.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    var threads = [pthread_t]()
    for index in 0..<count {
        let context = Unmanaged.passRetained(ThreadBody { body(index) }).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let result = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            body(index)  // no thread to spare: run it here rather than lose it
            continue
        }
        #if canImport(Darwin)
        if let thread { threads.append(thread) }
        #else
        threads.append(thread)
        #endif
    }
    for thread in threads { pthread_join(thread, nil) }
}

private final class ThreadBody: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

/// Bytes the allocator has handed out and not got back (glibc's `mallinfo2`), or `nil` without it.
func heapBytesInUse() -> Int? {
    let bytes = malloc_statistics_bytes_in_use()
    return bytes < 0 ? nil : Int(bytes)
}

/// Puts every thread's allocations into glibc's main arena, the only one `mallinfo2` reports;
/// call before starting threads.
func useOneMallocArena() {
    _ = malloc_statistics_use_one_arena()
}

/// An environment variable as a positive integer.
func environmentInteger(_ name: String) -> Int? {
    guard let raw = getenv(name), let value = Int(String(cString: raw)), value > 0 else { return nil }
    return value
}
