import MetricsRuntime
import Testing

/// The build plugin end to end: `inference.metrics.yaml` (in this target) and
/// `schemas/example.metrics.yaml` (listed in this target's `metrics-schema.json`) are compiled
/// while the target builds; these tests call the generated accessors and compare the exposition
/// byte for byte.
@Suite struct GeneratedAccessorTests {
    @Test func endpointBindingAddsHierarchyLabelsEnumLabelsAndConstantLabels() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime(instanceID: 0x694d_9d78_249c_bd10)
        let endpoint = runtime.namespace("inference").component("llm").endpoint("generate")
        let metrics = InferenceMetrics(endpoint)

        metrics.requestsTotal(model: "llama-3", outcome: .ok).inc(by: 2)
        metrics.requestsTotal(model: "llama-3", outcome: .no).inc()
        metrics.queueDepth(priority: .high).set(3)
        metrics.ttftSeconds.observe(0.25)
        metrics.ttftSeconds.observe(4)
        metrics.kvUsageRatio.set(0.5)

        let labels = #"dynamo_component="llm",dynamo_endpoint="generate",dynamo_namespace="inference""#
        let worker = #"worker_id="694d9d78249cbd10""#
        let expected = """
            # HELP plugin_test_kv_usage_ratio Fraction of the KV cache in use
            # TYPE plugin_test_kv_usage_ratio gauge
            plugin_test_kv_usage_ratio{\(labels),\(worker)} 0.5
            # HELP plugin_test_queue_depth Requests waiting, by priority
            # TYPE plugin_test_queue_depth gauge
            plugin_test_queue_depth{\(labels),priority="high",\(worker)} 3
            plugin_test_queue_depth{\(labels),priority="low",\(worker)} 0
            # HELP plugin_test_requests_total Requests served, by model and outcome
            # TYPE plugin_test_requests_total counter
            plugin_test_requests_total{\(labels),model="llama-3",outcome="no",region="eu-central",tier="gold",\(worker)} 1
            plugin_test_requests_total{\(labels),model="llama-3",outcome="ok",region="eu-central",tier="gold",\(worker)} 2
            # HELP plugin_test_ttft_seconds Time to first token
            # TYPE plugin_test_ttft_seconds histogram
            plugin_test_ttft_seconds_bucket{\(labels),\(worker),le="0.1"} 0
            plugin_test_ttft_seconds_bucket{\(labels),\(worker),le="0.5"} 1
            plugin_test_ttft_seconds_bucket{\(labels),\(worker),le="2.5"} 1
            plugin_test_ttft_seconds_bucket{\(labels),\(worker),le="+Inf"} 2
            plugin_test_ttft_seconds_sum{\(labels),\(worker)} 4.25
            plugin_test_ttft_seconds_count{\(labels),\(worker)} 2

            """
        expectText(try endpoint.metrics.exposition(), expected)
        #expect(log.reported == [])
    }

    @Test func staticAccessorsRecordOnTheSharedRootWithoutHierarchyLabels() throws {
        InferenceMetrics.queueDepth(priority: .low).inc()
        InferenceMetrics.requestsTotal(model: "mistral", outcome: .error).inc()
        InferenceMetrics.ttftSeconds.observe(0.1)

        // The shared root also holds other tests' metrics: keep this schema's prefix only.
        let ours = try MetricsRuntime.shared.metrics.exposition()
            .split(separator: "\n").filter { $0.contains(" plugin_test_") || $0.hasPrefix("plugin_test_") }
            .joined(separator: "\n")
        let expected = """
            # HELP plugin_test_kv_usage_ratio Fraction of the KV cache in use
            # TYPE plugin_test_kv_usage_ratio gauge
            plugin_test_kv_usage_ratio 0
            # HELP plugin_test_queue_depth Requests waiting, by priority
            # TYPE plugin_test_queue_depth gauge
            plugin_test_queue_depth{priority="high"} 0
            plugin_test_queue_depth{priority="low"} 1
            # HELP plugin_test_requests_total Requests served, by model and outcome
            # TYPE plugin_test_requests_total counter
            plugin_test_requests_total{model="mistral",outcome="error",region="eu-central",tier="gold"} 1
            # HELP plugin_test_ttft_seconds Time to first token
            # TYPE plugin_test_ttft_seconds histogram
            plugin_test_ttft_seconds_bucket{le="0.1"} 1
            plugin_test_ttft_seconds_bucket{le="0.5"} 1
            plugin_test_ttft_seconds_bucket{le="2.5"} 1
            plugin_test_ttft_seconds_bucket{le="+Inf"} 1
            plugin_test_ttft_seconds_sum 0.1
            plugin_test_ttft_seconds_count 1
            """
        expectText(ours, expected)
    }

    @Test func schemaListedInTheConfigFileCompilesTheSeedExample() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime()
        let endpoint = runtime.namespace("my_namespace").component("my_component").endpoint("my_endpoint")
        let metrics = ExampleMetrics(endpoint)

        metrics.requestsTotal.inc()
        metrics.activeConnections.set(42)
        metrics.activeConnections.inc()
        metrics.activeConnections.dec()
        metrics.latencySeconds.observe(0.023)
        metrics.requestsByModel(modelType: "llama", modelSize: "7b").inc()
        metrics.gpuMemoryBytes(gpuId: "0", memoryType: .allocated).set(8192)

        let labels = #"dynamo_component="my_component",dynamo_endpoint="my_endpoint",dynamo_namespace="my_namespace""#
        let expected = """
            # HELP dynamo_component_active_connections Active connections
            # TYPE dynamo_component_active_connections gauge
            dynamo_component_active_connections{\(labels)} 42
            # HELP dynamo_component_gpu_memory_bytes GPU memory by device
            # TYPE dynamo_component_gpu_memory_bytes gauge
            dynamo_component_gpu_memory_bytes{\(labels),gpu_id="0",memory_type="allocated"} 8192
            # HELP dynamo_component_latency_seconds Request latency
            # TYPE dynamo_component_latency_seconds histogram
            dynamo_component_latency_seconds_bucket{\(labels),le="0.001"} 0
            dynamo_component_latency_seconds_bucket{\(labels),le="0.01"} 0
            dynamo_component_latency_seconds_bucket{\(labels),le="0.1"} 1
            dynamo_component_latency_seconds_bucket{\(labels),le="1"} 1
            dynamo_component_latency_seconds_bucket{\(labels),le="10"} 1
            dynamo_component_latency_seconds_bucket{\(labels),le="+Inf"} 1
            dynamo_component_latency_seconds_sum{\(labels)} 0.023
            dynamo_component_latency_seconds_count{\(labels)} 1
            # HELP dynamo_component_requests_by_model Requests by model
            # TYPE dynamo_component_requests_by_model counter
            dynamo_component_requests_by_model{\(labels),model_size="7b",model_type="llama"} 1
            # HELP dynamo_component_requests_total Total requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{\(labels),env="prod",region="us-west"} 1

            """
        expectText(try endpoint.metrics.exposition(), expected)
        #expect(log.reported == [])
    }
}
