import MetricsRuntime
import Testing

/// The per-family series limit: new combinations beyond it share one `__overflow__` series,
/// nothing recorded is lost, and the root's `cardinality_overflow_total` counts redirections.
@Suite struct CardinalityLimitTests {
    static let overflowHeader = """
        # HELP dynamo_component_cardinality_overflow_total Label-value lookups redirected to a family's overflow series because the family reached its series limit
        # TYPE dynamo_component_cardinality_overflow_total counter
        """

    func limited(_ limit: Int) -> MetricsRuntime {
        var configuration = MetricsConfiguration()
        configuration.seriesLimitPerFamily = limit
        return MetricsRuntime(configuration: configuration)
    }

    @Test func fourthCombinationGoesToTheOverflowSeries() throws {
        let runtime = limited(3)
        let namespace = runtime.namespace("ns")
        let family = try namespace.metrics.makeIntCounterVec("req_total", help: "R", labelNames: ["model"])
        family.labels("a").inc()
        family.labels("b").inc(by: 2)
        family.labels("c").inc(by: 3)
        family.labels("d").inc(by: 4)
        family.labels("e").inc(by: 5)
        family.labels("a").inc()
        try family.withLabelValues("d").inc()
        #expect(try family.with(labels: ["model": "f"]) === family.labels("g"))
        let name = "dynamo_component_req_total"
        expectSameText(try namespace.metrics.exposition(), """
            # HELP \(name) R
            # TYPE \(name) counter
            \(name){dynamo_namespace="ns",model="__overflow__"} 10
            \(name){dynamo_namespace="ns",model="a"} 2
            \(name){dynamo_namespace="ns",model="b"} 2
            \(name){dynamo_namespace="ns",model="c"} 3

            """)
        // d, e, d again, f and g: five redirected lookups.
        expectSameText(maskingUptime(try runtime.metrics.exposition()), """
            \(Self.overflowHeader)
            dynamo_component_cardinality_overflow_total{metric="\(name)"} 5
            # HELP \(name) R
            # TYPE \(name) counter
            \(name){dynamo_namespace="ns",model="__overflow__"} 10
            \(name){dynamo_namespace="ns",model="a"} 2
            \(name){dynamo_namespace="ns",model="b"} 2
            \(name){dynamo_namespace="ns",model="c"} 3
            \(uptimeHeader)
            dynamo_component_uptime_seconds <uptime>

            """)
    }

    @Test func everyLabelOfTheOverflowSeriesIsOverflowAndHistogramsOverflowToo() throws {
        let runtime = limited(1)
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        let family = try metrics.makeHistogramVec("h", help: "H", labelNames: ["a", "b"], buckets: [1])
        family.labels("x", "y").observe(0.5)
        family.labels("p", "q").observe(2)
        family.labels("r", "s").observe(3)
        expectSameText(try metrics.exposition(), """
            # HELP h H
            # TYPE h histogram
            h_bucket{a="__overflow__",b="__overflow__",dynamo_namespace="ns",le="1"} 0
            h_bucket{a="__overflow__",b="__overflow__",dynamo_namespace="ns",le="+Inf"} 2
            h_sum{a="__overflow__",b="__overflow__",dynamo_namespace="ns"} 5
            h_count{a="__overflow__",b="__overflow__",dynamo_namespace="ns"} 2
            h_bucket{a="x",b="y",dynamo_namespace="ns",le="1"} 1
            h_bucket{a="x",b="y",dynamo_namespace="ns",le="+Inf"} 1
            h_sum{a="x",b="y",dynamo_namespace="ns"} 0.5
            h_count{a="x",b="y",dynamo_namespace="ns"} 1

            """)
    }

    @Test func removingASeriesFreesRoomForANewOne() throws {
        let runtime = limited(2)
        let metrics = runtime.metrics.withPrefix(nil)
        let family = try metrics.makeGaugeVec("g", help: "G", labelNames: ["k"])
        family.labels("a").set(1)
        family.labels("b").set(2)
        family.labels("c").set(3)
        #expect(family.remove(labelValues: ["a"]))
        family.labels("d").set(4)
        let lines = try metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("g{") }
        #expect(lines == [#"g{k="__overflow__"} 3"#, #"g{k="b"} 2"#, #"g{k="d"} 4"#])
        family.removeAll()
        family.labels("e").set(5)
        #expect(try metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("g{") } == [#"g{k="e"} 5"#])
    }

    @Test func defaultLimitIsTenThousandSeries() throws {
        let runtime = MetricsRuntime()
        let family = try runtime.metrics.makeIntCounterVec("many_total", help: "M", labelNames: ["i"])
        for index in 0..<10_000 { family.labels(String(index)).inc() }
        let last = family.labels("9999")
        #expect(family.labels("10000") !== last)
        #expect(family.labels("10000") === family.labels("10001"))
        let text = try runtime.metrics.exposition()
        #expect(text.contains(#"dynamo_component_many_total{i="__overflow__"} 0"#))
        #expect(text.contains(#"dynamo_component_cardinality_overflow_total{metric="dynamo_component_many_total"} 3"#))
        #expect(occurrences(of: "dynamo_component_many_total{", in: text) == 10_001)
    }

    /// A user value that happens to be `__overflow__` must not produce a second series with the
    /// same labels as the overflow series (duplicate series make the scrape invalid).
    @Test func literalOverflowValueDoesNotDuplicateTheOverflowSeries() throws {
        let runtime = limited(2)
        let metrics = runtime.metrics.withPrefix(nil)
        let family = try metrics.makeIntCounterVec("c_total", help: "C", labelNames: ["k"])
        family.labels("__overflow__").inc()
        family.labels("a").inc()
        family.labels("b").inc()
        #expect(occurrences(of: #"c_total{k="__overflow__"}"#, in: try metrics.exposition()) == 1)
    }

    /// With a limit of 1 the overflow counter itself overflows once two families overflow;
    /// counting that must not recurse forever.
    @Test func overflowCounterOverflowingDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            var configuration = MetricsConfiguration()
            configuration.seriesLimitPerFamily = 1
            configuration.errorHandler = { _ in }
            let runtime = MetricsRuntime(configuration: configuration)
            let a = try runtime.metrics.makeIntCounterVec("a_total", help: "A", labelNames: ["k"])
            let b = try runtime.metrics.makeIntCounterVec("b_total", help: "B", labelNames: ["k"])
            a.labels("1").inc()
            a.labels("2").inc()
            b.labels("1").inc()
            b.labels("2").inc()
            _ = try runtime.metrics.exposition()
        }
    }

    /// A limit of zero (or less) is a configuration mistake that must not crash the process.
    @Test func zeroLimitDoesNotCrash() async {
        await #expect(processExitsWith: .success) {
            var configuration = MetricsConfiguration()
            configuration.seriesLimitPerFamily = 0
            configuration.errorHandler = { _ in }
            let runtime = MetricsRuntime(configuration: configuration)
            try runtime.namespace("ns").metrics.makeCounter("c_total", help: "C").inc()
            try runtime.metrics.makeCounterVec("v_total", help: "V", labelNames: ["k"]).labels("x").inc()
            _ = try runtime.metrics.exposition()
        }
    }
}
