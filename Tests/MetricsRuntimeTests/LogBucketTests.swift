import MetricsRuntime
import Testing

/// `Buckets.logarithmic`: Dynamo's `generate_log_buckets` and its `DYN_METRICS_*` variables.
@Suite struct LogBucketTests {
    @Test func equalsDynamosGenerator() throws {
        // The frontend dump (docs/observability/metrics_examples/fe.log) shows these for ITL and ISL.
        #expect(try Buckets.logarithmic(min: 0.001, max: 2, count: 13)
            == [0, 0.0019, 0.0035, 0.0067, 0.013, 0.024, 0.045, 0.084, 0.16, 0.3, 0.56, 1.1, 2])
        #expect(try Buckets.logarithmic(min: 50, max: 128_000, count: 12)
            == [0, 100, 210, 430, 870, 1800, 3600, 7400, 15000, 31000, 63000, 130_000])
        #expect(try Buckets.logarithmic(min: 0.001, max: 480, count: 18)
            == [0, 0.0022, 0.0047, 0.01, 0.022, 0.047, 0.1, 0.22, 0.47, 1, 2.2, 4.7, 10, 22, 48, 100, 220, 480])
        #expect(try Buckets.logarithmic(min: 1, max: 512, count: 10) == [0, 2, 4, 8, 16, 32, 64, 130, 260, 510])
        #expect(try Buckets.logarithmic(min: 1, max: 2, count: 1) == [0])
        #expect(try Buckets.logarithmic(min: 1, max: 1.2, count: 10) == [0, 1, 1.1, 1.2])
    }

    @Test func rejectsWhatDynamoRejects() {
        for (min, max, count) in [(0.0, 1.0, 3), (2.0, 1.0, 3), (1.0, .infinity, 3), (1.0, 2.0, 0), (1.0, 2.0, 513)] {
            #expect(throws: MetricsError.self) { try Buckets.logarithmic(min: min, max: max, count: count) }
        }
    }

    func buckets(_ environment: [String: String]) -> (bounds: [Double], errors: [String]) {
        var errors: [String] = []
        let bounds = Buckets.logarithmic(
            min: 0.001, max: 2, count: 13, environmentPrefix: "DYN_METRICS_ITL", environment: environment,
            report: { errors.append($0.description) })
        return (bounds, errors)
    }

    @Test func environmentOverridesEachParameter() {
        #expect(buckets([:]).bounds.count == 13)
        let tuned = buckets(["DYN_METRICS_ITL_MIN": "0.01", "DYN_METRICS_ITL_MAX": "1", "DYN_METRICS_ITL_COUNT": "3"])
        #expect(tuned.bounds == [0, 0.1, 1])
        #expect(tuned.errors == [])
        #expect(buckets(["DYN_METRICS_ITL_COUNT": "2", "DYN_METRICS_ITL_MIN": ""]).bounds == [0, 2])
    }

    @Test func deprecatedDoubledNamesAreAFallbackWithAWarning() {
        let old = buckets(["DYN_HISTOGRAM_DYN_METRICS_ITL_COUNT": "2"])
        #expect(old.bounds == [0, 2])
        #expect(old.errors == [
            "environment variable DYN_HISTOGRAM_DYN_METRICS_ITL_COUNT='2': deprecated name; set DYN_METRICS_ITL_COUNT instead",
        ])
        let both = buckets(["DYN_HISTOGRAM_DYN_METRICS_ITL_COUNT": "2", "DYN_METRICS_ITL_COUNT": "3"])
        #expect(both.bounds.count == 3)
        #expect(both.errors == [])
    }

    @Test func badValuesAreReportedAndTheDefaultsUsed() {
        let defaults = buckets([:]).bounds
        let unparsable = buckets(["DYN_METRICS_ITL_MAX": "two", "DYN_METRICS_ITL_COUNT": "-1"])
        #expect(unparsable.bounds == defaults)
        #expect(unparsable.errors == [
            "environment variable DYN_METRICS_ITL_MAX='two': not a number; using 2",
            "environment variable DYN_METRICS_ITL_COUNT='-1': not a non-negative integer; using 13",
        ])
        let invalid = buckets(["DYN_METRICS_ITL_MIN": "5"])
        #expect(invalid.bounds == defaults)
        #expect(invalid.errors == [
            "environment variable DYN_METRICS_ITL_MIN, DYN_METRICS_ITL_MAX, DYN_METRICS_ITL_COUNT='min 5, max 2, count 13': log buckets need finite bounds with 0 < min < max, got min 5, max 2; using the defaults",
        ])
        var errors: [String] = []
        let fallback = Buckets.logarithmic(
            min: 0, max: 1, count: 3, environmentPrefix: "X", environment: [:], report: { errors.append($0.description) })
        #expect(fallback == [0, 1.3, 1.7, 2.2, 2.8, 3.6, 4.6, 6, 7.7, 10])
        #expect(errors == [
            "invalid histogram buckets: invalid default log buckets (log buckets need finite bounds with 0 < min < max, got min 0, max 1); using min 1, max 10, count 10",
        ])
    }
}

/// `runtime.raw` and `registry.raw`: Dynamo's plain registry, without automatic labels.
@Suite struct RawRegistryTests {
    @Test func rawMetricsHaveNoHierarchyLabelsAndMayUseTheirNames() throws {
        var configuration = MetricsConfiguration()
        configuration.instanceID = 0xab
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        let gauge = try endpoint.metrics.raw.withPrefix("dynamo_frontend")
            .makeIntGaugeVec("worker_active_decode_blocks", help: "Blocks", labelNames: ["worker_id", "dp_rank"])
        gauge.labels("123", "0").set(4)
        let counter = try runtime.raw.metrics.withPrefix(nil).makeIntCounter("plain_total", help: "Plain")
        counter.inc()
        let scoped = try endpoint.metrics.makeIntCounter("scoped_total", help: "Scoped")
        scoped.inc()
        let text = try runtime.metrics.exposition(format: .prometheusText)
        #expect(text.contains(#"dynamo_frontend_worker_active_decode_blocks{dp_rank="0",worker_id="123"} 4"#))
        #expect(text.contains("\nplain_total 1\n"))
        #expect(text.contains(#"dynamo_component_scoped_total{dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="ns",worker_id="ab"} 1"#))
        // The raw registry alone, for a port of its own.
        let rawText = try runtime.raw.metrics.exposition(format: .prometheusText)
        #expect(rawText.contains("plain_total 1"))
        #expect(!rawText.contains("scoped_total"))
        #expect(!rawText.contains("uptime_seconds"))
        // The hierarchy still reserves worker_id.
        #expect(throws: MetricsError.self) { try endpoint.metrics.makeGaugeVec("w", help: "W", labelNames: ["worker_id"]) }
    }
}
