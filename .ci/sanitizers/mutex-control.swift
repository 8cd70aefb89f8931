// Control program for ThreadSanitizer on this toolchain: correct code that only shares state
// through Synchronization.Mutex. Any report TSan prints for it is a false positive, and a
// suppression in tsan.supp is only allowed for a report this program reproduces.
//
//   swiftc -sanitize=thread -O mutex-control.swift -o /tmp/mutex-control && /tmp/mutex-control
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

final class Shared: Sendable {
    let state = Mutex<[Int]>([])
}

let shared = Shared()
var threads = [pthread_t]()
for worker in 0..<4 {
    let context = Unmanaged.passRetained(shared).toOpaque()
    var thread = pthread_t()
    pthread_create(&thread, nil, { raw in
        let shared = Unmanaged<Shared>.fromOpaque(raw!).takeRetainedValue()
        for index in 0..<10_000 {
            shared.state.withLock { $0.append(index) }
            _ = shared.state.withLock { $0.count }
        }
        return nil
    }, context)
    threads.append(thread)
    _ = worker
}
for thread in threads { pthread_join(thread, nil) }
let count = shared.state.withLock { $0.count }
print(count == 40_000 ? "ok: 40000 appends" : "wrong count \(count)")
