import Benchmark
import MetricsRuntime
import Prometheus

/// Issue 13's realistic shape (``RealisticShape``, shared with the callgrind driver through a
/// symlink): (g2) one exposition of ≈ 1k, 10k and 100k sample lines in both libraries, and
/// (b2) lookups with 2 string labels cycling through 1,000 existing pairs in a shuffled order
/// (`labels(_:_:)`, `withLabelValues(_:_:)`, the generated accessor, swift-prometheus's `makeCounter`),
/// and (b3) the same lookups while another thread scrapes back to back.
func registerRealisticBenchmarks() {
    let lineCounts = BenchConfig.smoke ? [1_175] : [1_175, 9_870, 100_110]  // multiples of 235 lines
    for lines in lineCounts {
        let shape = RealisticShape(lines: lines)
        let label = "\(lines) lines"
        Benchmark("g2 realistic exposition \(label) - ours", configuration: BenchConfig.slow) { (benchmark: Benchmark, state: (MetricsRegistry, ScrapeBuffer)) in
            let (metrics, buffer) = state
            for _ in benchmark.scaledIterations {
                buffer.bytes.removeAll(keepingCapacity: true)
                must("exposition") { try metrics.exposition(into: &buffer.bytes) }
                blackHole(buffer.bytes.count)
            }
        } setup: {
            let runtime = makeRuntime()
            let endpoint = runtime.namespace("dynamo").component("backend").endpoint("generate")
            must("fill") { try shape.fill(endpoint.metrics) }
            let buffer = ScrapeBuffer()
            must("exposition") { try endpoint.metrics.exposition(into: &buffer.bytes) }  // sizes the buffer
            return (endpoint.metrics, buffer)
        }
        Benchmark("g2 realistic exposition \(label) - swift-prometheus", configuration: BenchConfig.slow) { (benchmark: Benchmark, state: (PrometheusCollectorRegistry, ScrapeBuffer)) in
            scrapeTheirs(state.0, into: state.1, benchmark)
        } setup: {
            let registry = PrometheusCollectorRegistry()
            shape.fill(registry)
            let buffer = ScrapeBuffer()
            registry.emit(into: &buffer.bytes)
            return (registry, buffer)
        }
    }

    let pairs = RealisticShape.shuffledPairs(1_000)
    let family = must("pairs") {
        try makeRuntime().metrics.makeIntCounterVec("pairs_total", help: "Pairs", labelNames: ["model", "worker"])
    }
    for (model, worker) in pairs { family.labels(model, worker).inc() }
    Benchmark("b2 lookup over 1,000 pairs - ours labels") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                let (model, worker) = pairs[index % 1_000]
                family.labels(model, worker).inc()
            }
        }
    }
    Benchmark("b2 lookup over 1,000 pairs - ours withLabelValues") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                let (model, worker) = pairs[index % 1_000]
                must("lookup") { try family.withLabelValues(model, worker) }.inc()
            }
        }
    }
    // The generated accessor of a 2-label family (`bench_requests_by_model_total`) over the same pairs.
    let generated = BenchMetrics(makeRuntime())
    for (model, worker) in pairs { generated.requestsByModelTotal(modelType: model, modelSize: worker).inc() }
    Benchmark("b2 lookup over 1,000 pairs - ours generated") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                let (model, worker) = pairs[index % 1_000]
                generated.requestsByModelTotal(modelType: model, modelSize: worker).inc()
            }
        }
    }
    // (b3) The same lookups while another thread scrapes the registry back to back (issue 13,
    // target 2's second half), in both libraries, each against its own 1,000 existing series.
    let scrapedRuntime = makeRuntime()
    let scraped = must("scraped pairs") {
        try scrapedRuntime.metrics.makeIntCounterVec("pairs_total", help: "Pairs", labelNames: ["model", "worker"])
    }
    for (model, worker) in pairs { scraped.labels(model, worker).inc() }
    let scraperBuffer = ScrapeBuffer()
    Benchmark("b3 lookup over 1,000 pairs while scraping - ours labels") { benchmark in
        whileRepeating({
            scraperBuffer.bytes.removeAll(keepingCapacity: true)
            must("exposition") { try scrapedRuntime.metrics.exposition(into: &scraperBuffer.bytes) }
        }) {
            for batch in benchmark.scaledIterations {
                for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                    let (model, worker) = pairs[index % 1_000]
                    scraped.labels(model, worker).inc()
                }
            }
        }
    }
    let scrapedRegistry = PrometheusCollectorRegistry()
    let scrapedName = descriptor("pairs_total")
    for (model, worker) in pairs { scrapedRegistry.makeCounter(descriptor: scrapedName, labels: [("model", model), ("worker", worker)]).increment() }
    let theirScraperBuffer = ScrapeBuffer()
    Benchmark("b3 lookup over 1,000 pairs while scraping - swift-prometheus makeCounter", configuration: BenchConfig.slowHotPath) { benchmark in
        whileRepeating({
            theirScraperBuffer.bytes.removeAll(keepingCapacity: true)
            scrapedRegistry.emit(into: &theirScraperBuffer.bytes)
        }) {
            for batch in benchmark.scaledIterations {
                for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                    let (model, worker) = pairs[index % 1_000]
                    scrapedRegistry.makeCounter(descriptor: scrapedName, labels: [("model", model), ("worker", worker)]).increment()
                }
            }
        }
    }

    let registry = PrometheusCollectorRegistry()
    let theirs = descriptor("pairs_total")
    Benchmark("b2 lookup over 1,000 pairs - swift-prometheus makeCounter", configuration: BenchConfig.slowHotPath) { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                let (model, worker) = pairs[index % 1_000]
                registry.makeCounter(descriptor: theirs, labels: [("model", model), ("worker", worker)]).increment()
            }
        }
    }
}
