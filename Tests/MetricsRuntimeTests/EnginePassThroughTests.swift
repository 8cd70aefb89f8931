import MetricsExpositionParser
import MetricsRuntime
import Testing

/// `addEngineMetrics`: engine text filtered by prefix, relabelled, re-rendered in both formats
/// and present in snapshots; a clash with a native family is reported, never exposed twice.
@Suite struct EnginePassThroughTests {
    static let engineText = #"""
        # HELP vllm:num_requests_running Number of requests "running".\nsecond
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{engine="0",model="engine-set"} 3
        # TYPE vllm:ttft_seconds histogram
        vllm:ttft_seconds_bucket{le="0.1"} 1
        vllm:ttft_seconds_bucket{le="+Inf"} 5
        vllm:ttft_seconds_sum 2.75
        vllm:ttft_seconds_count 5
        # a comment
        # TYPE sglang:latency summary
        sglang:latency{quantile="0.5"} 0.25
        sglang:latency_sum 12.5
        sglang:latency_count 20
        trtllm_hit_rate{path="C:\\data",odd="\x"} 0.5 1700000000000
        other_metric 1
        trtllm_clash 7
        this line is broken
        # TYPE vllm:tokens_total counter
        vllm:tokens_total 42

        """#

    static func endpoint(_ recorder: ErrorRecorder) throws -> Endpoint {
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder) { $0.instanceID = 0xbeef })
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        try endpoint.metrics.withPrefix(nil).makeGauge("trtllm_clash", help: "Native").set(1)
        endpoint.metrics.addEngineMetrics(prefixes: ["vllm:", "sglang:", "trtllm_"], labels: [("model", "llama")]) {
            Self.engineText
        }
        return endpoint
    }

    static let l = #"dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="ns""#
    static let m = #"\#(l),model="llama",worker_id="beef""#

    @Test func prometheusTextIsExact() throws {
        let recorder = ErrorRecorder()
        let endpoint = try Self.endpoint(recorder)
        let text = try endpoint.metrics.exposition()
        _ = try endpoint.metrics.exposition()  // the clash is reported once, not at every scrape
        expectSameText(text, #"""
            # TYPE sglang:latency summary
            sglang:latency{\#(Self.m),quantile="0.5"} 0.25
            sglang:latency_sum{\#(Self.m)} 12.5
            sglang:latency_count{\#(Self.m)} 20
            # HELP trtllm_clash Native
            # TYPE trtllm_clash gauge
            trtllm_clash{\#(Self.l),worker_id="beef"} 1
            # TYPE trtllm_hit_rate untyped
            trtllm_hit_rate{\#(Self.l),model="llama",odd="\\x",path="C:\\data",worker_id="beef"} 0.5
            # HELP vllm:num_requests_running Number of requests "running".\nsecond
            # TYPE vllm:num_requests_running gauge
            vllm:num_requests_running{\#(Self.l),engine="0",model="engine-set",worker_id="beef"} 3
            # TYPE vllm:tokens_total counter
            vllm:tokens_total{\#(Self.m)} 42
            # TYPE vllm:ttft_seconds histogram
            vllm:ttft_seconds_bucket{\#(Self.m),le="0.1"} 1
            vllm:ttft_seconds_bucket{\#(Self.m),le="+Inf"} 5
            vllm:ttft_seconds_sum{\#(Self.m)} 2.75
            vllm:ttft_seconds_count{\#(Self.m)} 5

            """#)
        let clashes = recorder.errors.compactMap { error -> String? in
            if case .conflictingRegistration(let metric, let difference) = error { return "\(metric): \(difference)" }
            return nil
        }
        #expect(clashes == [
            "trtllm_clash: engine metrics family 'trtllm_clash' has the name of native family 'trtllm_clash'; the engine's is not exposed",
        ])
    }

    /// The clash is counted on the root by `<prefix>_engine_metrics_conflicts_total`, once per
    /// source and family (not at every scrape or snapshot), beside the error handler's report.
    @Test func clashWithNativeFamilyIsCounted() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder) { $0.instanceID = 0xbeef })
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        try endpoint.metrics.withPrefix(nil).makeGauge("trtllm_clash", help: "Native").set(1)
        endpoint.metrics.addEngineMetrics(prefixes: ["trtllm_"]) { "trtllm_clash 7\ntrtllm_other 2\n" }
        let expected = #"""
            # HELP dynamo_component_engine_metrics_conflicts_total Engine metrics families not exposed because a native family, or another source's family of another type, has their name
            # TYPE dynamo_component_engine_metrics_conflicts_total counter
            dynamo_component_engine_metrics_conflicts_total{metric="trtllm_clash",worker_id="beef"} 1
            """#
        // The scrape that meets the clash already counts it (engine sources are read first).
        let first = try runtime.metrics.exposition().split(separator: "\n").filter { $0.contains("engine_metrics_conflicts") }
        #expect(first.joined(separator: "\n") == expected)
        _ = try endpoint.metrics.exposition()
        _ = try endpoint.metrics.snapshot()
        let again = try runtime.metrics.exposition().split(separator: "\n").filter { $0.contains("engine_metrics_conflicts") }
        #expect(again.joined(separator: "\n") == expected)
        #expect(recorder.errors.count == 1)
    }

    @Test func openMetricsIsExactAndParses() throws {
        let recorder = ErrorRecorder()
        let text = try Self.endpoint(recorder).metrics.exposition(format: .openMetrics)
        let parsed = try parseStrictly(text, format: .openMetrics)
        #expect(parsed.families.map(\.name) == [
            "sglang:latency", "trtllm_clash", "trtllm_hit_rate", "vllm:num_requests_running", "vllm:tokens", "vllm:ttft_seconds",
        ])
        #expect(parsed.families.map(\.type) == [.summary, .gauge, .unknown, .gauge, .counter, .histogram])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"# HELP vllm:num_requests_running Number of requests \"running\".\nsecond"#))
        #expect(lines.contains(#"vllm:tokens_total{\#(Self.m)} 42.0"#))
        #expect(lines.contains(#"vllm:ttft_seconds_bucket{\#(Self.m),le="+Inf"} 5"#))
        #expect(lines.last == "# EOF")
    }

    @Test func snapshotCarriesEngineFamiliesAsValues() throws {
        let recorder = ErrorRecorder()
        let snapshot = try Self.endpoint(recorder).metrics.snapshot()
        #expect(snapshot.map(\.name) == [
            "sglang:latency", "trtllm_clash", "trtllm_hit_rate", "vllm:num_requests_running", "vllm:tokens_total", "vllm:ttft_seconds",
        ])
        #expect(snapshot.map(\.kind) == [.summary, .gauge, .untyped, .gauge, .counter, .histogram])
        let labels = ["dynamo_component", "dynamo_endpoint", "dynamo_namespace", "model", "worker_id"]
        #expect(snapshot.last?.series == [SeriesSnapshot(
            labels: zip(labels, ["comp", "ep", "ns", "llama", "beef"]).map { MetricLabel(name: $0, value: $1) },
            value: .histogram(HistogramSnapshot(upperBounds: [0.1], bucketCounts: [1, 4], sum: 2.75, count: 5)))])
        #expect(snapshot.first?.series.first?.value == .summary(SummarySnapshot(
            quantiles: [SummaryQuantile(quantile: 0.5, value: 0.25)], sum: 12.5, count: 20)))
        #expect(snapshot[4].series.first?.value == .counter(.double(42)))
        #expect(snapshot[2].series.first?.labels.first { $0.name == "odd" }?.value == #"\x"#)
    }
}
