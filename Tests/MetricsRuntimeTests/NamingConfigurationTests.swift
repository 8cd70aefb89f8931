import MetricsRuntime
import Testing

/// The configurable parts of naming: metric prefix, `withPrefix`, hierarchy label names and
/// `worker_id` from the instance ID.
@Suite struct NamingConfigurationTests {
    @Test func defaultsAreDynamos() {
        let configuration = MetricsConfiguration()
        #expect(configuration.metricPrefix == "dynamo_component")
        #expect(configuration.labelNames == HierarchyLabelNames(
            namespace: "dynamo_namespace", component: "dynamo_component", endpoint: "dynamo_endpoint",
            workerID: "worker_id"))
        #expect(configuration.instanceID == nil)
        #expect(configuration.seriesLimitPerFamily == 10_000)
        #expect(configuration.callbackFailurePolicy == .logAndContinue)
        #expect(Buckets.defaults == [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
    }

    @Test(arguments: [
        (UInt64(0x694d_9d78_249c_bd10), "694d9d78249cbd10"),
        (UInt64(0xABCDEF), "abcdef"),
        (UInt64(0), "0"),
        (UInt64.max, "ffffffffffffffff"),
    ])
    func workerIDIsLowerCaseHexOnEveryLevel(id: UInt64, hex: String) throws {
        var configuration = MetricsConfiguration()
        configuration.instanceID = id
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("ns").component("c").endpoint("e")
        try endpoint.metrics.makeIntCounter("requests_total", help: "Requests").inc()
        try runtime.metrics.makeIntGauge("root_gauge", help: "Root").set(1)
        expectSameText(maskingUptime(try runtime.metrics.exposition(), name: "dynamo_component_uptime_seconds"), """
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{dynamo_component="c",dynamo_endpoint="e",dynamo_namespace="ns",worker_id="\(hex)"} 1
            # HELP dynamo_component_root_gauge Root
            # TYPE dynamo_component_root_gauge gauge
            dynamo_component_root_gauge{worker_id="\(hex)"} 1
            \(uptimeHeader)
            dynamo_component_uptime_seconds{worker_id="\(hex)"} <uptime>

            """)
    }

    @Test func customPrefixAppliesToUserAndBuiltInMetrics() throws {
        var configuration = MetricsConfiguration()
        configuration.metricPrefix = "my_app"
        let runtime = MetricsRuntime(configuration: configuration)
        try runtime.namespace("ns").metrics.makeIntCounter("requests_total", help: "Requests").inc()
        expectSameText(maskingUptime(try runtime.metrics.exposition(), name: "my_app_uptime_seconds"), """
            # HELP my_app_requests_total Requests
            # TYPE my_app_requests_total counter
            my_app_requests_total{dynamo_namespace="ns"} 1
            # HELP my_app_uptime_seconds Total uptime of the DistributedRuntime in seconds
            # TYPE my_app_uptime_seconds gauge
            my_app_uptime_seconds <uptime>

            """)
    }

    @Test(arguments: [String?.none, .some("")])
    func noPrefix(prefix: String?) throws {
        var configuration = MetricsConfiguration()
        configuration.metricPrefix = prefix
        let runtime = MetricsRuntime(configuration: configuration)
        try runtime.namespace("ns").metrics.makeIntCounter("requests_total", help: "Requests").inc()
        expectSameText(maskingUptime(try runtime.metrics.exposition(), name: "uptime_seconds"), """
            # HELP requests_total Requests
            # TYPE requests_total counter
            requests_total{dynamo_namespace="ns"} 1
            # HELP uptime_seconds Total uptime of the DistributedRuntime in seconds
            # TYPE uptime_seconds gauge
            uptime_seconds <uptime>

            """)
    }

    @Test func withPrefixKeepsTheNodeAndItsLabels() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").component("c").metrics
        try metrics.withPrefix("dynamo_frontend").makeIntCounter("requests_total", help: "Frontend").inc()
        try metrics.withPrefix(nil).makeIntCounter("raw_total", help: "Raw").inc(by: 2)
        try metrics.makeIntCounter("requests_total", help: "Component").inc(by: 3)
        #expect(metrics.withPrefix("x").withPrefix(nil).fullName("a") == "a")
        #expect(metrics.withPrefix("x").fullName("a") == "x_a")
        #expect(metrics.fullName("a") == "dynamo_component_a")
        let labels = #"{dynamo_component="c",dynamo_namespace="ns"}"#
        expectSameText(try metrics.exposition(), """
            # HELP dynamo_component_requests_total Component
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total\(labels) 3
            # HELP dynamo_frontend_requests_total Frontend
            # TYPE dynamo_frontend_requests_total counter
            dynamo_frontend_requests_total\(labels) 1
            # HELP raw_total Raw
            # TYPE raw_total counter
            raw_total\(labels) 2

            """)
    }

    @Test func withPrefixViewGetsTheSameInstrumentForTheSameFullName() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").metrics
        let viaView = try metrics.withPrefix("dynamo_component").makeCounter("x_total", help: "X")
        let direct = try metrics.makeCounter("x_total", help: "X")
        #expect(viaView === direct)
    }

    @Test func customHierarchyLabelNames() throws {
        var configuration = MetricsConfiguration()
        configuration.labelNames = HierarchyLabelNames(
            namespace: "ns", component: "svc", endpoint: "route", workerID: "instance")
        configuration.instanceID = 0xFF
        let runtime = MetricsRuntime(configuration: configuration)
        let metrics = runtime.namespace("prod").component("api").endpoint("generate").metrics
        try metrics.makeIntCounter(
            "requests_total", help: "Requests", constantLabels: [("dynamo_namespace", "now-a-plain-label")]
        ).inc()
        expectSameText(try metrics.exposition(), """
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{dynamo_namespace="now-a-plain-label",instance="ff",ns="prod",route="generate",svc="api"} 1

            """)
        #expect(thrownError { try metrics.makeIntCounter("other_total", help: "O", constantLabels: [("svc", "x")]) }
            == .reservedLabelName("svc", metric: "dynamo_component_other_total",
                                  reason: "it is added automatically by the runtime hierarchy"))
    }

    /// An invalid configured label name must not reach the exposition: registration should fail
    /// with a typed error instead of producing text that every scraper rejects.
    @Test func invalidConfiguredLabelNameIsRejectedAtRegistration() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder) {
            $0.labelNames.namespace = "bad-name"
        })
        let metrics = runtime.namespace("ns").metrics
        let error = thrownError { try metrics.makeIntCounter("x_total", help: "X") }
        #expect(error == .invalidLabelName("bad-name", metric: "dynamo_component_x_total"))
        #expect(try !metrics.exposition().contains("bad-name="))
    }
}

/// `MetricsConfiguration.hierarchyLabelValues`: verbatim by default, Dynamo's spelling on request.
@Suite struct HierarchyLabelValueSpellingTests {
    func line(_ spelling: HierarchyLabelValueSpelling?) throws -> String {
        var configuration = MetricsConfiguration()
        if let spelling { configuration.hierarchyLabelValues = spelling }
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("dynamo-cloud").namespace("team.a").component("vllm-worker").endpoint("@@123")
        try endpoint.metrics.makeCounter("x_total", help: "X").inc()
        return try #require(try endpoint.metrics.exposition().split(separator: "\n").first { $0.hasPrefix("dynamo_component_x_total") })
            .description
    }

    @Test func verbatimByDefault() throws {
        #expect(try line(nil)
            == #"dynamo_component_x_total{dynamo_component="vllm-worker",dynamo_endpoint="@@123",dynamo_namespace="dynamo-cloud.team.a"} 1"#)
    }

    @Test func dynamoSpellingSanitizesLikeDynamo() throws {
        #expect(try line(.dynamo)
            == #"dynamo_component_x_total{dynamo_component="vllm_worker",dynamo_endpoint="_123",dynamo_namespace="dynamo_cloud_team_a"} 1"#)
    }
}
