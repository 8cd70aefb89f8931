import Benchmark
import MetricsRuntime
import Prometheus

/// (a) Increment of a counter handle the caller already holds.
func registerHeldCounterBenchmarks() {
    let runtime = makeRuntime()
    let intCounter = must("int counter") { try runtime.metrics.makeIntCounter("held_int_total", help: "Held") }
    let counter = must("counter") { try runtime.metrics.makeCounter("held_total", help: "Held") }
    let registry = PrometheusCollectorRegistry()
    let theirs = registry.makeCounter(descriptor: descriptor("held_total"))
    let bare = BareAtomic.make()

    Benchmark("a held counter inc - bare atomic") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                bare.value.wrappingAdd(1, ordering: .relaxed)
            }
        }
    }
    Benchmark("a held counter inc - ours IntCounter") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                intCounter.inc()
            }
        }
    }
    Benchmark("a held counter inc - ours Counter") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                counter.inc()
            }
        }
    }
    Benchmark("a held counter inc - swift-prometheus") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                theirs.increment()
            }
        }
    }
}
