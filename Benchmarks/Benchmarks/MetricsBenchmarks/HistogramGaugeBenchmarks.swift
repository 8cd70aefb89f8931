import Benchmark
import MetricsRuntime
import Prometheus

/// (d) Histogram observe with Dynamo's 11 buckets; the observations visit every bucket.
func registerHistogramBenchmarks() {
    let runtime = makeRuntime()
    let ours = must("histogram") {
        try runtime.metrics.makeHistogram("latency_seconds", help: "Latency", buckets: elevenBuckets)
    }
    let registry = PrometheusCollectorRegistry()
    let theirs = registry.makeValueHistogram(descriptor: descriptor("latency_seconds"), buckets: elevenBuckets)
    let bare = BareAtomic.make()

    Benchmark("d histogram observe 11 buckets - ours") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                ours.observe(observations[index & 1023])
            }
        }
    }
    Benchmark("d histogram observe 11 buckets - swift-prometheus") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                theirs.record(observations[index & 1023])
            }
        }
    }
    Benchmark("d histogram observe 11 buckets - bare atomic") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                bare.value.wrappingAdd(Int(observations[index & 1023]), ordering: .relaxed)
            }
        }
    }
}

/// (e) Gauge set and add on a held gauge.
func registerGaugeBenchmarks() {
    let runtime = makeRuntime()
    let ours = must("gauge") { try runtime.metrics.makeGauge("inflight", help: "In flight") }
    let oursInt = must("int gauge") { try runtime.metrics.makeIntGauge("inflight_int", help: "In flight") }
    let registry = PrometheusCollectorRegistry()
    let theirs = registry.makeGauge(descriptor: descriptor("inflight"))
    let bare = BareAtomic.make()

    Benchmark("e gauge set - ours Gauge") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                ours.set(Double(index))
            }
        }
    }
    Benchmark("e gauge set - ours IntGauge") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                oursInt.set(index)
            }
        }
    }
    Benchmark("e gauge set - swift-prometheus") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                theirs.set(to: Double(index))
            }
        }
    }
    Benchmark("e gauge set - bare atomic") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                bare.bits.store(Double(index).bitPattern, ordering: .relaxed)
            }
        }
    }
    Benchmark("e gauge add - ours Gauge") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                ours.inc(by: 1.5)
            }
        }
    }
    Benchmark("e gauge add - ours IntGauge") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                oursInt.inc(by: 2)
            }
        }
    }
    Benchmark("e gauge add - swift-prometheus") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                theirs.increment(by: 1.5)
            }
        }
    }
    Benchmark("e gauge add - bare atomic Double CAS") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                var current = bare.bits.load(ordering: .relaxed)
                while true {
                    let next = (Double(bitPattern: current) + 1.5).bitPattern
                    let (exchanged, original) = bare.bits.weakCompareExchange(
                        expected: current, desired: next, successOrdering: .relaxed, failureOrdering: .relaxed)
                    if exchanged { break }
                    current = original
                }
            }
        }
    }
    Benchmark("e gauge add - bare atomic") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                bare.value.wrappingAdd(2, ordering: .relaxed)
            }
        }
    }
}
