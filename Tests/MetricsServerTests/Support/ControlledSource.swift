import Foundation
import MetricsRuntime
import MetricsServer
import Synchronization

/// A source that counts its renderings, writes `size` bytes, and can be made to block (like a hung
/// update callback) until released.
final class ControlledSource: MetricsExpositionSource {
    let renderings = Atomic<Int>(0)
    private let blocked = Atomic<Bool>(false)
    private let body: [UInt8]

    init(size: Int = FakeSource.text.utf8.count, blocked: Bool = false) {
        var body = Array(FakeSource.text.utf8)
        while body.count < size { body += Array("# padding line to make the exposition large enough\n".utf8) }
        self.body = body
        self.blocked.store(blocked, ordering: .sequentiallyConsistent)
    }

    var renderCount: Int { renderings.load(ordering: .sequentiallyConsistent) }

    func release() { blocked.store(false, ordering: .sequentiallyConsistent) }

    func exposition(into buffer: inout [UInt8], format: ExpositionFormat) throws {
        renderings.add(1, ordering: .sequentiallyConsistent)
        while blocked.load(ordering: .sequentiallyConsistent) { usleep(5_000) }
        buffer += body
    }
}

/// Waits until `value` stops changing for `quiet` (at most `limit`), then returns it.
func settledValue(_ value: () -> Int, quiet: Duration = .seconds(1), limit: Duration = .seconds(20)) async throws -> Int {
    let end = ContinuousClock.now + limit
    var last = value()
    var since = ContinuousClock.now
    while ContinuousClock.now < end {
        try await Task.sleep(for: .milliseconds(100))
        let now = value()
        if now != last {
            last = now
            since = ContinuousClock.now
        } else if ContinuousClock.now - since >= quiet {
            return now
        }
    }
    return last
}
