import Foundation
import MetricsRuntime
import MetricsServer
import Synchronization

/// A source that takes `delay` to write its exposition and records that a scrape started.
final class SlowSource: MetricsExpositionSource {
    let started = Atomic<Bool>(false)
    let delay: Duration

    init(delay: Duration) { self.delay = delay }

    func exposition(into buffer: inout [UInt8], format: ExpositionFormat) throws {
        started.store(true, ordering: .sequentiallyConsistent)
        let until = ContinuousClock.now + delay
        while ContinuousClock.now < until { usleep(10_000) }
        buffer += Array(FakeSource.text.utf8)
    }
}
