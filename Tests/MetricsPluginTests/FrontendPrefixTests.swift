import DynamoMetrics
import MetricsRuntime
import Testing

/// `DYN_METRICS_PREFIX`, as Dynamo's frontend reads it (`Metrics::new`): the frontend service
/// families take its sanitized value; the per-worker, router, LoRA and request-trace families
/// keep `dynamo_frontend_` (Dynamo names them with a constant prefix).
@Suite struct FrontendPrefixTests {
    func exposition(_ environment: [String: String]) throws -> (text: String, errors: [String]) {
        let log = ErrorLog()
        let runtime = log.makeRuntime(environment: environment)
        FrontendServiceMetrics(runtime).disconnectedClients.set(3)
        FrontendRouterMetrics(runtime).routerQueuePendingRequests(model: "m", workerType: "decode", policyClass: "default").set(1)
        let text = try runtime.raw.metrics.exposition(format: .prometheusText)
        return (text, log.reported.map(\.description))
    }

    func sampleNames(_ text: String) -> [String] {
        text.split(separator: "\n").filter { !$0.hasPrefix("#") && ($0.contains("disconnected_clients") || $0.contains("router_queue_pending_requests")) }
            .map(String.init)
    }

    @Test func unsetOrEmptyKeepsDynamoFrontend() throws {
        for environment in [[:], ["DYN_METRICS_PREFIX": ""]] {
            let (text, errors) = try exposition(environment)
            #expect(sampleNames(text) == [
                "dynamo_frontend_disconnected_clients 3",
                #"dynamo_frontend_router_queue_pending_requests{model="m",policy_class="default",worker_type="decode"} 1"#,
            ])
            #expect(errors == [])
        }
    }

    @Test func aValidPrefixRenamesOnlyTheServiceFamilies() throws {
        let (text, errors) = try exposition(["DYN_METRICS_PREFIX": "nv_llm_http_service"])
        #expect(sampleNames(text) == [
            #"dynamo_frontend_router_queue_pending_requests{model="m",policy_class="default",worker_type="decode"} 1"#,
            "nv_llm_http_service_disconnected_clients 3",
        ])
        #expect(errors == [])
    }

    @Test func aSanitizablePrefixIsUsedSanitizedAndReported() throws {
        let (text, errors) = try exposition(["DYN_METRICS_PREFIX": "my-prefix"])
        #expect(sampleNames(text).first == "dynamo_frontend_router_queue_pending_requests{model=\"m\",policy_class=\"default\",worker_type=\"decode\"} 1")
        #expect(sampleNames(text).last == "my_prefix_disconnected_clients 3")
        #expect(errors == ["environment variable DYN_METRICS_PREFIX='my-prefix': not a valid metric-name prefix; using it sanitized as 'my_prefix'"])
    }

    @Test func anUnsanitizablePrefixFallsBackToDynamoFrontendAndIsReported() throws {
        let (text, errors) = try exposition(["DYN_METRICS_PREFIX": "!!!"])
        #expect(sampleNames(text).first == "dynamo_frontend_disconnected_clients 3")
        #expect(errors == ["environment variable DYN_METRICS_PREFIX='!!!': not sanitizable into a metric-name prefix; using 'dynamo_frontend'"])
    }

    @Test func loraAndRequestTraceFamiliesKeepDynamoFrontend() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime(environment: ["DYN_METRICS_PREFIX": "nv_llm_http_service"])
        FrontendLoraMetrics(runtime).loraOverflowCount(endpoint: "dynamo.backend.generate").set(2)
        FrontendRequestTraceMetrics(runtime).requestTraceSamplingRecordsTotal(decision: .dropped, eventType: .toolEnd).inc()
        let text = try runtime.raw.metrics.exposition(format: .prometheusText)
        let samples = text.split(separator: "\n")
            .filter { !$0.hasPrefix("#") && ($0.contains("lora_overflow_count") || $0.hasSuffix(" 1")) }
            .map(String.init)
        #expect(samples == [
            #"dynamo_frontend_lora_overflow_count{endpoint="dynamo.backend.generate"} 2"#,
            #"dynamo_frontend_request_trace_sampling_records_total{decision="dropped",event_type="tool_end"} 1"#,
        ])
        #expect(log.reported == [])
    }
}
