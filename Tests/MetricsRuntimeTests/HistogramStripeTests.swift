#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import MetricsRuntime
import Synchronization
import Testing

/// Histogram stripes are assigned per thread, round-robin (issue 13, item 5), and the
/// fixed-arity `withLabelValues` overloads find the same series as `labels`.
@Suite struct HistogramStripeTests {
    /// In a process of its own, so no other test's thread takes a stripe in between: four
    /// threads that observe one after another get four distinct stripes, and keep them.
    @Test func fourThreadsGetFourDistinctStripes() async {
        await #expect(processExitsWith: .success) {
            let stripes = Mutex<[Int]>([])
            let histogram = Histogram.detached(buckets: [1])
            for _ in 0..<Histogram.stripes {
                onThreads(1) { _ in
                    histogram.observe(0.5)
                    let first = Histogram.stripe()
                    histogram.observe(2)
                    if Histogram.stripe() != first { Issue.record("a thread changed stripes") }
                    stripes.withLock { $0.append(first) }
                }
            }
            let assigned = stripes.withLock { $0 }
            if Set(assigned).count != Histogram.stripes { Issue.record("stripes \(assigned) are not distinct") }
            if histogram.sampleCount != 2 * Histogram.stripes { Issue.record("count \(histogram.sampleCount)") }
            if histogram.cumulativeCounts != [Histogram.stripes, 2 * Histogram.stripes] {
                Issue.record("buckets \(histogram.cumulativeCounts)")
            }
            exit(Set(assigned).count == Histogram.stripes ? 0 : 1)
        }
    }

    /// In a process of its own: the first observing thread holds stripe 0, which every histogram
    /// allocates up front, so a histogram only it observes holds one stripe; the first observation
    /// of a thread holding another stripe allocates stripes 1 – 3 once, and reads add them up.
    @Test func stripesBeyondTheFirstAreAllocatedOnFirstUse() async {
        await #expect(processExitsWith: .success) {
            let histogram = Histogram.detached(buckets: [1])
            let other = Histogram.detached(buckets: [1])
            onThreads(1) { _ in
                histogram.observe(0.5)
                other.observe(0.5)
                if Histogram.stripe() != 0 { Issue.record("the first thread holds stripe \(Histogram.stripe())") }
            }
            if histogram.hasExtraStripes { Issue.record("one observing thread allocated more stripes") }
            onThreads(1) { _ in
                histogram.observe(2)
                histogram.observe(0.25)
                if Histogram.stripe() != 1 { Issue.record("the second thread holds stripe \(Histogram.stripe())") }
            }
            let counts = (histogram.hasExtraStripes, other.hasExtraStripes, histogram.cumulativeCounts, histogram.sampleSum)
            if counts.0 != true || counts.1 != false || counts.2 != [2, 3] || counts.3 != 2.75 {
                Issue.record("extra stripes \(counts.0) / \(counts.1), buckets \(counts.2), sum \(counts.3)")
            }
            exit(counts.0 && !counts.1 && counts.2 == [2, 3] && counts.3 == 2.75 ? 0 : 1)
        }
    }

    /// Threads observing fresh histograms at once race to allocate stripes 1 – 3: one block wins,
    /// and no observation is lost (run under ThreadSanitizer in CI).
    @Test func concurrentFirstObservationsLoseNothing() {
        for _ in 0..<20 {
            let histogram = Histogram.detached(buckets: [1])
            onThreads(4) { _ in
                for _ in 0..<250 { histogram.observe(0.5) }
            }
            #expect(histogram.cumulativeCounts == [1_000, 1_000])
            #expect(histogram.sampleCount == 1_000)
            #expect(histogram.sampleSum == 500)
        }
    }

    @Test func fixedArityWithLabelValuesIsTheSameSeries() throws {
        let family = CounterVec.detached(labelNames: ["a", "b"])
        #expect(try family.withLabelValues("x", "y") === family.labels("x", "y"))
        #expect(try family.withLabelValues(["x", "y"]) === family.labels("x", "y"))
        #expect(thrownError { try family.withLabelValues("x") }
            == .labelCountMismatch(metric: "detached", expected: ["a", "b"], got: 1))
        #expect(thrownError { try family.withLabelValues("x", "y", "z") }
            == .labelCountMismatch(metric: "detached", expected: ["a", "b"], got: 3))
        let four = IntGaugeVec.detached(labelNames: ["a", "b", "c", "d"])
        #expect(try four.withLabelValues("1", "2", "3", "4") === four.labels("1", "2", "3", "4"))
        let one = HistogramVec.detached(labelNames: ["a"])
        #expect(try one.withLabelValues("1") === one.labels("1"))
    }
}
