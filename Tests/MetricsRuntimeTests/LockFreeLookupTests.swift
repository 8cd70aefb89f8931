@testable import MetricsRuntime
import Synchronization
import Testing

/// Lookups of existing series read the series index without the family's lock while other tasks
/// create series (growing the index), remove them (retiring series and shrinking the index) and
/// remove all: every recorded value lands in the series it was meant for, exactly. Run under
/// ThreadSanitizer and AddressSanitizer by `.ci/sanitizers.sh`.
@Suite struct LockFreeLookupTests {
    static let tasks = 4

    final class Flag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    func metrics() -> MetricsRegistry {
        var configuration = MetricsConfiguration()
        configuration.metricPrefix = nil
        configuration.errorHandler = { _ in }
        return MetricsRuntime(configuration: configuration).metrics
    }

    /// Every task creates and records into the same 2,000 series in a different order, so the
    /// index grows from 8 slots to 4,096 (doubling nine times) while the other tasks look series up.
    @Test func lookupsDuringGrowthAreExact() async throws {
        let family = try metrics().makeIntCounterVec("grow_total", help: "G", labelNames: ["a", "b"])
        let keys = 2_000
        let rounds = 3
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<Self.tasks {
                group.addTask {
                    for round in 0..<rounds {
                        for step in 0..<keys {
                            // Multipliers coprime to `keys`: each task visits every key once a round.
                            let key = (step * [1, 3, 7, 9][task] + round * 7) % keys
                            family.labels("a\(key % 40)", "b-\(key / 40)-long-enough-for-the-heap").inc()
                        }
                    }
                }
            }
        }
        for key in 0..<keys {
            #expect(family.labels("a\(key % 40)", "b-\(key / 40)-long-enough-for-the-heap").get() == Self.tasks * rounds)
        }
        #expect(family.core.sortedSeries().count == keys)
        // Half the slots used at most, doubled when full: 2,000 series take 4,096 slots.
        #expect(family.core.tableCapacity == 4_096)
    }

    /// Recorders hit 100 stable series while a writer creates and removes 3,000 others (holes,
    /// growth and shrinking of the index, series retired under the readers).
    @Test func lookupsWhileOtherSeriesAreRemovedAreExact() async throws {
        let metrics = metrics()
        let family = try metrics.makeIntCounterVec("churn_total", help: "C", labelNames: ["k"])
        for index in 0..<100 { family.labels("stable-\(index)").inc() }
        let iterations = 20_000
        let done = Flag()
        let removed = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                var removed = 0
                for index in 0..<3_000 {
                    family.labels("churn-\(index)").inc()
                    if index % 4 == 3 {
                        for gone in index - 3...index where family.remove(labelValues: ["churn-\(gone)"]) { removed += 1 }
                    }
                }
                done.raised.store(true, ordering: .releasing)
                return removed
            }
            for task in 0..<Self.tasks {
                group.addTask {
                    for step in 0..<iterations { family.labels("stable-\((step + task * 13) % 100)").inc() }
                    return 0
                }
            }
            return await group.reduce(0, +)
        }
        let finished = done.raised.load(ordering: .acquiring)
        #expect(finished)
        #expect(removed == 3_000)
        for index in 0..<100 {
            #expect(family.labels("stable-\(index)").get() == 1 + Self.tasks * iterations / 100)
        }
        let lines = try metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("churn_total{") }
        #expect(lines.count == 100)
        #expect(family.core.tableCapacity == 512)
    }

    /// Removing one series while tasks record into it: each task's instrument is either the
    /// removed one or the new one, and the two together hold every increment.
    @Test func recordingIntoARemovedSeriesLosesNothingItCounts() async throws {
        let family = try metrics().makeIntCounterVec("gone_total", help: "G", labelNames: ["k"])
        let first = family.labels("x")
        let iterations = 5_000
        let removal = Task {
            for _ in 0..<50 { await Task.yield() }
            return family.remove(labelValues: ["x"])
        }
        let seen = await withTaskGroup(of: [ObjectIdentifier: Int].self) { group in
            for _ in 0..<Self.tasks {
                group.addTask {
                    var counts = [ObjectIdentifier: Int]()
                    for _ in 0..<iterations {
                        let counter = family.labels("x")
                        counter.inc()
                        counts[ObjectIdentifier(counter), default: 0] += 1
                    }
                    return counts
                }
            }
            return await group.reduce(into: [ObjectIdentifier: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        }
        #expect(await removal.value)
        let current = family.labels("x")
        #expect(first.get() + (current === first ? 0 : current.get()) == Self.tasks * iterations)
        #expect(seen.values.reduce(0, +) == Self.tasks * iterations)
        #expect(seen[ObjectIdentifier(first), default: 0] == first.get())
    }

    /// `removeAll()` while tasks record: no series survives it, and the family works afterwards.
    @Test func removeAllWhileRecording() async throws {
        let metrics = metrics()
        let family = try metrics.makeIntCounterVec("all_total", help: "A", labelNames: ["k"])
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for _ in 0..<200 {
                    family.removeAll()
                    await Task.yield()
                }
            }
            for task in 0..<Self.tasks {
                group.addTask {
                    for step in 0..<10_000 { family.labels("k\((step + task) % 50)").inc() }
                }
            }
        }
        family.removeAll()
        #expect(family.core.sortedSeries().count == 0)
        family.labels("again").inc(by: 3)
        #expect(try metrics.exposition().contains("all_total{k=\"again\"} 3\n"))
    }
}
