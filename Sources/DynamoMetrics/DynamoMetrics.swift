// The module's code is generated at build time by MetricsSchemaPlugin from every schema in
// `schemas/dynamo/` (listed in `metrics-schema.json`), one type per schema:
//
//   FrontendServiceMetrics, FrontendRouterMetrics, FrontendLoraMetrics, FrontendRequestTraceMetrics,
//   FrontendPerfMetrics, WorkHandlerMetrics,
//   WorkHandlerPerfMetrics, WorkHandlerPoolMetrics, WorkHandlerPoolSheddingMetrics, TaskTrackerMetrics,
//   DistributedRuntimeMetrics, KvbmMetrics, RouterMetrics, RouterWorkerStatusMetrics,
//   RouterZmqIngressMetrics, RouterCacheReuseMetrics, RoutingOverheadMetrics, KvIndexerMetrics,
//   KvRouterIndexerMetrics, RequestPlaneMetrics, TransportMetrics, KvRouterMetrics, KvPublisherMetrics,
//   TokioMetrics, BackendAdmissionMetrics, KvStatsMetrics, ModelInfoMetrics, EppMetrics
//
// Each type offers typed accessors (static ones on the process-wide default node, or bound
// to a hierarchy node with `WorkHandlerMetrics(endpoint, model: "…")`) and the Prometheus name
// constants that Dynamo keeps in `prometheus_names.rs`. See schemas/dynamo/README.md for which
// types bind to the raw registry and which take values at bind time.
//
// Depend on the `MetricsRuntime` product too, to create hierarchy nodes and read the exposition.
