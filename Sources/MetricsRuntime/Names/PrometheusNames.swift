/// Name constants shared by every Dynamo component: the Swift counterpart of Dynamo's
/// `prometheus_names` prefixes and label names. Per-metric constants are generated from the
/// schemas (see the `DynamoMetrics` library).
public enum PrometheusNames {
    /// Metric name prefixes.
    public enum Prefix {
        /// Metrics created through the runtime hierarchy: `dynamo_component`.
        public static let component = "dynamo_component"
        /// The HTTP frontend: `dynamo_frontend`.
        public static let frontend = "dynamo_frontend"
        /// The router: `dynamo_router`.
        public static let router = "dynamo_router"
        /// The KV indexer: `dynamo_kvindexer`.
        public static let kvIndexer = "dynamo_kvindexer"
        /// The request plane: `dynamo_request_plane`.
        public static let requestPlane = "dynamo_request_plane"
        /// Transports: `dynamo_transport`.
        public static let transport = "dynamo_transport"
        /// The work handler pool: `dynamo_work_handler`.
        public static let workHandler = "dynamo_work_handler"
        /// Rejections: `dynamo_rejection`.
        public static let rejection = "dynamo_rejection"
        /// Async runtime metrics: `dynamo_tokio`.
        public static let tokio = "dynamo_tokio"
        /// Routing overhead: `dynamo_routing_overhead`.
        public static let routingOverhead = "dynamo_routing_overhead"
    }

    /// Label names.
    public enum Label {
        /// The namespace a metric was created in: `dynamo_namespace`.
        public static let namespace = "dynamo_namespace"
        /// The component a metric was created in: `dynamo_component`.
        public static let component = "dynamo_component"
        /// The endpoint a metric was created in: `dynamo_endpoint`.
        public static let endpoint = "dynamo_endpoint"
        /// The runtime instance, in lower-case hex: `worker_id`.
        public static let workerID = "worker_id"
        /// Data-parallel rank: `dp_rank`.
        public static let dpRank = "dp_rank"
        /// `model`
        public static let model = "model"
        /// `model_name`
        public static let modelName = "model_name"
        /// `worker_type`
        public static let workerType = "worker_type"
        /// `router_id`
        public static let routerID = "router_id"
    }

    /// The environment variable that overrides the frontend prefix: `DYN_METRICS_PREFIX`.
    public static let metricsPrefixEnvironmentVariable = "DYN_METRICS_PREFIX"
}
