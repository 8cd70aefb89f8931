import MetricsRuntime
import Testing

/// The seed guide's examples, translated one to one, and their exact exposition.
@Suite struct SeedExampleTests {
    @Test func endpointExpositionMatchesExactly() throws {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("my_namespace").component("my_component").endpoint("my_endpoint")

        let requestsTotal = try endpoint.metrics.makeCounter("requests_total", help: "Total requests")
        let activeConnections = try endpoint.metrics.makeGauge("active_connections", help: "Active connections")
        let latency = try endpoint.metrics.makeHistogram(
            "latency_seconds", help: "Request latency", buckets: [0.001, 0.01, 0.1, 1.0, 10.0])

        requestsTotal.inc()
        activeConnections.set(42.0)
        activeConnections.inc()
        activeConnections.dec()
        latency.observe(0.023)

        let requestsByModel = try endpoint.metrics.makeCounterVec(
            "requests_by_model", help: "Requests by model", labelNames: ["model_type", "model_size"])
        let memoryByGPU = try endpoint.metrics.makeGaugeVec(
            "gpu_memory_bytes", help: "GPU memory by device", labelNames: ["gpu_id", "memory_type"])
        try requestsByModel.withLabelValues("llama", "7b").inc()
        try memoryByGPU.withLabelValues("0", "allocated").set(8192.0)

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
            dynamo_component_requests_total{\(labels)} 1

            """
        #expect(try endpoint.metrics.exposition() == expected)
    }
}
