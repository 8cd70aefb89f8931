import Benchmark
import MetricsRuntime
import Prometheus
import Synchronization

/// The hardware limit: one relaxed atomic add or store on a word inside a final class, which is
/// exactly what a held counter has to do at minimum.
final class BareAtomic: Sendable {
    let value = Atomic<Int>(0)
    let bits = Atomic<UInt64>(0)

    @inline(never)
    static func make() -> BareAtomic { BareAtomic() }
}

/// A runtime with no metric-name prefix and no series limit, so both libraries expose the same
/// names and hold the same series.
func makeRuntime() -> MetricsRuntime {
    var configuration = MetricsConfiguration()
    configuration.metricPrefix = nil
    configuration.seriesLimitPerFamily = 10_000_000
    return MetricsRuntime(configuration: configuration)
}

/// Runs a setup step that cannot fail with valid benchmark fixtures; stops the run loudly if it does.
func must<T>(_ what: String, _ body: () throws -> T) -> T {
    do {
        return try body()
    } catch {
        fatalError("benchmark fixture '\(what)' failed: \(error)")
    }
}

/// A swift-prometheus descriptor with help text, as a user of its non-deprecated API writes it.
func descriptor(_ name: String, help: String = "Benchmark metric") -> MetricNameDescriptor {
    MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
}

/// Dynamo's 11 default bucket bounds, used by both libraries' histograms.
let elevenBuckets: [Double] = Buckets.defaults

/// Observations that land in every bucket in turn (including `+Inf`), so the bucket search
/// does not always take the same branch.
let observations: [Double] = (0..<1024).map { index in
    let bounds = elevenBuckets + [elevenBuckets[elevenBuckets.count - 1] * 2]
    return bounds[index % bounds.count] * 0.9
}
