import MetricsRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Issue 13 item 2's second half, run natively (not under valgrind, which runs one thread at a
/// time): `lookup-1k-scraping <N>` times N lookups + increments over 1,000 shuffled existing pairs
/// of a 2-label family, alternately alone and while another thread scrapes the registry back to
/// back, five rounds each, and prints the best round of each in ns per operation and their ratio.
/// A wall time: only meaningful on a quiet machine.
enum ScrapeContention {
    final class Flag: Sendable {
        let stop = Atomic<Bool>(false)
        let running = Atomic<Bool>(false)
        let scrapes = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)
    }

    static func run(_ iterations: Int) {
        let metrics = runtime().metrics
        let family = must { try metrics.makeIntCounterVec("pairs_total", help: "h", labelNames: ["model", "worker"]) }
        let pairs = RealisticShape.shuffledPairs(1_000)
        for (model, worker) in pairs { family.labels(model, worker).inc() }
        func lookups() -> Double {
            let start = now()
            for index in 0..<iterations {
                let (model, worker) = pairs[index % 1_000]
                family.labels(model, worker).inc()
            }
            return (now() - start) / Double(iterations)
        }
        var alone = Double.infinity, scraped = Double.infinity, scrapes = 0
        for _ in 0..<5 {
            alone = min(alone, lookups())
            let flag = Flag()
            Task.detached {
                var bytes = [UInt8]()
                flag.running.store(true, ordering: .releasing)
                while !flag.stop.load(ordering: .acquiring) {
                    bytes.removeAll(keepingCapacity: true)
                    must { try metrics.exposition(into: &bytes) }
                    flag.scrapes.wrappingAdd(1, ordering: .relaxed)
                }
                flag.finished.store(true, ordering: .releasing)
            }
            while !flag.running.load(ordering: .acquiring) { sched_yield() }
            scraped = min(scraped, lookups())
            flag.stop.store(true, ordering: .releasing)
            while !flag.finished.load(ordering: .acquiring) { sched_yield() }
            scrapes += flag.scrapes.load(ordering: .relaxed)
        }
        print("alone \(alone) ns/op, while scraping \(scraped) ns/op, ratio \(scraped / alone), \(scrapes) scrapes")
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }
}
