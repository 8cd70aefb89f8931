import MetricsRuntime
import CHeapInUse
import Prometheus

#if canImport(Glibc)
import Glibc
#endif

/// Issue 13's series cases (items 2 – 4), run by `main.swift`:
/// - `create` / `their-create`: N new series of a 2-label counter family at one endpoint (3
///   automatic labels; swift-prometheus gets them explicitly). The label strings of 400,000 pairs
///   are built first whatever N is, so (I(2N) − I(N)) / N is net of building them.
/// - `empty-families`: N empty counter families at one endpoint, scraped once (for dhat).
/// - `generated-lookup-1k`: the generated accessor over 1,000 shuffled existing pairs.
/// - `memory` / `their-memory` (run natively, not under valgrind): glibc `mallinfo2` in-use bytes
///   (`uordblks + hblkhd`)
///   per series after filling issue 13's 40-family shape with N label pairs, and after its first
///   scrape (the scrape's output freed). Prints `<after fill> <after scrape>` bytes per series.
enum SeriesCases {
    static let names: Set<String> = ["create", "their-create", "generated-lookup-1k", "memory", "their-memory", "memory-breakdown", "empty-families"]

    static func run(_ name: String, _ iterations: Int) {
        switch name {
        case "create", "their-create":
            let pairs = (0..<400_000).map { ("model-\($0 / 50)", "worker-\($0 % 50)") }
            let count = min(iterations, pairs.count)
            if name == "create" {
                let endpoint = runtime().namespace("dynamo").component("backend").endpoint("generate")
                let family = must { try endpoint.metrics.makeIntCounterVec("created_total", help: "h", labelNames: ["model", "worker"]) }
                for index in 0..<count { family.labels(pairs[index].0, pairs[index].1).inc() }
                _ = opaque(family)
                exit(0)  // not the teardown of the series: only their creation is measured
            } else {
                let registry = PrometheusCollectorRegistry()
                let descriptor = RealisticShape.descriptor("created_total", "h")
                let labels = pairs.map { RealisticShape.automatic + [("model", $0.0), ("worker", $0.1)] }
                for index in 0..<count { registry.makeCounter(descriptor: descriptor, labels: labels[index]).increment() }
                _ = opaque(registry)
                exit(0)
            }
        case "generated-lookup-1k":
            let pairs = RealisticShape.shuffledPairs(1_000)
            let metrics = BenchMetrics(runtime())
            for (model, worker) in pairs { metrics.requestsByModelTotal(modelType: model, modelSize: worker).inc() }
            for index in 0..<iterations {
                let (model, worker) = pairs[index % 1_000]
                metrics.requestsByModelTotal(modelType: model, modelSize: worker).inc()
            }
        case "memory-breakdown":
            MemoryBreakdown.run(pairs: iterations)
        case "empty-families":
            // N empty 2-label counter families at one endpoint, scraped once: for
            // `valgrind --tool=dhat`, to see what a family costs before its first series.
            let endpoint = runtime().namespace("dynamo").component("backend").endpoint("generate")
            let registry = endpoint.metrics.withPrefix(nil)
            var families = [IntCounterVec]()
            for index in 0..<iterations {
                families.append(must { try registry.makeIntCounterVec("empty_\(index)_total", help: "Requests", labelNames: ["model", "worker"]) })
            }
            var bytes = [UInt8]()
            must { try endpoint.metrics.exposition(into: &bytes) }
            print(bytes.count, families.count)
        default:
            memory(ours: name == "memory", pairs: iterations)
        }
    }

    private static func inUse() -> Int { Int(heap_in_use_bytes()) }

    private static func memory(ours: Bool, pairs: Int) {
        let shape = RealisticShape(lines: pairs * RealisticShape.linesPerPair)
        let series = Double(shape.pairs.count * 40)
        var bytes = [UInt8]()
        let before = inUse()
        let afterFill: Int, afterScrape: Int
        if ours {
            let metrics = runtime()
            let endpoint = metrics.namespace("dynamo").component("backend").endpoint("generate")
            must { try shape.fill(endpoint.metrics.withPrefix(nil)) }
            afterFill = inUse()
            must { try endpoint.metrics.exposition(into: &bytes) }
            bytes = []
            afterScrape = inUse()
            _ = opaque(metrics)
        } else {
            let registry = PrometheusCollectorRegistry()
            shape.fill(registry)
            afterFill = inUse()
            registry.emit(into: &bytes)
            bytes = []
            afterScrape = inUse()
            _ = opaque(registry)
        }
        print("\(Double(afterFill - before) / series) \(Double(afterScrape - before) / series)")
    }
}
