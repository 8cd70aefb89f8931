// A small driver for `valgrind --tool=callgrind`: runs one hot path N times so instruction counts
// per operation can be read off as (I(2N) - I(N)) / N, and the costly functions found with
// callgrind_annotate. See Benchmarks/Scripts/callgrind.sh.
//
// Usage: CallgrindDriver <case> <iterations>
import MetricsRuntime
import Prometheus
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

final class Bare: Sendable { let value = Atomic<Int>(0) }

@inline(never) func opaque<T>(_ value: T) -> T { value }

func must<T>(_ body: () throws -> T) -> T {
    do { return try body() } catch { fatalError("\(error)") }
}

func runtime() -> MetricsRuntime {
    var configuration = MetricsConfiguration()
    configuration.metricPrefix = nil
    configuration.seriesLimitPerFamily = 10_000_000
    return MetricsRuntime(configuration: configuration)
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let iterations = Int(arguments[2]) else {
    print("usage: CallgrindDriver <case> <iterations>")
    exit(2)
}
let modelType = opaque(String(decoding: Array("llama-3.1-8b-instruct".utf8), as: UTF8.self))
let modelSize = opaque(String(decoding: Array("8b".utf8), as: UTF8.self))
let values: [Double] = (0..<1024).map { [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20][$0 % 12] * 0.9 }
/// Whether the scrape cases scrape once before the timed ones (env CALLGRIND_WARMUP, default 1).
let warmUp = String(cString: getenv("CALLGRIND_WARMUP") ?? strdup("1")) != "0"

switch arguments[1] {
case "bare":
    let bare = opaque(Bare())
    for _ in 0..<iterations { bare.value.wrappingAdd(1, ordering: .relaxed) }
case "held":
    let counter = opaque(must { try runtime().metrics.makeIntCounter("held_total", help: "h") })
    for _ in 0..<iterations { counter.inc() }
case "lookup":
    let family = opaque(must { try runtime().metrics.makeIntCounterVec("by_model_total", help: "h", labelNames: ["model_type", "model_size"]) })
    for _ in 0..<iterations { family.labels(modelType, modelSize).inc() }
case "their-lookup":
    let registry = PrometheusCollectorRegistry()
    let name = MetricNameDescriptor(metricName: "by_model_total", unitName: "", helpText: "h")
    for _ in 0..<iterations {
        registry.makeCounter(descriptor: name, labels: [("model_type", modelType), ("model_size", modelSize)]).increment()
    }
case "enum":
    let metrics = BenchMetrics(runtime())
    let methods = BenchMetrics.Method.allCases
    let classes = BenchMetrics.StatusClass.allCases
    let pairs = opaque((0..<16).map { (methods[$0 % methods.count], classes[($0 / 2) % classes.count]) })
    for index in 0..<iterations {
        let (method, statusClass) = pairs[index & 15]
        metrics.responsesTotal(method: method, statusClass: statusClass).inc()
    }
case "generated-lookup":
    let metrics = BenchMetrics(runtime())
    for _ in 0..<iterations { metrics.requestsByModelTotal(modelType: modelType, modelSize: modelSize).inc() }
case "histogram":
    let histogram = opaque(must { try runtime().metrics.makeHistogram("latency_seconds", help: "h") })
    for index in 0..<iterations { histogram.observe(values[index & 1023]) }
case "their-histogram":
    let registry = PrometheusCollectorRegistry()
    let histogram = registry.makeValueHistogram(
        descriptor: MetricNameDescriptor(metricName: "latency_seconds", unitName: "", helpText: "h"), buckets: Buckets.defaults)
    for index in 0..<iterations { histogram.record(values[index & 1023]) }
case "exposition", "their-exposition", "snapshot":
    // iterations = number of series (20 families, as in the benchmark); one scrape after a warm-up scrape.
    // `snapshot`: the same registry read as values (`snapshot()`) instead of text.
    let ours = arguments[1] != "their-exposition"
    let snapshot = arguments[1] == "snapshot"
    let metrics = runtime()
    let registry = PrometheusCollectorRegistry()
    let perFamily = iterations / 20
    for family in 0..<20 {
        let isCounter = family < 10
        let name = isCounter ? "bench_requests_\(family)_total" : "bench_inflight_\(family)"
        let counters = isCounter && ours ? must { try metrics.metrics.makeIntCounterVec(name, help: "Requests", labelNames: ["model", "worker"]) } : nil
        let gauges = !isCounter && ours ? must { try metrics.metrics.makeGaugeVec(name, help: "In flight", labelNames: ["model", "worker"]) } : nil
        for index in 0..<perFamily {
            let model = "model-\(index / 50)", worker = "worker-\(index % 50)"
            if ours {
                if let counters { counters.labels(model, worker).inc(by: index + 1) }
                if let gauges { gauges.labels(model, worker).set(Double(index + 1) * 0.5) }
            } else {
                let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: isCounter ? "Requests" : "In flight")
                if isCounter {
                    registry.makeCounter(descriptor: descriptor, labels: [("model", model), ("worker", worker)]).increment(by: Int64(index + 1))
                } else {
                    registry.makeGauge(descriptor: descriptor, labels: [("model", model), ("worker", worker)]).set(to: Double(index + 1) * 0.5)
                }
            }
        }
    }
    var bytes = [UInt8]()
    let scrape = { (bytes: inout [UInt8]) in
        bytes.removeAll(keepingCapacity: true)
        if snapshot {
            let families = must { try metrics.metrics.snapshot() }
            bytes.append(contentsOf: repeatElement(0, count: families.reduce(0) { $0 + $1.series.count }))
        } else if ours {
            must { try metrics.metrics.exposition(into: &bytes) }
        } else {
            registry.emit(into: &bytes)
        }
    }
    // Environment CALLGRIND_WARMUP=0: no warm-up scrape, so the one timed is the first (a
    // snapshot's first builds the label tables the next ones reuse).
    if warmUp { scrape(&bytes) }
    // Environment CALLGRIND_SCRAPES (default 1) scrapes to time; subtract a run with 0.
    let scrapes = Int(String(cString: getenv("CALLGRIND_SCRAPES") ?? strdup("1"))) ?? 1
    for _ in 0..<scrapes { scrape(&bytes) }
    print(bytes.count)
case "lookup-1k", "withlabelvalues-1k", "their-lookup-1k":
    // Issue 13's lookup shape: 2 string labels cycling through 1,000 existing pairs in a
    // shuffled (fixed) order, not one hot key.
    let pairs = RealisticShape.shuffledPairs(1_000)
    switch arguments[1] {
    case "lookup-1k":
        let family = opaque(must { try runtime().metrics.makeIntCounterVec("pairs_total", help: "h", labelNames: ["model", "worker"]) })
        for (model, worker) in pairs { family.labels(model, worker).inc() }
        for index in 0..<iterations { let (model, worker) = pairs[index % 1_000]; family.labels(model, worker).inc() }
    case "withlabelvalues-1k":
        let family = opaque(must { try runtime().metrics.makeIntCounterVec("pairs_total", help: "h", labelNames: ["model", "worker"]) })
        for (model, worker) in pairs { family.labels(model, worker).inc() }
        for index in 0..<iterations {
            let (model, worker) = pairs[index % 1_000]
            must { try family.withLabelValues(model, worker) }.inc()
        }
    default:
        let registry = PrometheusCollectorRegistry()
        let name = MetricNameDescriptor(metricName: "pairs_total", unitName: "", helpText: "h")
        for index in 0..<iterations {
            let (model, worker) = pairs[index % 1_000]
            registry.makeCounter(descriptor: name, labels: [("model", model), ("worker", worker)]).increment()
        }
    }
case "realistic-exposition", "their-realistic-exposition", "realistic-snapshot":
    // Issue 13's realistic shape; iterations = exposed sample lines wanted (≈ 235 per label pair).
    // `realistic-snapshot`: the same registry read as values (`snapshot()`).
    let ours = arguments[1] != "their-realistic-exposition"
    let shape = RealisticShape(lines: iterations)
    var bytes = [UInt8]()
    let scrape: (inout [UInt8]) -> Void
    if ours {
        let metrics = runtime()
        let endpoint = metrics.namespace("dynamo").component("backend").endpoint("generate")
        must { try shape.fill(endpoint.metrics.withPrefix(nil)) }
        if arguments[1] == "realistic-snapshot" {
            scrape = { bytes in
                bytes.removeAll(keepingCapacity: true)
                let families = must { try endpoint.metrics.snapshot() }
                bytes.append(contentsOf: repeatElement(0, count: families.reduce(0) { $0 + $1.series.count }))
            }
        } else {
            scrape = { bytes in bytes.removeAll(keepingCapacity: true); must { try endpoint.metrics.exposition(into: &bytes) } }
        }
    } else {
        let registry = PrometheusCollectorRegistry()
        shape.fill(registry)
        scrape = { bytes in bytes.removeAll(keepingCapacity: true); registry.emit(into: &bytes) }
    }
    if warmUp { scrape(&bytes) }
    let scrapes = Int(String(cString: getenv("CALLGRIND_SCRAPES") ?? strdup("1"))) ?? 1
    for _ in 0..<scrapes { scrape(&bytes) }
    print(bytes.count)
case "lookup-1k-scraping":
    ScrapeContention.run(ScrapeContention.ours(), iterations)
case "their-lookup-1k-scraping":
    ScrapeContention.run(ScrapeContention.theirs(), iterations)
case let name where SeriesCases.names.contains(name):
    SeriesCases.run(name, iterations)
default:
    print("unknown case \(arguments[1])")
    exit(2)
}
