import Benchmark
import MetricsRuntime
import Prometheus

/// Label values as a service receives them: built at run time (not literals), one longer than
/// the 15-byte small-string limit.
let modelType = String(decoding: Array("llama-3.1-8b-instruct".utf8), as: UTF8.self)
let modelSize = String(decoding: Array("8b".utf8), as: UTF8.self)

/// (b) The generated accessor with two string labels, per call, on an existing series; (c) the
/// generated accessor with enum labels.
func registerLookupBenchmarks() {
    let runtime = makeRuntime()
    let metrics = BenchMetrics(runtime)
    let held = metrics.requestsByModelTotal(modelType: modelType, modelSize: modelSize)
    let registry = PrometheusCollectorRegistry()
    let theirDescriptor = descriptor("bench_requests_by_model_total")
    let theirHeld = registry.makeCounter(
        descriptor: theirDescriptor, labels: [("model_type", modelType), ("model_size", modelSize)])
    let bare = BareAtomic.make()

    Benchmark("b string-label accessor - ours generated") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                metrics.requestsByModelTotal(modelType: modelType, modelSize: modelSize).inc()
            }
        }
    }
    Benchmark("b string-label accessor - ours held handle") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                held.inc()
            }
        }
    }
    Benchmark("b string-label accessor - swift-prometheus makeCounter", configuration: BenchConfig.slowHotPath) { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                registry.makeCounter(
                    descriptor: theirDescriptor, labels: [("model_type", modelType), ("model_size", modelSize)]
                ).increment()
            }
        }
    }
    Benchmark("b string-label accessor - swift-prometheus held handle") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                theirHeld.increment()
            }
        }
    }

    // (c) The label values change from call to call, as they do between requests; 16 entries
    // cycle through all 12 series.
    let methods = BenchMetrics.Method.allCases
    let classes = BenchMetrics.StatusClass.allCases
    let pairs = (0..<16).map { (methods[$0 % methods.count], classes[($0 / 2) % classes.count]) }
    Benchmark("c enum-label accessor - ours generated") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                let (method, statusClass) = pairs[index & 15]
                metrics.responsesTotal(method: method, statusClass: statusClass).inc()
            }
        }
    }
    Benchmark("c enum-label accessor - bare atomic") { benchmark in
        for _ in benchmark.scaledIterations {
            for _ in 0..<BenchConfig.batch {
                bare.value.wrappingAdd(1, ordering: .relaxed)
            }
        }
    }
    // The same rotation over 12 bare atomics: what indexing by the label values costs at least.
    let bares = (0..<12).map { _ in BareAtomic.make() }
    Benchmark("c enum-label accessor - bare atomics indexed") { benchmark in
        for batch in benchmark.scaledIterations {
            for index in batch &* BenchConfig.batch..<(batch &+ 1) &* BenchConfig.batch {
                let (method, statusClass) = pairs[index & 15]
                bares[method._seriesIndex * 3 + statusClass._seriesIndex].value.wrappingAdd(1, ordering: .relaxed)
            }
        }
    }
}
