import MetricsOTLP
import MetricsRuntime

/// Hand-built snapshots covering every kind, int and double points, and label sets; the totals of
/// `round` grow so a test can tell a later export from an earlier one.
enum SnapshotFixtures {
    static func families(round: Int64) -> [MetricFamilySnapshot] {
        let hierarchy = [MetricLabel(name: "dynamo_component", value: "worker"), MetricLabel(name: "dynamo_namespace", value: "demo")]
        return [
            MetricFamilySnapshot(
                name: "demo_requests_total", kind: .counter, help: "Requests handled.", unit: nil,
                series: [
                    SeriesSnapshot(labels: hierarchy + [MetricLabel(name: "status", value: "ok")], value: .counter(.int(3 * round))),
                    SeriesSnapshot(labels: hierarchy + [MetricLabel(name: "status", value: "error")], value: .counter(.int(round))),
                ]),
            MetricFamilySnapshot(
                name: "demo_tokens_total", kind: .counter, help: "Tokens.", unit: nil,
                series: [SeriesSnapshot(labels: [], value: .counter(.double(2.5 * Double(round))))]),
            MetricFamilySnapshot(
                name: "demo_inflight", kind: .gauge, help: "In flight.", unit: nil,
                series: [SeriesSnapshot(labels: hierarchy, value: .gauge(.int(-2)))]),
            MetricFamilySnapshot(
                name: "demo_load_ratio", kind: .gauge, help: "Load.", unit: "ratio",
                series: [SeriesSnapshot(labels: [], value: .gauge(.double(0.75)))]),
            MetricFamilySnapshot(
                name: "vllm:engine_state", kind: .untyped, help: "Engine state.", unit: nil,
                series: [SeriesSnapshot(labels: [MetricLabel(name: "model", value: "m")], value: .untyped(.double(1)))]),
            MetricFamilySnapshot(
                name: "demo_duration_seconds", kind: .histogram, help: "Duration.", unit: "seconds",
                series: [
                    SeriesSnapshot(
                        labels: hierarchy,
                        value: .histogram(HistogramSnapshot(
                            upperBounds: [0.1, 0.5, 1], bucketCounts: [1, UInt64(2 * round), 0, 1],
                            sum: 2.5 + 0.25 * Double(2 * round - 2), count: UInt64(2 + 2 * round)))),
                ]),
            MetricFamilySnapshot(
                name: "demo_latency_seconds", kind: .summary, help: "Latency.", unit: nil,
                series: [
                    SeriesSnapshot(
                        labels: [],
                        value: .summary(SummarySnapshot(
                            quantiles: [SummaryQuantile(quantile: 0.5, value: 0.2), SummaryQuantile(quantile: 0.99, value: 1.5)],
                            sum: 12.5, count: UInt64(10 * round)))),
                ]),
        ]
    }

    /// What a receiver renders (``ReceivedExport/rendered``) for `families(round:)`.
    static func rendered(round: Int64, serviceName: String, extraResource: String = "") -> String {
        """
        resource service.name=\(serviceName)\(extraResource)
        scope swift-metrics-schema 0.1.0
        sum demo_requests_total monotonic cumulative help="Requests handled." unit=""
          {dynamo_component=worker,dynamo_namespace=demo,status=ok} int \(3 * round)
          {dynamo_component=worker,dynamo_namespace=demo,status=error} int \(round)
        sum demo_tokens_total monotonic cumulative help="Tokens." unit=""
          {} double \(2.5 * Double(round))
        gauge demo_inflight help="In flight." unit=""
          {dynamo_component=worker,dynamo_namespace=demo} int -2
        gauge demo_load_ratio help="Load." unit="ratio"
          {} double 0.75
        gauge vllm:engine_state help="Engine state." unit=""
          {model=m} double 1.0
        histogram demo_duration_seconds cumulative help="Duration." unit="seconds"
          {dynamo_component=worker,dynamo_namespace=demo} count \(2 + 2 * round) sum \(2.5 + 0.25 * Double(2 * round - 2)) bounds [0.1, 0.5, 1.0] counts [1, \(2 * round), 0, 1]
        summary demo_latency_seconds help="Latency." unit=""
          {} count \(10 * round) sum 12.5 quantiles [0.5: 0.2, 0.99: 1.5]

        """
    }
}
