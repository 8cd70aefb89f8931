import CoreMetrics
import MetricsRuntime
import Synchronization
import SwiftMetricsBackend
import Testing

/// swift-metrics instruments created with the runtime's factory land in the runtime's exposition.
@Suite struct RuntimeMetricsFactoryTests {
    private func factory(_ runtime: MetricsRuntime) -> RuntimeMetricsFactory {
        RuntimeMetricsFactory(registry: runtime.namespace("app").metrics.withPrefix(nil), timerBuckets: [0.01, 0.1, 1])
    }

    @Test func countersGaugesAndTimersAreExposedWithSortedDimensions() throws {
        let runtime = MetricsRuntime()
        let factory = factory(runtime)
        let requests = CoreMetrics.Counter(label: "http.requests", dimensions: [("status", "200"), ("method", "GET")], factory: factory)
        requests.increment(by: 3)
        // The same dimensions in another order are the same series.
        CoreMetrics.Counter(label: "http.requests", dimensions: [("method", "GET"), ("status", "200")], factory: factory).increment()
        CoreMetrics.Gauge(label: "queue-depth", factory: factory).record(7)
        let timer = CoreMetrics.Timer(label: "latency", dimensions: [("route", "/a")], factory: factory)
        timer.recordMilliseconds(50)
        timer.recordSeconds(2)

        let text = try runtime.namespace("app").metrics.exposition()
        #expect(text == """
            # HELP http_requests Recorded through swift-metrics as 'http.requests'
            # TYPE http_requests counter
            http_requests{dynamo_namespace="app",method="GET",status="200"} 4
            # HELP latency Recorded through swift-metrics as 'latency'
            # TYPE latency histogram
            latency_bucket{dynamo_namespace="app",route="/a",le="0.01"} 0
            latency_bucket{dynamo_namespace="app",route="/a",le="0.1"} 1
            latency_bucket{dynamo_namespace="app",route="/a",le="1"} 1
            latency_bucket{dynamo_namespace="app",route="/a",le="+Inf"} 2
            latency_sum{dynamo_namespace="app",route="/a"} 2.05
            latency_count{dynamo_namespace="app",route="/a"} 2
            # HELP queue_depth Recorded through swift-metrics as 'queue-depth'
            # TYPE queue_depth gauge
            queue_depth{dynamo_namespace="app"} 7

            """)
    }

    @Test func resetAndDestroy() throws {
        let runtime = MetricsRuntime()
        let factory = factory(runtime)
        let counter = CoreMetrics.Counter(label: "jobs_total", dimensions: [("kind", "a")], factory: factory)
        counter.increment(by: 5)
        counter.reset()
        #expect(try runtime.metrics.exposition().contains(#"jobs_total{dynamo_namespace="app",kind="a"} 0"#))
        counter.destroy()
        #expect(try !runtime.metrics.exposition().contains("jobs_total{"))
    }

    @Test func conflictingDimensionKeysAreReportedNotFatal() throws {
        let errors = Mutex<[MetricsError]>([])
        var configuration = MetricsConfiguration()
        configuration.errorHandler = { error in errors.withLock { $0.append(error) } }
        let runtime = MetricsRuntime(configuration: configuration)
        let factory = factory(runtime)
        CoreMetrics.Counter(label: "c_total", dimensions: [("a", "1")], factory: factory).increment()
        let other = CoreMetrics.Counter(label: "c_total", dimensions: [("b", "1")], factory: factory)
        other.increment()
        let conflict = MetricsError.conflictingRegistration(metric: "c_total", difference: "label names [a], not [b]")
        #expect(errors.withLock { $0 } == [.swiftMetricsRegistrationFailed(label: "c_total", metric: "c_total", reason: conflict.description)])
        #expect(errors.withLock { $0 }.first?.description == """
            swift-metrics metric 'c_total' (exposed as 'c_total') is missing from the exposition: \
            metric 'c_total' is already registered with label names [a], not [b]; use the same definition everywhere or another name; \
            give 'c_total' the same kind and dimension keys wherever it is created, or rename it or the metric it collides with
            """)
        let text = try runtime.namespace("app").metrics.exposition()
        #expect(text.contains(#"c_total{a="1",dynamo_namespace="app"} 1"#))
        #expect(text.contains(#"dynamo_component_swift_metrics_registration_failures_total{dynamo_namespace="app",label="c_total"} 1"#))
    }

    @Test func neutralProfileCountsFailuresUnderMetricsRuntime() throws {
        var configuration = MetricsConfiguration.neutral
        configuration.errorHandler = { _ in }
        let runtime = MetricsRuntime(configuration: configuration)
        let factory = RuntimeMetricsFactory(registry: runtime.metrics)
        CoreMetrics.Counter(label: "jobs", factory: factory).increment()
        CoreMetrics.Gauge(label: "jobs", factory: factory).record(1)
        CoreMetrics.Gauge(label: "jobs", factory: factory).record(2)
        #expect(try runtime.metrics.exposition().contains("""
            # HELP metrics_runtime_swift_metrics_registration_failures_total Metrics recorded through swift-metrics that \
            could not be registered and are missing from the exposition, by swift-metrics label
            # TYPE metrics_runtime_swift_metrics_registration_failures_total counter
            metrics_runtime_swift_metrics_registration_failures_total{label="jobs"} 2

            """))
    }
}
