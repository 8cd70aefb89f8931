/// The families of a real Dynamo frontend `/metrics`: `docs/observability/metrics_examples/fe.log`
/// in ai-dynamo/dynamo at ce30a76, reduced to name, type, label names (without `le`) and bucket
/// bounds. Not the file itself: its values, help texts and label values are left out.
struct DumpFamily: Sendable {
    var name: String
    var type: String
    var labels: Set<String>
    var buckets: [String] = []
}

enum FrontendDumpFixture {
    static let log1To256 = ["0", "1.9", "3.4", "6.3", "12", "22", "40", "75", "140", "260"]
    static let isl = ["0", "100", "210", "430", "870", "1800", "3600", "7400", "15000", "31000", "63000", "130000"]
    static let osl = ["0", "100", "210", "430", "880", "1800", "3700", "7600", "16000", "32000"]
    static let itl = ["0", "0.0019", "0.0035", "0.0067", "0.013", "0.024", "0.045", "0.084", "0.16", "0.3", "0.56", "1.1", "2"]
    static let ttft = [
        "0", "0.0022", "0.0047", "0.01", "0.022", "0.047", "0.1", "0.22", "0.47", "1", "2.2", "4.7", "10", "22", "48", "100",
        "220", "480",
    ]

    static let families: [DumpFamily] = [
        DumpFamily(name: "dynamo_frontend_disconnected_clients", type: "gauge", labels: []),
        DumpFamily(name: "dynamo_frontend_inflight_requests", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_input_sequence_tokens", type: "histogram", labels: ["model"], buckets: isl),
        DumpFamily(name: "dynamo_frontend_inter_token_latency_seconds", type: "histogram", labels: ["model"], buckets: itl),
        DumpFamily(name: "dynamo_frontend_model_context_length", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_model_kv_cache_block_size", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_model_max_num_batched_tokens", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_model_max_num_seqs", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_model_migration_limit", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_model_total_kv_blocks", type: "gauge", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_output_sequence_tokens", type: "histogram", labels: ["model"], buckets: osl),
        DumpFamily(name: "dynamo_frontend_output_tokens_total", type: "counter", labels: ["model"]),
        DumpFamily(name: "dynamo_frontend_queued_requests", type: "gauge", labels: ["model"]),
        // At ce30a76 the default was log(1, 256, 10); metrics.rs@0014908 raised the maximum to 512.
        DumpFamily(name: "dynamo_frontend_request_duration_seconds", type: "histogram", labels: ["model"], buckets: log1To256),
        DumpFamily(name: "dynamo_frontend_requests_total", type: "counter", labels: ["endpoint", "model", "request_type", "status"]),
        DumpFamily(name: "dynamo_frontend_time_to_first_token_seconds", type: "histogram", labels: ["model"], buckets: ttft),
    ]

    /// Labels the catalog has beyond the dump because Dynamo added them after ce30a76:
    /// `error_type` on requests_total (metrics.rs@0014908).
    static let newerLabels: [String: Set<String>] = ["dynamo_frontend_requests_total": ["error_type"]]
}
