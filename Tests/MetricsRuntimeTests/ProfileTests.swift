import MetricsRuntime
import Testing

/// The two configuration presets: Dynamo's names byte for byte (the default), and neutral ones.
@Suite struct ProfileTests {
    /// The exposition with the uptime value masked (the only value that changes between runs).
    private func masked(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("metrics_runtime_uptime_seconds ") || line.hasPrefix("dynamo_component_uptime_seconds ")
                ? String(line.prefix { $0 != " " }) + " <uptime>" : String(line)
        }.joined(separator: "\n")
    }

    @Test func neutralServiceSeesNoDynamoNameAnywhere() throws {
        let runtime = MetricsRuntime(configuration: .neutral)
        try runtime.metrics.makeIntCounter("requests_total", help: "Requests served").inc()
        let text = masked(try runtime.metrics.exposition())
        #expect(text == """
            # HELP metrics_runtime_uptime_seconds Time since the metrics runtime started, in seconds
            # TYPE metrics_runtime_uptime_seconds gauge
            metrics_runtime_uptime_seconds <uptime>
            # HELP requests_total Requests served
            # TYPE requests_total counter
            requests_total 1

            """)
        #expect(!text.contains("dynamo"))
        #expect(runtime.configuration.profile.loggerLabel("server") == "metrics.server")
    }

    @Test func neutralHierarchyLabelsAppearOnlyUnderANamespace() throws {
        let runtime = MetricsRuntime(configuration: .neutral)
        let endpoint = runtime.namespace("shop").component("checkout").endpoint("pay")
        try endpoint.metrics.makeGauge("queue_depth", help: "Queued jobs").set(3)
        #expect(try endpoint.metrics.exposition() == """
            # HELP queue_depth Queued jobs
            # TYPE queue_depth gauge
            queue_depth{component="checkout",endpoint="pay",namespace="shop"} 3

            """)
    }

    @Test func dynamoPresetIsTheDefaultAndUnchanged() throws {
        for configuration in [MetricsConfiguration(), MetricsConfiguration.dynamo] {
            let runtime = MetricsRuntime(configuration: configuration)
            let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
            try endpoint.metrics.makeIntCounter("requests_total", help: "Total requests").inc()
            #expect(masked(try runtime.metrics.exposition()) == """
                # HELP dynamo_component_requests_total Total requests
                # TYPE dynamo_component_requests_total counter
                dynamo_component_requests_total{dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="ns"} 1
                # HELP dynamo_component_uptime_seconds Total uptime of the DistributedRuntime in seconds
                # TYPE dynamo_component_uptime_seconds gauge
                dynamo_component_uptime_seconds <uptime>

                """)
            #expect(configuration.profile == .dynamo)
            #expect(configuration.profile.loggerLabel("server") == "dynamo.metrics_server")
        }
    }

    @Test func dynamoBuiltInsFollowACustomPrefix() throws {
        var configuration = MetricsConfiguration.dynamo
        configuration.metricPrefix = "svc"
        #expect(try MetricsRuntime(configuration: configuration).metrics.exposition()
            .hasPrefix("# HELP svc_uptime_seconds Total uptime of the DistributedRuntime in seconds\n"))
    }

    /// Static accessors (root) and a bound instance (under a namespace) of one schema: one warning.
    @Test func oneFamilyOnTheRootAndUnderANamespaceIsReportedOnce() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder))
        let onRoot = try runtime.metrics.makeCounter("jobs_total", help: "Jobs")
        let endpoint = runtime.namespace("ns").component("c").endpoint("e")
        _ = try endpoint.metrics.makeCounter("jobs_total", help: "Jobs")
        _ = try runtime.namespace("other").metrics.makeCounter("jobs_total", help: "Jobs")
        _ = try runtime.metrics.makeCounter("jobs_total", help: "Jobs")
        onRoot.inc()
        #expect(recorder.errors == [.mixedHierarchyRegistration(metric: "dynamo_component_jobs_total")])
        #expect(recorder.errors.first?.description == """
            warning: metric 'dynamo_component_jobs_total' is registered both on the runtime root (without hierarchy labels, \
            e.g. a generated type's static accessors) and under a namespace (with hierarchy labels, e.g. a bound instance \
            Type(endpoint)), so it is exposed as two sets of series with different labels; use either the static accessors \
            or bound instances of one schema, not both
            """)
    }

    @Test func oneFamilyOnManyEndpointsIsNotAMix() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder))
        for name in ["a", "b"] {
            _ = try runtime.namespace("ns").component("c").endpoint(name).metrics.makeCounter("jobs_total", help: "Jobs")
        }
        #expect(recorder.errors.isEmpty)
    }
}
