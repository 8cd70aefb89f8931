import GeneratedMetricsFixtures
import MetricsRuntime
import Synchronization
import Testing

/// Runs the committed generator output against the runtime: registration, exposition, pre-created
/// series, hierarchy labels, name constants and the failure path.
@Suite struct GeneratedMetricsTests {
    /// The exposition lines of the families whose names start with one of `prefixes`.
    func lines(_ runtime: MetricsRuntime, _ prefixes: String..., format: ExpositionFormat = .prometheusText) throws -> [String] {
        try runtime.metrics.exposition(format: format).split(separator: "\n").map(String.init).filter { line in
            prefixes.contains { line.hasPrefix($0) || line.hasPrefix("# HELP \($0)") || line.hasPrefix("# TYPE \($0)") || line.hasPrefix("# UNIT \($0)") }
        }
    }

    @Test func unlabeledMetricsAreRegisteredAndRecorded() throws {
        let runtime = MetricsRuntime()
        let metrics = GoldenMetrics(runtime)
        metrics.requestsTotal.inc()
        metrics.activeConnections.set(42)
        metrics.latencySeconds.observe(0.05)
        #expect(try lines(runtime, "dynamo_component_requests_total", "dynamo_component_active_connections") == [
            "# HELP dynamo_component_active_connections Active connections",
            "# TYPE dynamo_component_active_connections gauge",
            "dynamo_component_active_connections 42",
            "# HELP dynamo_component_requests_total Total requests",
            "# TYPE dynamo_component_requests_total counter",
            #"dynamo_component_requests_total{env="prod",region="us-west"} 1"#,
        ])
        #expect(try lines(runtime, "dynamo_component_latency_seconds") == [
            "# HELP dynamo_component_latency_seconds Request latency",
            "# TYPE dynamo_component_latency_seconds histogram",
            #"dynamo_component_latency_seconds_bucket{le="0.001"} 0"#,
            #"dynamo_component_latency_seconds_bucket{le="0.01"} 0"#,
            #"dynamo_component_latency_seconds_bucket{le="0.1"} 1"#,
            #"dynamo_component_latency_seconds_bucket{le="1"} 1"#,
            #"dynamo_component_latency_seconds_bucket{le="10"} 1"#,
            #"dynamo_component_latency_seconds_bucket{le="+Inf"} 1"#,
            "dynamo_component_latency_seconds_sum 0.05",
            "dynamo_component_latency_seconds_count 1",
        ])
    }

    @Test func unitReachesOpenMetrics() throws {
        let runtime = MetricsRuntime()
        _ = GoldenMetrics(runtime)
        let header = try Array(lines(runtime, "dynamo_component_latency_seconds", format: .openMetrics).prefix(3))
        #expect(header == [
            "# HELP dynamo_component_latency_seconds Request latency",
            "# TYPE dynamo_component_latency_seconds histogram",
            "# UNIT dynamo_component_latency_seconds seconds",
        ])
    }

    @Test func openLabelsGoThroughTheFamily() throws {
        let runtime = MetricsRuntime()
        let metrics = GoldenMetrics(runtime)
        metrics.requestsByModelTotal(modelType: "llama", modelSize: "7b").inc(by: 2)
        metrics.gpuMemoryBytes(gpuId: "0", memoryType: .reserved).set(8192)
        metrics.fiveLabelsTotal(a: "1", b: "2", c: "3", d: "4", e: "5").inc()
        #expect(try lines(runtime, "dynamo_component_requests_by_model_total", "dynamo_component_gpu_memory_bytes", "dynamo_component_five_labels_total")
            .filter { !$0.hasPrefix("#") } == [
                #"dynamo_component_five_labels_total{a="1",b="2",c="3",d="4",e="5"} 1"#,
                #"dynamo_component_gpu_memory_bytes{gpu_id="0",memory_type="reserved"} 8192"#,
                #"dynamo_component_requests_by_model_total{model_size="7b",model_type="llama"} 2"#,
            ])
    }

    @Test func closedSetsArePrecreatedAndIndexedByTheirCases() throws {
        let runtime = MetricsRuntime()
        let metrics = GoldenMetrics(runtime)
        #expect(try lines(runtime, "dynamo_component_stage_requests").filter { !$0.hasPrefix("#") }.count == 6)
        var value = 1
        for stage in GoldenMetrics.Stage.allCases {
            for outcome in GoldenMetrics.Outcome.allCases {
                metrics.stageRequests(stage: stage, outcome: outcome).set(value)
                value += 1
            }
        }
        #expect(try lines(runtime, "dynamo_component_stage_requests").filter { !$0.hasPrefix("#") } == [
            #"dynamo_component_stage_requests{outcome="error",stage="dispatch"} 6"#,
            #"dynamo_component_stage_requests{outcome="error",stage="preprocess"} 2"#,
            #"dynamo_component_stage_requests{outcome="error",stage="route"} 4"#,
            #"dynamo_component_stage_requests{outcome="success",stage="dispatch"} 5"#,
            #"dynamo_component_stage_requests{outcome="success",stage="preprocess"} 1"#,
            #"dynamo_component_stage_requests{outcome="success",stage="route"} 3"#,
        ])
        metrics.errorsTotal(errorType: .empty).inc()
        metrics.errorsTotal(errorType: .notFound).inc(by: 2)
        #expect(try lines(runtime, "dynamo_component_errors_total").filter { !$0.hasPrefix("#") } == [
            "dynamo_component_errors_total 1",
            #"dynamo_component_errors_total{error_type="not_found"} 2"#,
            #"dynamo_component_errors_total{error_type="validation"} 0"#,
        ])
    }

    @Test func instancesBoundToANodeGetItsLabels() throws {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("dynamo").component("backend").endpoint("generate")
        GoldenMetrics(endpoint).requestsTotal.inc()
        EdgeCaseMetrics(endpoint).switchState(in: .no, type: .b).set(1)
        let exposition = try lines(runtime, "dynamo_component_requests_total", "switch_state").filter { !$0.hasPrefix("#") }
        #expect(exposition.contains(
            #"dynamo_component_requests_total{dynamo_component="backend",dynamo_endpoint="generate",dynamo_namespace="dynamo",env="prod",region="us-west"} 1"#))
        #expect(exposition.contains(
            #"switch_state{dynamo_component="backend",dynamo_endpoint="generate",dynamo_namespace="dynamo",in="no",type="b"} 1"#))
    }

    @Test func aConflictingRegistrationIsReportedAndNeverCrashes() throws {
        let errors = Mutex<[MetricsError]>([])
        var configuration = MetricsConfiguration()
        configuration.errorHandler = { error in errors.withLock { $0.append(error) } }
        let runtime = MetricsRuntime(configuration: configuration)
        _ = try runtime.metrics.withPrefix("dynamo_component").makeGauge("requests_total", help: "Something else")
        let metrics = GoldenMetrics(runtime)
        metrics.requestsTotal.inc()
        #expect(metrics.requestsTotal.get() == 1)
        #expect(errors.withLock { $0.count } == 1)
        #expect(try lines(runtime, "dynamo_component_requests_total") == [
            "# HELP dynamo_component_requests_total Something else",
            "# TYPE dynamo_component_requests_total gauge",
            "dynamo_component_requests_total 0",
        ])
    }

    @Test func aSecondInstanceOnTheSameNodeSharesTheSeries() throws {
        let errors = Mutex<[MetricsError]>([])
        var configuration = MetricsConfiguration()
        configuration.errorHandler = { error in errors.withLock { $0.append(error) } }
        let runtime = MetricsRuntime(configuration: configuration)
        let first = GoldenMetrics(runtime)
        let second = GoldenMetrics(runtime)
        first.requestsTotal.inc()
        second.requestsTotal.inc()
        #expect(first.requestsTotal.get() == 2)
        #expect(first.stageRequests(stage: .route, outcome: .error) === second.stageRequests(stage: .route, outcome: .error))
        #expect(errors.withLock { $0.isEmpty })
    }

    @Test func staticAccessorsForwardToShared() {
        #expect(GoldenMetrics.requestsTotal === GoldenMetrics.shared.requestsTotal)
        #expect(GoldenMetrics.stageRequests(stage: .route, outcome: .error) === GoldenMetrics.shared.stageRequests(stage: .route, outcome: .error))
        #expect(EdgeCaseMetrics.default === EdgeCaseMetrics.shared.default)
        #expect(EdgeCaseMetrics.shadowingTotal(shared: "a", node: "b") === EdgeCaseMetrics.shared.shadowingTotal(shared: "a", node: "b"))
    }

    @Test func nameConstantsAndRawValues() {
        #expect(GoldenMetrics.metricPrefix == "dynamo_component")
        #expect(EdgeCaseMetrics.metricPrefix == "")
        #expect(GoldenMetrics.Names.requestsTotal.name == "requests_total")
        #expect(GoldenMetrics.Names.requestsTotal.fullName == "dynamo_component_requests_total")
        #expect(GoldenMetrics.Names.latencySeconds.bucket == "dynamo_component_latency_seconds_bucket")
        #expect(GoldenMetrics.Names.latencySeconds.sum == "dynamo_component_latency_seconds_sum")
        #expect(GoldenMetrics.Names.latencySeconds.count == "dynamo_component_latency_seconds_count")
        #expect(GoldenMetrics.Names.latencySeconds.unit == "seconds")
        #expect(GoldenMetrics.Names.gpuMemoryBytes.Labels.memoryType == "memory_type")
        #expect(EdgeCaseMetrics.Names.default.fullName == "default")
        #expect(EdgeCaseMetrics.Names.switchState.Labels.in == "in")
        #expect(EdgeCaseMetrics.In.allCases.map(\.rawValue) == ["no", "on", "off", "7b", "model-x", "class"])
        #expect(EdgeCaseMetrics.In._7b.rawValue == "7b")
        #expect(EdgeCaseMetrics.In.modelX.rawValue == "model-x")
        #expect(EdgeCaseMetrics.ClassTotalType.allCases.map(\.rawValue) == ["x", "y", "z"])
        #expect(GoldenMetrics.ErrorType.empty.rawValue == "")
    }

    /// #11 item 7: closed values named like keywords compile (backticks) or take their `swift_name`;
    /// the schema's `access: package` makes the declarations package-wide (this test is another module).
    @Test func keywordValuesAndExplicitSwiftNames() throws {
        let runtime = MetricsRuntime()
        let metrics = EdgeCaseMetrics(runtime)
        metrics.keywordValues(kind: .`init`).set(1)
        metrics.keywordValues(kind: .`Type`).set(2)
        metrics.keywordValues(kind: .capitalSelf).set(3)
        metrics.keywordFamily(kind: .plus, model: "m").set(4)
        #expect(EdgeCaseMetrics.Kind.allCases.map(\.rawValue) == ["init", "self", "Type", "Protocol", "default", "class", "deinit", "subscript", "Self", "+"])
        #expect(Set(try lines(runtime, "keyword_values{kind=\"init\"}", "keyword_values{kind=\"Type\"}", "keyword_values{kind=\"Self\"}", "keyword_family{")) == [
            #"keyword_family{kind="+",model="m"} 4"#,
            #"keyword_values{kind="init"} 1"#,
            #"keyword_values{kind="Type"} 2"#,
            #"keyword_values{kind="Self"} 3"#,
        ])
    }

    /// #12 item 1: a deprecated metric is still registered and exposed, its HELP says since when.
    @Test func deprecatedMetricsSayItInTheirHelp() throws {
        let runtime = MetricsRuntime()
        _ = GoldenMetrics(runtime)
        #expect(try lines(runtime, "dynamo_component_legacy_requests_total") == [
            "# HELP dynamo_component_legacy_requests_total (Deprecated since 1.4.0) Requests, counted the old way",
            "# TYPE dynamo_component_legacy_requests_total counter",
            "dynamo_component_legacy_requests_total 0",
        ])
    }
}
