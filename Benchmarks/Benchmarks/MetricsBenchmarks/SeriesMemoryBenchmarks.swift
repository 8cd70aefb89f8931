import Benchmark
import MetricsRuntime
import Prometheus

/// Label values for series creation, built before measuring: `model-0`, `model-1`, …
let creationValues: [String] = (0..<1_000).map { "model-\($0)" }

/// (i) Creating new series: allocations and bytes still held per created series (a two-label
/// counter family). Each sample creates the scaled number of series in a fresh family, which
/// stays alive until the measurement stops; the bytes are those it still holds then.
func registerSeriesMemoryBenchmarks() {
    Benchmark("i create series - ours", configuration: BenchConfig.memory) { benchmark in
        let runtime = makeRuntime()
        let family = must("family") {
            try runtime.metrics.makeIntCounterVec("created_total", help: "Created", labelNames: ["model", "worker"])
        }
        let worker = "worker-1"
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            family.labels(creationValues[index % creationValues.count], worker).inc()
        }
        benchmark.stopMeasurement()
        blackHole(family)
        blackHole(runtime)
    }
    Benchmark("i create series - swift-prometheus", configuration: BenchConfig.memory) { benchmark in
        let registry = PrometheusCollectorRegistry()
        let name = descriptor("created_total", help: "Created")
        _ = registry.makeCounter(descriptor: name, labels: [("model", "seed"), ("worker", "seed")])
        let worker = "worker-1"
        benchmark.startMeasurement()
        for index in benchmark.scaledIterations {
            registry.makeCounter(
                descriptor: name, labels: [("model", creationValues[index % creationValues.count]), ("worker", worker)]
            ).increment()
        }
        benchmark.stopMeasurement()
        blackHole(registry)
    }
}
