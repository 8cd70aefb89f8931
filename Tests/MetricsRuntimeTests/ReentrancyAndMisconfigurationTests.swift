import MetricsRuntime
import Synchronization
import Testing

/// Callbacks and error handlers that call back into the runtime must not deadlock, and a bad
/// configuration is reported instead of crashing.
@Suite struct ReentrancyAndMisconfigurationTests {
    @Test func updateCallbackMayRegisterMetricsLazilyDuringTheScrape() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        metrics.addUpdateCallback {
            let lazy = try metrics.makeIntGauge("lazy", help: "Registered by a callback")
            lazy.inc()
            metrics.addUpdateCallback {}
        }
        expectSameText(try metrics.exposition(), """
            # HELP lazy Registered by a callback
            # TYPE lazy gauge
            lazy{dynamo_namespace="ns"} 1

            """)
        #expect(try metrics.exposition().hasSuffix("lazy{dynamo_namespace=\"ns\"} 2\n"))
    }

    @Test func expositionCallbackMayScrapeAnotherNode() throws {
        let runtime = MetricsRuntime()
        let child = runtime.namespace("ns").component("child")
        try child.metrics.withPrefix(nil).makeIntGauge("inner", help: "I").set(3)
        let other = runtime.namespace("other")
        other.metrics.addExpositionCallback { (try? child.metrics.exposition()) ?? "failed\n" }
        expectSameText(try other.metrics.exposition(), """
            # HELP inner I
            # TYPE inner gauge
            inner{dynamo_component="child",dynamo_namespace="ns"} 3

            """)
    }

    @Test func errorHandlerMayRecordIntoTheSameRuntime() throws {
        let box = Mutex<IntCounter?>(nil)
        var configuration = MetricsConfiguration()
        configuration.errorHandler = { _ in box.withLock { $0 }?.inc() }
        let runtime = MetricsRuntime(configuration: configuration)
        let errors = try runtime.metrics.withPrefix(nil).makeIntCounter("metric_errors_total", help: "E")
        box.withLock { $0 = errors }
        let family = try runtime.metrics.makeCounterVec("v_total", help: "V", labelNames: ["a", "b"])
        family.labels("only-one").inc()
        runtime.metrics.addUpdateCallback { throw CancellationError() }
        _ = try runtime.metrics.exposition()
        #expect(errors.get() == 2)
    }

    @Test func invalidConfiguredPrefixIsReportedNotFatal() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder) { $0.metricPrefix = "bad-prefix" })
        #expect(recorder.errors.first == .invalidMetricName("bad-prefix_uptime_seconds"))
        #expect(thrownError { try runtime.metrics.makeCounter("x_total", help: "X") }
            == .invalidMetricName("bad-prefix_x_total"))
        try runtime.metrics.withPrefix("good").makeCounter("x_total", help: "X").inc()
        #expect(try runtime.metrics.exposition() == "# HELP good_x_total X\n# TYPE good_x_total counter\ngood_x_total 1\n")
    }

    @Test func invalidWithPrefixViewThrowsTyped() {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix("9lives")
        #expect(thrownError { try metrics.makeGauge("g", help: "G") } == .invalidMetricName("9lives_g"))
    }

    @Test func negativeLimitBehavesLikeAFullFamilyWithoutCrashing() async {
        await #expect(processExitsWith: .success) {
            var configuration = MetricsConfiguration()
            configuration.seriesLimitPerFamily = -5
            configuration.errorHandler = { _ in }
            let runtime = MetricsRuntime(configuration: configuration)
            let family = try runtime.metrics.makeIntCounterVec("v_total", help: "V", labelNames: ["k"])
            family.labels("a").inc()
            try runtime.metrics.makeIntCounter("plain_total", help: "P").inc()
            _ = try runtime.metrics.exposition()
            _ = try runtime.metrics.exposition(format: .openMetrics)
        }
    }

    /// Two hierarchy labels configured with the same name would silently overwrite each other
    /// (the component's value replaces the namespace's); that must be a typed error.
    @Test func duplicateConfiguredHierarchyLabelNamesAreRejected() {
        let runtime = MetricsRuntime(configuration: recordingConfiguration(ErrorRecorder()) {
            $0.labelNames = HierarchyLabelNames(namespace: "scope", component: "scope", endpoint: "ep", workerID: "id")
        })
        let metrics = runtime.namespace("prod").component("api").metrics
        #expect(thrownError { try metrics.makeIntCounter("x_total", help: "X") }
            == .duplicateLabelName("scope", metric: "dynamo_component_x_total"))
    }
}
