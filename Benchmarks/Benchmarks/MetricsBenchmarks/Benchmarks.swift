import Benchmark

/// The whole suite, in issue order (a–i). Each benchmark name starts with its letter and ends
/// with the contender: `ours`, `swift-prometheus` or `bare atomic`.
///
/// `METRICS_BENCH_SMOKE=1` (see `.ci/benchmarks-smoke.sh`) shrinks every benchmark to a couple of
/// tiny iterations: it proves the suite compiles and runs, and measures nothing.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = BenchConfig.hotPath
    registerHeldCounterBenchmarks()      // a
    registerLookupBenchmarks()           // b, c
    registerHistogramBenchmarks()        // d
    registerGaugeBenchmarks()            // e
    registerContentionBenchmarks()       // f
    registerExpositionBenchmarks()       // g
    registerCodegenBenchmarks()          // h
    registerSeriesMemoryBenchmarks()     // i
    registerRealisticBenchmarks()        // issue 13: g2, b2
    registerRealisticSeriesBenchmarks()  // issue 13: i2, k
}
