import MetricsRuntime
import Prometheus
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Issue 13 item 2's second half, run natively (not under valgrind, which runs one thread at a
/// time): `lookup-1k-scraping <N>` times N lookups + increments over 1,000 shuffled existing pairs
/// of a 2-label family, alternately alone and while another thread scrapes the registry, five
/// rounds each, and prints the best round of each in ns per operation and their ratio.
/// `their-lookup-1k-scraping <N>` does the same with swift-prometheus (`makeCounter` +
/// `increment()`, scraped with `emit(into:)`), so both libraries are seen under one scraper.
/// Environment `SCRAPE_INTERVAL_US` (default 0): the scraper sleeps that long between scrapes;
/// 0 scrapes back to back. A wall time: only meaningful on a quiet machine.
enum ScrapeContention {
    final class Flag: Sendable {
        let stop = Atomic<Bool>(false)
        let running = Atomic<Bool>(false)
        let scrapes = Atomic<Int>(0)
        let finished = Atomic<Bool>(false)
    }

    /// One library's side of the measurement: record one pair, scrape everything.
    struct Side: @unchecked Sendable {
        // @unchecked: swift-prometheus's `MetricNameDescriptor`, which `theirs()` captures, is an
        // immutable struct of strings not marked `Sendable`; everything else captured is `Sendable`.
        let record: (String, String) -> Void
        let scrape: (inout [UInt8]) -> Void
    }

    static func ours() -> Side {
        let metrics = runtime().metrics
        let family = must { try metrics.makeIntCounterVec("pairs_total", help: "h", labelNames: ["model", "worker"]) }
        return Side(record: { family.labels($0, $1).inc() }, scrape: { bytes in must { try metrics.exposition(into: &bytes) } })
    }

    static func theirs() -> Side {
        let registry = PrometheusCollectorRegistry()
        let name = MetricNameDescriptor(metricName: "pairs_total", unitName: "", helpText: "h")
        return Side(
            record: { registry.makeCounter(descriptor: name, labels: [("model", $0), ("worker", $1)]).increment() },
            scrape: { registry.emit(into: &$0) })
    }

    static func run(_ side: Side, _ iterations: Int) {
        let interval = Int(String(cString: getenv("SCRAPE_INTERVAL_US") ?? strdup("0"))) ?? 0
        let pairs = RealisticShape.shuffledPairs(1_000)
        for (model, worker) in pairs { side.record(model, worker) }
        func lookups() -> Double {
            let start = now()
            for index in 0..<iterations {
                let (model, worker) = pairs[index % 1_000]
                side.record(model, worker)
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
                    side.scrape(&bytes)
                    flag.scrapes.wrappingAdd(1, ordering: .relaxed)
                    if interval > 0 { usleep(UInt32(interval)) }
                }
                flag.finished.store(true, ordering: .releasing)
            }
            while !flag.running.load(ordering: .acquiring) { sched_yield() }
            scraped = min(scraped, lookups())
            flag.stop.store(true, ordering: .releasing)
            while !flag.finished.load(ordering: .acquiring) { sched_yield() }
            scrapes += flag.scrapes.load(ordering: .relaxed)
        }
        print("alone \(alone) ns/op, while scraping \(scraped) ns/op, ratio \(scraped / alone), \(scrapes) scrapes, interval \(interval) us")
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }
}
