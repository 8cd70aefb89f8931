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
        #expect(RouterWorkerStatusMetrics.Names.routerWorkerRegistered.fullName == "dynamo_component_router_worker_registered")
        #expect(RoutingOverheadMetrics.Names.overheadBlockHashingMs.fullName == "dynamo_router_overhead_block_hashing_ms")
        #expect(RoutingOverheadMetrics.Names.sharedCacheErrorsTotal.fullName == "dynamo_router_shared_cache_errors_total")
        #expect(TaskTrackerMetrics.Names.tasksIssuedTotal.fullName(tracker: "scheduler") == "dynamo_component_scheduler_tasks_issued_total")
        #expect(TransportMetrics.Names.natsErrorsTotal.fullName == "dynamo_transport_nats_errors_total")
        #expect(KvIndexerMetrics.Names.requestsTotal.fullName == "dynamo_kvindexer_requests_total")
        #expect(RequestPlaneMetrics.Names.roundtripTtftSeconds.sum == "dynamo_request_plane_roundtrip_ttft_seconds_sum")
        #expect(BackendAdmissionMetrics.Names.requestAdmitTotal.fullName == "dynamo_backend_admission_request_admit_total")
        #expect(TokioMetrics.Names.workerMeanPollTimeNs.fullName == "dynamo_tokio_worker_mean_poll_time_ns")
        #expect(KvStatsMetrics.Names.gpuCacheUsagePercent.fullName == "dynamo_component_gpu_cache_usage_percent")
        #expect(FrontendRouterMetrics.Names.routerQueueBackpressureTotal.fullName == "dynamo_frontend_router_queue_backpressure_total")
        #expect(RouterZmqIngressMetrics.Names.routerKvZmqIngressBatchesTotal.fullName == "dynamo_component_router_kv_zmq_ingress_batches_total")
        #expect(RouterCacheReuseMetrics.Names.routerKvWorkerReusedTokensTotal.fullName == "dynamo_component_router_kv_worker_reused_tokens_total")
        #expect(KvRouterIndexerMetrics.Names.kvCacheEventWarnings.fullName == "dynamo_kvrouter_kv_cache_event_warnings")
        #expect(KvbmMetrics.Names.transferD2hSeconds.bucket == "kvbm_transfer_d2h_seconds_bucket")
        #expect(EppMetrics.Names.cachedTokens.fullName == "dynamo_epp_cached_tokens")
        #expect(EppMetrics.Names.phaseDurationSeconds.bucket == "dynamo_epp_phase_duration_seconds_bucket")
        #expect(RouterMetrics.Names.routerNonMaxOverlapSelectionsTotal.fullName == "dynamo_component_router_non_max_overlap_selections_total")
        #expect(KvRouterIndexerMetrics.Names.ckfMutationTotal.fullName == "dynamo_kvrouter_ckf_mutation_total")
        #expect(KvIndexerMetrics.Names.listeners.fullName == "dynamo_kvindexer_listeners")
        #expect(FrontendLoraMetrics.Names.loraReplicaFactor.fullName == "dynamo_frontend_lora_replica_factor")
        #expect(FrontendRequestTraceMetrics.Names.requestTraceSamplingRecordsTotal.fullName == "dynamo_frontend_request_trace_sampling_records_total")
        #expect(RequestPlaneMetrics.Names.ackFlushSeconds.count == "dynamo_request_plane_ack_flush_seconds_count")
        #expect(TokioMetrics.Names.queueOverloadWarningsTotal.fullName == "dynamo_tokio_queue_overload_warnings_total")
        #expect(FrontendServiceMetrics.ErrorType.empty.rawValue == "")
        #expect(FrontendServiceMetrics.MigrationType.allCases.map(\.rawValue) == ["new_request", "ongoing_request"])
    }

    @Test func workHandlerMetricsOnAnEndpointPrecreateEveryErrorType() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime()
        let endpoint = runtime.namespace("dynamo").component("backend").endpoint("generate")
        let metrics = WorkHandlerMetrics(endpoint, model: "Qwen/Qwen3-0.6B")

        metrics.requestsTotal.inc()
        metrics.inflightRequests.set(2)
        metrics.errorsTotal(errorType: .generate).inc()

        let exposition = try endpoint.metrics.exposition()
        let labels = #"dynamo_component="backend",dynamo_endpoint="generate",dynamo_namespace="dynamo""#
        let errors = exposition.split(separator: "\n").filter { $0.hasPrefix("dynamo_component_errors_total{") }
        #expect(errors == [
            "dynamo_component_errors_total{\(labels),error_type=\"deserialization\",model=\"Qwen/Qwen3-0.6B\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"generate\",model=\"Qwen/Qwen3-0.6B\"} 1",
            "dynamo_component_errors_total{\(labels),error_type=\"invalid_message\",model=\"Qwen/Qwen3-0.6B\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"publish_final\",model=\"Qwen/Qwen3-0.6B\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"publish_response\",model=\"Qwen/Qwen3-0.6B\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"response_stream\",model=\"Qwen/Qwen3-0.6B\"} 0",
            "dynamo_component_errors_total{\(labels),error_type=\"serialization\",model=\"Qwen/Qwen3-0.6B\"} 0",
        ])
        #expect(exposition.contains("\ndynamo_component_requests_total{\(labels),model=\"Qwen/Qwen3-0.6B\"} 1\n"))
        #expect(exposition.contains("\ndynamo_component_inflight_requests{\(labels),model=\"Qwen/Qwen3-0.6B\"} 2\n"))
        #expect(log.reported == [])
    }

    @Test func theWholeCatalogRegistersOnOneRuntimeWithoutASingleError() throws {
        let log = ErrorLog()
        let runtime = log.makeRuntime(instanceID: 0x1a2b)
        let component = runtime.namespace("dynamo").component("backend")
        let endpoint = component.endpoint("generate")
        // The runtime's own gauge: the same definition as the built-in one, so this is get-or-create.
        _ = DistributedRuntimeMetrics(runtime)
        _ = FrontendServiceMetrics(runtime)
        _ = FrontendPerfMetrics(runtime)
        _ = FrontendRouterMetrics(runtime)
        _ = FrontendLoraMetrics(runtime)
        _ = FrontendRequestTraceMetrics(runtime)
        _ = WorkHandlerMetrics(endpoint, model: "Qwen/Qwen3-0.6B")
        _ = WorkHandlerPerfMetrics(endpoint)
        _ = WorkHandlerPoolMetrics(endpoint)
        _ = WorkHandlerPoolSheddingMetrics(endpoint)
        _ = TaskTrackerMetrics(component, tracker: "scheduler")
        _ = KvbmMetrics(runtime)
        _ = RouterMetrics(component, routerId: "7")
        _ = RouterWorkerStatusMetrics(component)
        _ = RoutingOverheadMetrics(component, routerId: "7")
        _ = KvIndexerMetrics(runtime)
        _ = RequestPlaneMetrics(runtime)
        _ = TransportMetrics(runtime)
        _ = KvRouterMetrics(component)
        _ = KvPublisherMetrics(component)
        _ = TokioMetrics(runtime)
        _ = BackendAdmissionMetrics(runtime)
        _ = KvStatsMetrics(component)
        _ = ModelInfoMetrics(component)
        _ = RouterZmqIngressMetrics(component)
        _ = RouterCacheReuseMetrics(component, routerId: "7")
        _ = KvRouterIndexerMetrics(runtime)
        _ = EppMetrics(runtime)
        let text = try runtime.metrics.exposition()
        #expect(log.reported == [])
        // Raw families carry no hierarchy labels and no worker_id.
        #expect(text.contains("\ndynamo_work_handler_queue_depth 0\n"))
        #expect(text.contains("\ndynamo_component_scheduler_tasks_issued_total{dynamo_component=\"backend\",dynamo_namespace=\"dynamo\",worker_id=\"1a2b\"} 0\n"))
        #expect(text.contains("\ndynamo_component_router_kv_zmq_ingress_batches_total{dynamo_component=\"backend\",dynamo_namespace=\"dynamo\",worker_id=\"1a2b\"} 0\n"))
        #expect(text.contains("\nkvbm_queue_d2h_seconds_bucket{le=\"0.00032\"} 0\n"))
        #expect(text.contains("\ndynamo_component_router_requests_total{dynamo_component=\"backend\",dynamo_namespace=\"dynamo\",router_id=\"7\",worker_id=\"1a2b\"} 0\n"))
    }
}
