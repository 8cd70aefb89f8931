import GeneratedMetricsFixtures
import MetricsRuntime
import Synchronization
import Testing

/// Generated types with values given at bind time (`bound_labels:`, `prefix_parameter:`), log
/// buckets and `binding: raw`, against the runtime.
@Suite struct BindingTests {
    func lines(_ runtime: MetricsRuntime, _ prefix: String) throws -> [String] {
        try runtime.metrics.exposition(format: .prometheusText).split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix(prefix) }
    }

    @Test func boundLabelsAreOnEverySeries() throws {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("ns").component("router").endpoint("generate")
        let metrics = BindingMetrics(endpoint, routerId: "42", model: "Qwen/Qwen3-0.6B")
        metrics.requestsTotal(workerType: "decode").inc()
        metrics.ttftSeconds.observe(0.5)
        let hierarchy = #"dynamo_component="router",dynamo_endpoint="generate",dynamo_namespace="ns""#
        #expect(try lines(runtime, "fixture_router_requests_total") == [
            #"fixture_router_requests_total{\#(hierarchy),model="Qwen/Qwen3-0.6B",region="eu",router_id="42",worker_type="decode"} 1"#,
        ])
        let ttft = try lines(runtime, "fixture_router_ttft_seconds_bucket")
        #expect(ttft.map { $0.split(separator: "le=\"")[1].split(separator: "\"")[0] } == [
            "0", "0.0019", "0.0035", "0.0067", "0.013", "0.024", "0.045", "0.084", "0.16", "0.3", "0.56", "1.1", "2", "+Inf",
        ])
        #expect(ttft[0] == #"fixture_router_ttft_seconds_bucket{\#(hierarchy),model="Qwen/Qwen3-0.6B",router_id="42",le="0"} 0"#)
        #expect(try lines(runtime, "fixture_router_input_tokens_bucket").count == 13)
        // A second router on another endpoint: distinct series, no conflict.
        let other = BindingMetrics(runtime.namespace("ns").component("router").endpoint("other"), routerId: "43", model: "m")
        other.requestsTotal(workerType: "prefill").inc()
        #expect(try lines(runtime, "fixture_router_requests_total").count == 2)
    }

    @Test func rawBindingHasNoHierarchyLabelsAndTheNamePartIsGivenAtBindTime() throws {
        let errors = Mutex<[String]>([])
        var configuration = MetricsConfiguration()
        configuration.instanceID = 0x1f
        configuration.errorHandler = { error in errors.withLock { $0.append(error.description) } }
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("ns").component("backend").endpoint("generate")
        let metrics = RawTrackerMetrics(endpoint, tracker: "scheduler")
        metrics.tasksIssuedTotal.inc()
        metrics.workerLoad(workerId: "7").set(0.5)
        #expect(try lines(runtime, "fixture_component_scheduler_") == [
            "fixture_component_scheduler_tasks_issued_total 1",
            #"fixture_component_scheduler_worker_load{worker_id="7"} 0.5"#,
        ])
        #expect(RawTrackerMetrics.Names.tasksIssuedTotal.fullName(tracker: "scheduler") == "fixture_component_scheduler_tasks_issued_total")
        #expect(errors.withLock { $0 } == [])
        // A tracker name that cannot be part of a metric name is reported, never a crash.
        let bad = RawTrackerMetrics(endpoint, tracker: "my-tracker")
        bad.tasksIssuedTotal.inc()
        #expect(errors.withLock { $0 }.first == "'fixture_component_my-tracker_tasks_issued_total' is not a valid metric name: use letters, digits, '_' and ':', not starting with a digit")
    }
}
