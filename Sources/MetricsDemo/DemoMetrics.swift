import MetricsRuntime

/// The metrics the demo records, with the exact values the end-to-end test expects Prometheus to see.
///
/// Hierarchy: namespace `demo` → component `worker` → endpoint `generate`. Every metric gets the
/// automatic labels `dynamo_namespace="demo"`, `dynamo_component="worker"`, `dynamo_endpoint="generate"`
/// and the default prefix `dynamo_component_`.
struct DemoMetrics {
    /// `dynamo_component_requests_total` = 3.
    let requests: Counter
    /// `dynamo_component_errors_total{error_type="timeout"}` = 2, `{error_type="validation"}` = 1.
    let errors: CounterVec
    /// `dynamo_component_inflight_requests` = 4.
    let inflight: IntGauge
    /// `dynamo_component_request_duration_seconds`: observations 0.05, 0.3, 0.3, 2 over buckets
    /// 0.1, 0.5, 1, 5 → cumulative 1, 3, 3, 4, +Inf 4; sum 2.65; count 4.
    let duration: Histogram

    static let durationBuckets: [Double] = [0.1, 0.5, 1, 5]

    init(runtime: MetricsRuntime) throws(MetricsError) {
        let endpoint = runtime.namespace("demo").component("worker").endpoint("generate")
        let metrics = endpoint.metrics
        requests = try metrics.makeCounter("requests_total", help: "Requests handled by the demo endpoint.")
        errors = try metrics.makeCounterVec(
            "errors_total", help: "Failed requests by error type.", labelNames: ["error_type"]
        )
        inflight = try metrics.makeIntGauge("inflight_requests", help: "Requests being handled now.")
        duration = try metrics.makeHistogram(
            "request_duration_seconds", help: "Time to handle a request.", buckets: Self.durationBuckets
        )
    }

    /// Records the known values listed on each property.
    func recordKnownValues() throws(MetricsError) {
        requests.inc()
        requests.inc(by: 2)
        try errors.withLabelValues("timeout").inc(by: 2)
        try errors.withLabelValues("validation").inc()
        inflight.set(4)
        for seconds in [0.05, 0.3, 0.3, 2] {
            duration.observe(seconds)
        }
    }
}
