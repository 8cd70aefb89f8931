// `ExampleMetrics`, generated at build time by MetricsSchemaPlugin from
// schemas/example.metrics.yaml (listed in metrics-schema.json): everything the Dynamo metrics
// developer guide shows. Its own module because its `requests_total` would collide with
// metrics-demo's own schema if both were compiled into one target.
import MetricsRuntime

/// Records the developer guide's example values through the generated accessors.
public enum SeedExample {
    /// Binds `ExampleMetrics` to `endpoint` and records the guide's calls, one to one.
    public static func record(on endpoint: Endpoint) {
        let metrics = ExampleMetrics(endpoint)
        metrics.requestsTotal.inc()
        metrics.activeConnections.set(42)
        metrics.activeConnections.inc()
        metrics.activeConnections.dec()
        metrics.latencySeconds.observe(0.023)
        metrics.requestsByModel(modelType: "llama", modelSize: "7b").inc()
        metrics.gpuMemoryBytes(gpuId: "0", memoryType: .allocated).set(8192)
    }
}
