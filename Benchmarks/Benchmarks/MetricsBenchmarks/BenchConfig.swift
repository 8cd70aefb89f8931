import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Run lengths for the full suite and for the CI smoke mode.
enum BenchConfig {
    /// `METRICS_BENCH_SMOKE=1`: two tiny iterations per benchmark, no warm-up.
    static let smoke: Bool = getenv("METRICS_BENCH_SMOKE") != nil

    /// Wall time and allocations, the two figures every benchmark reports.
    static var metrics: [BenchmarkMetric] { [.wallClock, .mallocCountTotal] }

    /// Operations per scaled iteration of the hot-path benchmarks. The reported time and malloc
    /// count are per scaled iteration, i.e. per 1 000 operations: nanoseconds per 1 000
    /// operations read as picoseconds per operation, which keeps three significant digits.
    static var batch: Int { smoke ? 10 : 1_000 }

    /// Scaled iterations per sample of the hot-path benchmarks: 1 000 × ``batch`` = 1 M operations.
    static var opsScale: BenchmarkScalingFactor { smoke ? .one : .kilo }

    /// Nanosecond-scale operations (a–f): a million per sample, up to 1 s or 200 samples.
    static var hotPath: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: metrics,
            timeUnits: .nanoseconds,
            warmupIterations: smoke ? 0 : 2,
            scalingFactor: opsScale,
            maxDuration: smoke ? .milliseconds(50) : .seconds(1),
            maxIterations: smoke ? 2 : 200
        )
    }

    /// Microsecond-scale operations (swift-prometheus's per-call lookup in b): one batch of
    /// 1 000 operations per sample, so a sample is ~0.5 ms and the run gets many samples.
    static var slowHotPath: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: metrics,
            timeUnits: .nanoseconds,
            warmupIterations: smoke ? 0 : 10,
            scalingFactor: .one,
            maxDuration: smoke ? .milliseconds(50) : .seconds(1),
            maxIterations: smoke ? 2 : 500
        )
    }

    /// Millisecond-scale operations (g, h): one operation per sample, up to 2 s or 15 samples.
    static var slow: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: metrics,
            timeUnits: .nanoseconds,
            warmupIterations: smoke ? 0 : 1,
            scalingFactor: .one,
            maxDuration: smoke ? .milliseconds(50) : .seconds(2),
            maxIterations: smoke ? 1 : 15
        )
    }

    /// Series creation (i): 1 000 new series per sample; bytes still held afterwards per series.
    static var memory: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: metrics + [.memoryLeakedBytes],
            timeUnits: .nanoseconds,
            warmupIterations: smoke ? 0 : 1,
            scalingFactor: smoke ? .one : .kilo,
            maxDuration: smoke ? .milliseconds(50) : .seconds(1),
            maxIterations: smoke ? 2 : 20
        )
    }
}
