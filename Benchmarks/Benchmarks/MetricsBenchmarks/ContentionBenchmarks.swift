import Benchmark
import MetricsRuntime
import Prometheus

/// (f) The same counter and the same histogram from 2 threads at once. Each thread performs
/// ``BenchConfig/batch`` operations per scaled iteration, so the figure is the time per 1 000
/// operations of one thread while the other does the same.
func registerContentionBenchmarks() {
    let runtime = makeRuntime()
    let counter = must("int counter") { try runtime.metrics.makeIntCounter("shared_total", help: "Shared") }
    let histogram = must("histogram") {
        try runtime.metrics.makeHistogram("shared_seconds", help: "Shared", buckets: elevenBuckets)
    }
    let registry = PrometheusCollectorRegistry()
    let theirCounter = registry.makeCounter(descriptor: descriptor("shared_total"))
    let theirHistogram = registry.makeValueHistogram(descriptor: descriptor("shared_seconds"), buckets: elevenBuckets)
    let bare = BareAtomic.make()

    Benchmark("f 2 threads counter inc - ours") { benchmark in
        let count = benchmark.scaledIterations.count * BenchConfig.batch
        onTwoThreads {
            for _ in 0..<count { counter.inc() }
        }
    }
    Benchmark("f 2 threads counter inc - swift-prometheus") { benchmark in
        let count = benchmark.scaledIterations.count * BenchConfig.batch
        onTwoThreads {
            for _ in 0..<count { theirCounter.increment() }
        }
    }
    Benchmark("f 2 threads counter inc - bare atomic") { benchmark in
        let count = benchmark.scaledIterations.count * BenchConfig.batch
        onTwoThreads {
            for _ in 0..<count { bare.value.wrappingAdd(1, ordering: .relaxed) }
        }
    }
    Benchmark("f 2 threads histogram observe - ours") { benchmark in
        let count = benchmark.scaledIterations.count * BenchConfig.batch
        onTwoThreads {
            for index in 0..<count { histogram.observe(observations[index & 1023]) }
        }
    }
    Benchmark("f 2 threads histogram observe - swift-prometheus") { benchmark in
        let count = benchmark.scaledIterations.count * BenchConfig.batch
        onTwoThreads {
            for index in 0..<count { theirHistogram.record(observations[index & 1023]) }
        }
    }
}
