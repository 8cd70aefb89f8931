import Benchmark
import MetricsRuntime
import Prometheus

/// Label values of issue 13's shape, built before measuring (`model-0`…`model-999` with
/// `worker-…`), so creation figures are net of building the label strings.
let realisticCreationPairs: [(String, String)] = RealisticShape.shuffledPairs(1_000)

/// Issue 13's series cases at one endpoint (3 automatic labels + `model`, `worker`):
/// (i2) creating new series, per series; (k) heap held per series once the first scrape has
/// built everything kept for exposition, in the 40-family shape (1,000 series: 25 label pairs ×
/// 40 families). swift-prometheus gets the automatic labels explicitly.
func registerRealisticSeriesBenchmarks() {
    Benchmark("i2 create series at an endpoint - ours", configuration: BenchConfig.memory) { benchmark in
        let runtime = makeRuntime()
        let endpoint = runtime.namespace("dynamo").component("backend").endpoint("generate")
        let family = must("family") {
            try endpoint.metrics.makeIntCounterVec("created_total", help: "Created", labelNames: ["model", "worker"])
        }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            let (model, worker) = realisticCreationPairs[index % realisticCreationPairs.count]
            family.labels(model, worker).inc()
        }
        benchmark.stopMeasurement()
        blackHole(family)
        blackHole(runtime)
    }
    Benchmark("i2 create series at an endpoint - swift-prometheus", configuration: BenchConfig.memory) { benchmark in
        let registry = PrometheusCollectorRegistry()
        let automatic = RealisticShape.automatic
        let name = RealisticShape.descriptor("created_total", "Created")
        _ = registry.makeCounter(descriptor: name, labels: automatic + [("model", "seed"), ("worker", "seed")])
        // The label arrays are the caller's strings, built before measuring like ours.
        let labels = realisticCreationPairs.map { automatic + [("model", $0.0), ("worker", $0.1)] }
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            registry.makeCounter(descriptor: name, labels: labels[index % labels.count]).increment()
        }
        benchmark.stopMeasurement()
        blackHole(registry)
    }

    // 25 pairs × 40 families = 1,000 series, i.e. one scaled iteration (kilo) per series.
    let shape = RealisticShape(lines: (BenchConfig.smoke ? 1 : 25) * RealisticShape.linesPerPair)
    Benchmark("k heap per series after first scrape - ours", configuration: BenchConfig.seriesMemory) { benchmark in
        let runtime = makeRuntime()
        let endpoint = runtime.namespace("dynamo").component("backend").endpoint("generate")
        var bytes = [UInt8]()
        benchmark.startMeasurement()
        must("fill") { try shape.fill(endpoint.metrics) }
        must("exposition") { try endpoint.metrics.exposition(into: &bytes) }
        blackHole(bytes.count)
        bytes = []  // the scrape's output is the caller's: freed before the end, so not counted
        benchmark.stopMeasurement()
        blackHole(runtime)
    }
    Benchmark("k heap per series after first scrape - swift-prometheus", configuration: BenchConfig.seriesMemory) { benchmark in
        let registry = PrometheusCollectorRegistry()
        var bytes = [UInt8]()
        benchmark.startMeasurement()
        shape.fill(registry)
        registry.emit(into: &bytes)
        blackHole(bytes.count)
        bytes = []
        benchmark.stopMeasurement()
        blackHole(registry)
    }
}

extension BenchConfig {
    /// (k): one fill and scrape of 1,000 series per sample; the bytes still held per series.
    static var seriesMemory: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: metrics + [.memoryLeakedBytes],
            timeUnits: .nanoseconds,
            warmupIterations: 0,
            scalingFactor: smoke ? .one : .kilo,
            maxDuration: smoke ? .milliseconds(50) : .seconds(1),
            maxIterations: smoke ? 1 : 5
        )
    }
}
