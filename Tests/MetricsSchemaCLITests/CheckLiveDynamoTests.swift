import Foundation
import Testing

/// `check-live` against Dynamo's catalog (`schemas/dynamo`) with a saved Dynamo frontend dump
/// (`Live/dynamo-frontend.prom`: the facts of ai-dynamo/dynamo's
/// `docs/observability/metrics_examples/fe.log@ce30a76` — names, types, label sets, bucket bounds —
/// with values of our own). The dump is older than the catalog, and the report says so:
/// - `request_duration_seconds` has the buckets of Dynamo's old default `log(1, 256, 10)`; today's
///   is `log(1, 512, 10)`. A violation, with a hint naming the `--env` that reproduces the dump,
///   and none with that `--env` (the variable Dynamo itself honours).
/// - `requests_total` has no `error_type` (added after ce30a76). Not a violation: the label's
///   closed set has the empty value, and Prometheus stores an empty label as an absent one, so
///   these series are what a newer Dynamo stores for successful requests.
/// - Families of other processes (router, KVBM, workers, …) are one warning per schema; the
///   frontend's families newer than the dump (or created on first use) are absent, one by one.
@Suite struct CheckLiveDynamoTests {
    static let dynamo = CheckLiveTests.root.appendingPathComponent("schemas/dynamo").path
    static var dump: String {
        (try? String(contentsOf: CheckLiveTests.root.appendingPathComponent("Tests/MetricsSchemaCLITests/Live/dynamo-frontend.prom"), encoding: .utf8)) ?? ""
    }

    static func report(_ dir: String) -> [String] {
        [
            "\(dir)/backend_admission.metrics.yaml:9:12: warning: none of the 7 families of 'BackendAdmissionMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/distributed_runtime.metrics.yaml:7:12: warning: none of the 1 family of 'DistributedRuntimeMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/epp.metrics.yaml:15:12: warning: none of the 7 families of 'EppMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/frontend.metrics.yaml:46:11: warning: 'dynamo_frontend_requests_started_total' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:68:11: warning: 'dynamo_frontend_active_requests' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:84:14: error: 'dynamo_frontend_request_duration_seconds': exposed with buckets [0.0, 1.9, 3.4, 6.3, 12.0, 22.0, 40.0, 75.0, 140.0, 260.0], declared [0.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 130.0, 260.0, 510.0] (dynamo-frontend.prom line 87); the exposed buckets are log(1, 256, 10): if the process ran with DYN_METRICS_REQUEST_DURATION_MAX=256 (or a version with that default), check with --env DYN_METRICS_REQUEST_DURATION_MAX=256",
            "\(dir)/frontend.metrics.yaml:118:11: warning: 'dynamo_frontend_embedding_latency_seconds' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:125:11: warning: 'dynamo_frontend_images_per_request' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:131:11: warning: 'dynamo_frontend_videos_per_request' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:137:11: warning: 'dynamo_frontend_audio_per_request' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:143:11: warning: 'dynamo_frontend_cached_tokens' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:151:11: warning: 'dynamo_frontend_tokenizer_latency_ms' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:197:11: warning: 'dynamo_frontend_model_migration_total' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:206:11: warning: 'dynamo_frontend_model_migration_max_seq_len_exceeded_total' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:212:11: warning: 'dynamo_frontend_model_cancellation_total' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:218:11: warning: 'dynamo_frontend_model_rejection_total' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:225:11: warning: 'dynamo_frontend_model_ready' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:234:11: warning: 'dynamo_frontend_model_migration_duration_seconds' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend.metrics.yaml:240:11: warning: 'dynamo_frontend_image_tokens_per_request' is declared but absent from dynamo-frontend.prom; the process may not have created it yet, or it is not registered",
            "\(dir)/frontend_lora.metrics.yaml:13:12: warning: none of the 8 families of 'FrontendLoraMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/frontend_perf.metrics.yaml:9:12: warning: none of the 12 families of 'FrontendPerfMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/frontend_request_trace.metrics.yaml:11:12: warning: none of the 1 family of 'FrontendRequestTraceMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/frontend_router.metrics.yaml:12:12: warning: none of the 12 families of 'FrontendRouterMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/kv_indexer.metrics.yaml:10:12: warning: none of the 6 families of 'KvIndexerMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/kv_publisher.metrics.yaml:6:12: warning: none of the 5 families of 'KvPublisherMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/kv_router.metrics.yaml:7:12: warning: none of the 6 families of 'KvRouterMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/kvbm.metrics.yaml:10:12: warning: none of the 29 families of 'KvbmMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/kvrouter_indexer.metrics.yaml:19:12: warning: none of the 10 families of 'KvRouterIndexerMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/kvstats.metrics.yaml:8:12: warning: none of the 2 families of 'KvStatsMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/model_info.metrics.yaml:6:12: warning: none of the 1 family of 'ModelInfoMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/request_plane.metrics.yaml:13:12: warning: none of the 9 families of 'RequestPlaneMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/router.metrics.yaml:15:12: warning: none of the 14 families of 'RouterMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/router_cache_reuse.metrics.yaml:10:12: warning: none of the 12 families of 'RouterCacheReuseMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/router_worker_status.metrics.yaml:8:12: warning: none of the 2 families of 'RouterWorkerStatusMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/router_zmq_ingress.metrics.yaml:7:12: warning: none of the 12 families of 'RouterZmqIngressMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/routing_overhead.metrics.yaml:14:12: warning: none of the 7 families of 'RoutingOverheadMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/task_tracker.metrics.yaml:10:12: warning: none of the 6 families of 'TaskTrackerMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/tokio.metrics.yaml:10:12: warning: none of the 13 families of 'TokioMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/transport.metrics.yaml:7:12: warning: none of the 7 families of 'TransportMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/work_handler.metrics.yaml:13:12: warning: none of the 7 families of 'WorkHandlerMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/work_handler_perf.metrics.yaml:6:12: warning: none of the 2 families of 'WorkHandlerPerfMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/work_handler_pool.metrics.yaml:6:12: warning: none of the 6 families of 'WorkHandlerPoolMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "\(dir)/work_handler_pool_shedding.metrics.yaml:9:12: warning: none of the 3 families of 'WorkHandlerPoolSheddingMetrics' is exposed by dynamo-frontend.prom; check the schemas of the process that was scraped",
            "coverage: 16 of 238 declared families seen (6%)",
        ]
    }

    @Test func theOldDumpViolatesOnlyTheRequestDurationBuckets() throws {
        let folder = try temporaryFolder(["dynamo-frontend.prom": Self.dump])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check-live", "dynamo-frontend.prom", Self.dynamo], in: folder)
        #expect(result.status == 1)
        #expect(result.stderrLines == Self.report(Self.dynamo))
    }

    @Test func withTheDumpsBucketSettingItConforms() throws {
        let folder = try temporaryFolder(["dynamo-frontend.prom": Self.dump])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(
            ["check-live", "--env", "DYN_METRICS_REQUEST_DURATION_MAX=256", "dynamo-frontend.prom", Self.dynamo], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderrLines == Self.report(Self.dynamo).filter { !$0.contains(": error: ") })
        let strict = try CLI.run(
            ["check-live", "--strict", "--env", "DYN_METRICS_REQUEST_DURATION_MAX=256", "dynamo-frontend.prom", Self.dynamo], in: folder)
        #expect(strict.status == 1)
    }

    @Test func aMalformedEnvSettingIsAnError() throws {
        let folder = try temporaryFolder(["dynamo-frontend.prom": Self.dump])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["check-live", "--env", "=256", "dynamo-frontend.prom", Self.dynamo], in: folder)
        #expect(result.status == 1)
        #expect(result.stderrLines == ["--env =256: error: expected NAME=VALUE, for example DYN_METRICS_REQUEST_DURATION_MAX=256"])
    }
}
