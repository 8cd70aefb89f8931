import Benchmark
import MetricsRuntime
import Prometheus

/// The series set both libraries expose in (g): 20 families (10 integer counters, 10 gauges)
/// with labels `model` and `worker`, `seriesCount` series in all, every one with a value.
struct ExpositionSeriesSet {
    static let familyCount = 20
    let seriesCount: Int
    /// Gauge values: `k × 0.5` (half of them integral), or arbitrary doubles (`k / 7 + 0.1234567`)
    /// whose shortest spelling needs the full float-to-text conversion.
    var arbitraryGaugeValues = false

    func gaugeValue(_ value: Int) -> Double {
        arbitraryGaugeValues ? Double(value) / 7 + 0.1234567 : Double(value) * 0.5
    }

    /// Calls `body(family, isCounter, model, worker, value)` once per series.
    func forEachSeries(_ body: (Int, Bool, String, String, Int) -> Void) {
        let perFamily = seriesCount / Self.familyCount
        for family in 0..<Self.familyCount {
            for index in 0..<perFamily {
                body(family, family < Self.familyCount / 2, "model-\(index / 50)", "worker-\(index % 50)", index + 1)
            }
        }
    }

    static func name(_ family: Int, isCounter: Bool) -> String {
        isCounter ? "bench_requests_\(family)_total" : "bench_inflight_\(family)"
    }

    func buildOurs() -> MetricsRuntime {
        let runtime = makeRuntime()
        var counters = [Int: IntCounterVec]()
        var gauges = [Int: GaugeVec]()
        forEachSeries { family, isCounter, model, worker, value in
            let name = Self.name(family, isCounter: isCounter)
            if isCounter {
                let vec = counters[family] ?? must(name) {
                    try runtime.metrics.makeIntCounterVec(name, help: "Requests", labelNames: ["model", "worker"])
                }
                counters[family] = vec
                vec.labels(model, worker).inc(by: value)
            } else {
                let vec = gauges[family] ?? must(name) {
                    try runtime.metrics.makeGaugeVec(name, help: "In flight", labelNames: ["model", "worker"])
                }
                gauges[family] = vec
                vec.labels(model, worker).set(gaugeValue(value))
            }
        }
        return runtime
    }

    func buildTheirs() -> PrometheusCollectorRegistry {
        let registry = PrometheusCollectorRegistry()
        forEachSeries { family, isCounter, model, worker, value in
            let name = descriptor(Self.name(family, isCounter: isCounter), help: isCounter ? "Requests" : "In flight")
            let labels = [("model", model), ("worker", worker)]
            if isCounter {
                registry.makeCounter(descriptor: name, labels: labels).increment(by: Int64(value))
            } else {
                registry.makeGauge(descriptor: name, labels: labels).set(to: gaugeValue(value))
            }
        }
        return registry
    }
}

/// (g) One exposition of 1 000, 10 000 and 100 000 series, the same series in both libraries,
/// into a reused buffer (as a scrape handler does). Per-series cost = time / series count.
/// swift-prometheus's scrape of `registry` into `buffer`, once per scaled iteration (the buffer is
/// sized by the setup's first scrape, as ours is).
func scrapeTheirs(_ registry: PrometheusCollectorRegistry, into buffer: ScrapeBuffer, _ benchmark: Benchmark) {
    for _ in benchmark.scaledIterations {
        buffer.bytes.removeAll(keepingCapacity: true)
        registry.emit(into: &buffer.bytes)
        blackHole(buffer.bytes.count)
    }
}

func registerExpositionBenchmarks() {
    var sets = (BenchConfig.smoke ? [1_000] : [1_000, 10_000, 100_000]).map {
        (set: ExpositionSeriesSet(seriesCount: $0), label: "\($0 / 1_000)k")
    }
    // Not a target: the same 10 k series with arbitrary-double gauge values, to show the cost of
    // the full float-to-text conversion that half-integral values partly avoid.
    if !BenchConfig.smoke {
        sets.append((ExpositionSeriesSet(seriesCount: 10_000, arbitraryGaugeValues: true), "10k arbitrary-double"))
    }
    for (set, label) in sets {
        Benchmark("g exposition \(label) series - ours", configuration: BenchConfig.slow) { (benchmark: Benchmark, state: (MetricsRuntime, ScrapeBuffer)) in
            let (runtime, buffer) = state
            for _ in benchmark.scaledIterations {
                buffer.bytes.removeAll(keepingCapacity: true)
                must("exposition") { try runtime.metrics.exposition(into: &buffer.bytes) }
                blackHole(buffer.bytes.count)
            }
        } setup: {
            let runtime = set.buildOurs()
            let buffer = ScrapeBuffer()
            must("exposition") { try runtime.metrics.exposition(into: &buffer.bytes) }  // sizes the buffer
            return (runtime, buffer)
        }
        // The same series read as values (#10: a snapshot costs no more than one exposition).
        Benchmark("g snapshot \(label) series - ours", configuration: BenchConfig.slow) { (benchmark: Benchmark, runtime: MetricsRuntime) in
            for _ in benchmark.scaledIterations {
                blackHole(must("snapshot") { try runtime.metrics.snapshot() }.count)
            }
        } setup: {
            set.buildOurs()
        }
        Benchmark("g exposition \(label) series - swift-prometheus", configuration: BenchConfig.slow) { (benchmark: Benchmark, state: (PrometheusCollectorRegistry, ScrapeBuffer)) in
            scrapeTheirs(state.0, into: state.1, benchmark)
        } setup: {
            let registry = set.buildTheirs()
            let buffer = ScrapeBuffer()
            registry.emit(into: &buffer.bytes)  // sizes the buffer
            return (registry, buffer)
        }
    }
}

/// The output buffer a scrape handler keeps between scrapes.
///
/// `@unchecked Sendable`: each buffer is written by one thread only (b3 hands one to its scraper).
final class ScrapeBuffer: @unchecked Sendable {
    var bytes = [UInt8]()
}
