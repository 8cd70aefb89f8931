import Benchmark
import MetricsCodegen
import MetricsSchema

/// A schema with `count` metrics, a quarter each of: int counters with two free labels, gauges
/// with one closed label, histograms with a label and 11 buckets, unlabeled counters.
func largeSchema(metricCount count: Int) -> String {
    var text = """
        version: 1
        prefix: bench
        type_name: LargeMetrics
        metrics:

        """
    for index in 0..<count {
        switch index % 4 {
        case 0:
            text += """
                  - name: requests_\(index)_total
                    type: counter
                    value: int
                    help: Requests of group \(index)
                    labels: [model, worker]

                """
        case 1:
            text += """
                  - name: queue_depth_\(index)
                    type: gauge
                    help: Queue depth of group \(index)
                    labels:
                      - name: state
                        values: [queued, running, finished]

                """
        case 2:
            text += """
                  - name: latency_\(index)_seconds
                    type: histogram
                    help: Latency of group \(index)
                    unit: seconds
                    labels: [model]
                    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

                """
        default:
            text += """
                  - name: bytes_\(index)_total
                    type: counter
                    value: int
                    help: Bytes of group \(index)

                """
        }
    }
    return text
}

/// (h) Checking a 1 000-metric schema and generating its Swift source, as `metrics-schema
/// generate` and the build plugin do (YAML parse, checks, rendering).
func registerCodegenBenchmarks() {
    let metricCount = BenchConfig.smoke ? 100 : 1_000
    Benchmark("h generate Swift from \(metricCount)-metric schema - ours", configuration: BenchConfig.slow) { (benchmark: Benchmark, text: String) in
        for _ in benchmark.scaledIterations {
            let compilation = SchemaCompiler.compile(sources: [(file: "large.metrics.yaml", text: text)])
            blackHole(SwiftGenerator.render(compilation.schemas).utf8.count)
        }
    } setup: {
        let text = largeSchema(metricCount: metricCount)
        let compilation = SchemaCompiler.compile(sources: [(file: "large.metrics.yaml", text: text)])
        if compilation.hasErrors || compilation.schemas.first?.metrics.count != metricCount {
            fatalError("the generated benchmark schema does not compile: \(compilation.diagnostics)")
        }
        return text
    }
}
