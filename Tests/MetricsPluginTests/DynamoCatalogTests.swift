import DynamoMetrics
import MetricsRuntime
import Testing

/// `DynamoMetrics`: Dynamo's catalog (schemas/dynamo) compiled by the plugin. The name constants
/// must equal Dynamo's `prometheus_names`, and the accessors must expose what they record.
@Suite struct DynamoCatalogTests {
    @Test func nameConstantsMatchDynamosPrometheusNames() {
        #expect(FrontendServiceMetrics.Names.requestsTotal.fullName == "dynamo_frontend_requests_total")
        #expect(FrontendServiceMetrics.Names.tokenizerLatencyMs.fullName == "dynamo_frontend_tokenizer_latency_ms")
        #expect(FrontendServiceMetrics.Names.timeToFirstTokenSeconds.bucket == "dynamo_frontend_time_to_first_token_seconds_bucket")
        #expect(WorkHandlerMetrics.Names.requestDurationSeconds.count == "dynamo_component_request_duration_seconds_count")
        #expect(RouterMetrics.Names.routerWorkerRegistered.fullName == "dynamo_component_router_worker_registered")
        #expect(RoutingOverheadMetrics.Names.blockHashingMs.fullName == "dynamo_routing_overhead_block_hashing_ms")
        #expect(TransportMetrics.Names.natsErrorsTotal.fullName == "dynamo_transport_nats_errors_total")
        #expect(KvIndexerMetrics.Names.requestsTotal.fullName == "dynamo_kvindexer_requests_total")
        #expect(RequestPlaneMetrics.Names.roundtripTtftSeconds.sum == "dynamo_request_plane_roundtrip_ttft_seconds_sum")
        #expect(BackendAdmissionMetrics.Names.requestAdmitTotal.fullName == "dynamo_backend_admission_request_admit_total")
        #expect(TokioMetrics.Names.workerMeanPollTimeNs.fullName == "dynamo_tokio_worker_mean_poll_time_ns")
        #expect(KvStatsMetrics.Names.gpuCacheUsagePercent.fullName == "dynamo_component_gpu_cache_usage_percent")
        #expect(FrontendServiceMetrics.ErrorType.empty.rawValue == "")
        #expect(FrontendServiceMetrics.MigrationType.allCases.map(\.rawValue) == ["new_request", "ongoing_request"])
    }

    @Test func workHandlerMetricsOnAnEndpointPrecreateEveryErrorType() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime()
        let endpoint = runtime.namespace("dynamo").component("backend").endpoint("generate")
        let metrics = WorkHandlerMetrics(endpoint)

        metrics.requestsTotal.inc()
        metrics.inflightRequests.set(2)
        metrics.errorsTotal(errorType: .generate).inc()

        let exposition = try endpoint.metrics.exposition()
        let labels = #"dynamo_component="backend",dynamo_endpoint="generate",dynamo_namespace="dynamo""#
        let errors = exposition.split(separator: "\n").filter { $0.hasPrefix("dynamo_component_errors_total{") }
        #expect(errors == [
            "dynamo_component_errors_total{\(labels),error_type=\"deserialization\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"generate\"} 1",
            "dynamo_component_errors_total{\(labels),error_type=\"invalid_message\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"publish_final\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"publish_response\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"response_stream\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"serialization\"} 0",
        ])
        #expect(exposition.contains("\ndynamo_component_requests_total{\(labels)} 1\n"))
        #expect(exposition.contains("\ndynamo_component_inflight_requests{\(labels)} 2\n"))
        #expect(log.reported == [])
    }

    @Test func theWholeCatalogRegistersOnOneEndpointWithoutConflicts() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime()
        let endpoint = runtime.namespace("dynamo").component("frontend").endpoint("http")
        _ = FrontendServiceMetrics(endpoint)
        _ = FrontendPerfMetrics(endpoint)
        _ = WorkHandlerMetrics(endpoint)
        _ = WorkHandlerPoolMetrics(endpoint)
        _ = TaskTrackerMetrics(endpoint)
        _ = KvbmMetrics(endpoint)
        _ = RouterMetrics(endpoint)
        _ = RoutingOverheadMetrics(endpoint)
        _ = KvIndexerMetrics(endpoint)
        _ = RequestPlaneMetrics(endpoint)
        _ = TransportMetrics(endpoint)
        _ = KvRouterMetrics(endpoint)
        _ = KvPublisherMetrics(endpoint)
        _ = TokioMetrics(endpoint)
        _ = BackendAdmissionMetrics(endpoint)
        _ = KvStatsMetrics(endpoint)
        _ = ModelInfoMetrics(endpoint)
        // 159 metrics (all but the runtime's own uptime gauge); the 44 with an open label show no
        // family until a series is used, the other 115 (unlabeled or closed label sets) show at once.
        let families = try endpoint.metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }
        #expect(families.count == 115)
        #expect(log.reported == [])
    }
}
