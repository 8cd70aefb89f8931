import MetricsRuntime
import Testing

/// Every definition error is a typed `MetricsError` with the exact case and a readable message;
/// nothing is registered when a definition is refused.
@Suite struct DefinitionValidationTests {
    /// A registry without prefix (so names are checked as given) on a namespace node.
    func bare() -> MetricsRegistry { MetricsRuntime().namespace("ns").metrics.withPrefix(nil) }

    @Test(arguments: ["1abc", "a-b", "", "a b", "é", "a.b", "a{b}"])
    func invalidMetricNames(name: String) throws {
        let metrics = bare()
        #expect(thrownError { try metrics.makeCounter(name, help: "H") } == .invalidMetricName(name))
        #expect(thrownError { try metrics.makeHistogramVec(name, help: "H", labelNames: ["x"]) } == .invalidMetricName(name))
        #expect(try metrics.exposition() == "")
    }

    @Test func invalidMetricNameMessageAndPrefixedNames() throws {
        #expect(thrownError { try bare().makeGauge("1abc", help: "H") }?.description
            == "'1abc' is not a valid metric name: use letters, digits, '_' and ':', not starting with a digit")
        let prefixed = MetricsRuntime().metrics
        #expect(thrownError { try prefixed.makeGauge("a-b", help: "H") } == .invalidMetricName("dynamo_component_a-b"))
        // A digit after the prefix is fine, as are colons anywhere.
        _ = try prefixed.makeGauge("1abc", help: "H")
        _ = try bare().makeGauge(":a:b:", help: "H")
    }

    /// With the default prefix an empty name would silently become `dynamo_component_`.
    @Test func emptyNameIsRejectedEvenWithAPrefix() {
        let error = thrownError { try MetricsRuntime().metrics.makeCounter("", help: "H") }
        guard case .invalidMetricName = error else {
            Issue.record("expected .invalidMetricName, got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: ["1x", "a-b", "", "a:b", "ü", "a b"])
    func invalidLabelNames(label: String) {
        let metrics = bare()
        #expect(thrownError { try metrics.makeCounterVec("c_total", help: "H", labelNames: [label]) }
            == .invalidLabelName(label, metric: "c_total"))
        #expect(thrownError { try metrics.makeGauge("g", help: "H", constantLabels: [(label, "v")]) }
            == .invalidLabelName(label, metric: "g"))
    }

    @Test func invalidLabelNameMessage() {
        #expect(thrownError { try bare().makeCounterVec("c_total", help: "H", labelNames: ["a-b"]) }?.description
            == "'a-b' is not a valid label name for metric 'c_total': use letters, digits and '_', not starting with a digit")
    }

    @Test func emptyHelp() {
        let error = thrownError { try bare().makeIntGauge("g", help: "") }
        #expect(error == .emptyHelp(metric: "g"))
        #expect(error?.description == "metric 'g' has an empty help string: describe what it measures")
    }

    static let hierarchyReason = "it is added automatically by the runtime hierarchy"

    @Test(arguments: ["dynamo_namespace", "dynamo_component", "dynamo_endpoint", "worker_id"])
    func automaticLabelsAreReserved(label: String) {
        let metrics = bare()
        #expect(thrownError { try metrics.makeCounterVec("c_total", help: "H", labelNames: [label]) }
            == .reservedLabelName(label, metric: "c_total", reason: Self.hierarchyReason))
        #expect(thrownError { try metrics.makeCounter("c_total", help: "H", constantLabels: [(label, "x")]) }
            == .reservedLabelName(label, metric: "c_total", reason: Self.hierarchyReason))
    }

    @Test func otherReservedLabels() throws {
        let metrics = bare()
        let le = "'le' holds the bucket bound of histograms"
        #expect(thrownError { try metrics.makeHistogramVec("h", help: "H", labelNames: ["le"]) }
            == .reservedLabelName("le", metric: "h", reason: le))
        #expect(thrownError { try metrics.makeHistogram("h", help: "H", constantLabels: [("le", "1")]) }
            == .reservedLabelName("le", metric: "h", reason: le))
        let quantile = "'quantile' is reserved for summary quantiles"
        #expect(thrownError { try metrics.makeGaugeVec("g", help: "H", labelNames: ["quantile"]) }
            == .reservedLabelName("quantile", metric: "g", reason: quantile))
        let underscore = "names starting with '__' are reserved for Prometheus itself"
        let error = thrownError { try metrics.makeCounter("c_total", help: "H", constantLabels: [("__x", "1")]) }
        #expect(error == .reservedLabelName("__x", metric: "c_total", reason: underscore))
        #expect(error?.description
            == "label '__x' of metric 'c_total' is reserved: names starting with '__' are reserved for Prometheus itself")
        #expect(thrownError { try metrics.makeIntCounterVec("i_total", help: "H", labelNames: ["__name__"]) }
            == .reservedLabelName("__name__", metric: "i_total", reason: underscore))
        // `le` is only reserved on histograms; a single leading underscore is fine.
        _ = try metrics.makeCounterVec("le_total", help: "H", labelNames: ["le", "_x"])
    }

    @Test func duplicateLabelNames() {
        let metrics = bare()
        let variable = thrownError { try metrics.makeCounterVec("c_total", help: "H", labelNames: ["a", "b", "a"]) }
        #expect(variable == .duplicateLabelName("a", metric: "c_total"))
        #expect(variable?.description == "label 'a' appears more than once on metric 'c_total'")
        #expect(thrownError { try metrics.makeGauge("g", help: "H", constantLabels: [("k", "1"), ("k", "2")]) }
            == .duplicateLabelName("k", metric: "g"))
        #expect(thrownError {
            try metrics.makeGaugeVec("g", help: "H", labelNames: ["k"], constantLabels: [("k", "1")])
        } == .duplicateLabelName("k", metric: "g"))
    }

    @Test(arguments: [
        ([Double](), "the bucket list is empty"),
        ([1, .nan], "bucket 1 is NaN; bounds must be finite (+Inf is added automatically)"),
        ([1, 2, .infinity], "bucket 2 is +Inf; bounds must be finite (+Inf is added automatically)"),
        ([-.infinity, 0], "bucket 0 is -Inf; bounds must be finite (+Inf is added automatically)"),
        ([1, 0.5], "buckets must be strictly increasing, but bucket 1 (0.5) follows 1"),
        ([0.1, 1, 1], "buckets must be strictly increasing, but bucket 2 (1) follows 1"),
    ] as [([Double], String)])
    func invalidBuckets(buckets: [Double], problem: String) {
        let metrics = bare()
        #expect(thrownError { try metrics.makeHistogram("h", help: "H", buckets: buckets) }
            == .invalidBuckets(metric: "h", problem: problem))
        #expect(thrownError { try metrics.makeHistogramVec("hv", help: "H", labelNames: ["x"], buckets: buckets) }
            == .invalidBuckets(metric: "hv", problem: problem))
    }

    @Test func invalidBucketsMessage() {
        #expect(thrownError { try bare().makeHistogram("h", help: "H", buckets: []) }?.description
            == "invalid buckets for histogram 'h': the bucket list is empty")
    }

    @Test func units() throws {
        let metrics = bare()
        let suffix = thrownError { try metrics.makeGauge("latency", help: "H", unit: "seconds") }
        #expect(suffix == .invalidUnit("seconds", metric: "latency", reason: "OpenMetrics requires the name to end with '_seconds'"))
        #expect(suffix?.description
            == "unit 'seconds' of metric 'latency' is invalid: OpenMetrics requires the name to end with '_seconds'")
        let shape = "a unit is made of letters, digits and inner '_'"
        for bad in ["", "_s", "s_", "bad-unit", "m/s"] {
            #expect(thrownError { try metrics.makeGauge("x_s", help: "H", unit: bad) }
                == .invalidUnit(bad, metric: "x_s", reason: shape), "unit '\(bad)'")
        }
        // A counter's `_total` is not part of its unit.
        #expect(thrownError { try metrics.makeCounter("x_total", help: "H", unit: "total") }
            == .invalidUnit("total", metric: "x_total", reason: "OpenMetrics requires the name to end with '_total'"))
        _ = try metrics.makeCounter("sent_bytes_total", help: "H", unit: "bytes")
        _ = try metrics.makeHistogram("wait_seconds", help: "H", unit: "seconds")
        _ = try metrics.makeGauge("speed_meters_per_second", help: "H", unit: "meters_per_second")
    }

    @Test func refusedDefinitionsRegisterNothing() throws {
        let metrics = bare()
        _ = thrownError { try metrics.makeCounter("ok_total", help: "") }
        _ = thrownError { try metrics.makeHistogram("h", help: "H", buckets: []) }
        #expect(try metrics.exposition() == "")
        // The names stay free for a correct definition of another type.
        _ = try metrics.makeGauge("ok_total", help: "Now a gauge")
        _ = try metrics.makeIntGauge("h", help: "Now a gauge")
    }
}
