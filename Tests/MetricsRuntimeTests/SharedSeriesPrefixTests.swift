import MetricsExpositionParser
@testable import MetricsRuntime
import Testing

/// A family's series share the start of their sample lines (name and the fixed labels that sort
/// before the first variable one); each series keeps only the rest. The exposition, the order of
/// series and the snapshot's label sets must be exactly what whole lines would give.
@Suite struct SharedSeriesPrefixTests {
    static let ep = #"dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="ns""#
    static let ep2 = #"dynamo_component="comp",dynamo_endpoint="ep2",dynamo_namespace="ns""#

    static func component() -> Component {
        MetricsRuntime().namespace("ns").component("comp")
    }

    /// An empty variable value renders nothing: that series' own part is just `} ` after the
    /// shared start (no comma), and it sorts first, as a proper prefix of its siblings' labels.
    @Test func aSeriesWhoseVariableLabelsAreEmptyAddsNoComma() throws {
        let metrics = Self.component().endpoint("ep").metrics
        let family = try metrics.makeIntCounterVec("requests_total", help: "Requests", labelNames: ["model"])
        family.labels("b").inc(by: 2)
        family.labels("").inc(by: 5)
        family.labels("a").inc()
        expectSameText(try metrics.exposition(), """
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{\(Self.ep)} 5
            dynamo_component_requests_total{\(Self.ep),model="a"} 1
            dynamo_component_requests_total{\(Self.ep),model="b"} 2

            """)
    }

    /// Families of one name at two endpoints merge into one, series ordered by their full label
    /// bytes although each endpoint's series share a different prefix.
    @Test func mergedFamiliesWithDifferentPrefixesInterleaveByFullLabels() throws {
        let component = Self.component()
        for (endpoint, models) in [("ep2", ["a", "c"]), ("ep", ["b", "", "d"])] {
            let family = try component.endpoint(endpoint).metrics
                .makeGaugeVec("load", help: "Load", labelNames: ["model"])
            for (index, model) in models.enumerated() { family.labels(model).set(Double(index) + 0.5) }
        }
        expectSameText(try component.metrics.exposition(), """
            # HELP dynamo_component_load Load
            # TYPE dynamo_component_load gauge
            dynamo_component_load{\(Self.ep)} 1.5
            dynamo_component_load{\(Self.ep),model="b"} 0.5
            dynamo_component_load{\(Self.ep),model="d"} 2.5
            dynamo_component_load{\(Self.ep2),model="a"} 0.5
            dynamo_component_load{\(Self.ep2),model="c"} 1.5

            """)
    }

    /// A family of the runtime's root (no fixed labels, so no shared start) merges with the same
    /// family at an endpoint (which has one): each series is read after its own registration's
    /// head, in the text, in OpenMetrics and in the snapshot.
    @Test func aFamilyWithoutASharedStartMergesWithOneThatHasIt() throws {
        let runtime = MetricsRuntime()
        let root = try runtime.metrics.makeIntCounterVec("hits_total", help: "Hits", labelNames: ["model"])
        root.labels("z").inc(by: 4)
        root.labels("").inc()
        let endpoint = try runtime.namespace("ns").component("comp").endpoint("ep").metrics
            .makeIntCounterVec("hits_total", help: "Hits", labelNames: ["model"])
        endpoint.labels("b").inc(by: 2)
        endpoint.labels("").inc(by: 3)
        let text = try runtime.metrics.exposition()
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("dynamo_component_hits_total") }
        #expect(lines == [
            "dynamo_component_hits_total 1",
            "dynamo_component_hits_total{\(Self.ep)} 3",
            "dynamo_component_hits_total{\(Self.ep),model=\"b\"} 2",
            "dynamo_component_hits_total{model=\"z\"} 4",
        ])
        var open: [UInt8] = []
        try runtime.metrics.exposition(into: &open, format: .openMetrics, options: .init(openMetricsCreatedSamples: false))
        #expect(String(decoding: open, as: UTF8.self).contains("""
            dynamo_component_hits_total{\(Self.ep),model="b"} 2
            dynamo_component_hits_total{model="z"} 4
            """))
        let family = try #require(try runtime.metrics.snapshot().first { $0.name == "dynamo_component_hits_total" })
        let parsed = try #require(try parseStrictly(text).families.first { $0.name == "dynamo_component_hits_total" })
        #expect(parsed.series.map { $0.labels.map { MetricLabel(name: $0.name, value: $0.value) } } == family.series.map { Array($0.labels) })
        #expect(family.series.count == 4)
    }

    /// A variable label sorting before every fixed one leaves nothing to share; fixed labels
    /// after a variable one stay in each series' own bytes, in name order.
    @Test func fixedLabelsAfterAVariableOneStayInTheSeries() throws {
        let metrics = Self.component().endpoint("ep").metrics
        let first = try metrics.makeIntGaugeVec("slots", help: "Slots", labelNames: ["accelerator"])
        first.labels("gpu").set(3)
        let middle = try metrics.makeIntCounterVec(
            "tokens_total", help: "Tokens", labelNames: ["model", "zone"], constantLabels: [("pool", "p1"), ("alpha", "x")])
        middle.labels("m", "z1").inc(by: 4)
        middle.labels("", "").inc(by: 6)
        middle.labels("", "z0").inc(by: 7)
        expectSameText(try metrics.exposition(), """
            # HELP dynamo_component_slots Slots
            # TYPE dynamo_component_slots gauge
            dynamo_component_slots{accelerator="gpu",\(Self.ep)} 3
            # HELP dynamo_component_tokens_total Tokens
            # TYPE dynamo_component_tokens_total counter
            dynamo_component_tokens_total{alpha="x",\(Self.ep),model="m",pool="p1",zone="z1"} 4
            dynamo_component_tokens_total{alpha="x",\(Self.ep),pool="p1"} 6
            dynamo_component_tokens_total{alpha="x",\(Self.ep),pool="p1",zone="z0"} 7

            """)
    }

    /// Histogram bucket, sum and count lines all start with the shared labels (`le` goes last).
    @Test func histogramLinesCarryTheSharedLabels() throws {
        let metrics = Self.component().endpoint("ep").metrics
        let family = try metrics.makeHistogramVec("wait_seconds", help: "Wait", labelNames: ["model"], buckets: [1])
        family.labels("a").observe(0.5)
        family.labels("").observe(2)
        expectSameText(try metrics.exposition(), """
            # HELP dynamo_component_wait_seconds Wait
            # TYPE dynamo_component_wait_seconds histogram
            dynamo_component_wait_seconds_bucket{\(Self.ep),le="1"} 0
            dynamo_component_wait_seconds_bucket{\(Self.ep),le="+Inf"} 1
            dynamo_component_wait_seconds_sum{\(Self.ep)} 2
            dynamo_component_wait_seconds_count{\(Self.ep)} 1
            dynamo_component_wait_seconds_bucket{\(Self.ep),model="a",le="1"} 1
            dynamo_component_wait_seconds_bucket{\(Self.ep),model="a",le="+Inf"} 1
            dynamo_component_wait_seconds_sum{\(Self.ep),model="a"} 0.5
            dynamo_component_wait_seconds_count{\(Self.ep),model="a"} 1

            """)
    }

    /// OpenMetrics writes counters under `_total` from the label block rather than the line: the
    /// shared labels lead it, with or without the series' own.
    @Test func openMetricsCounterLinesCarryTheSharedLabels() throws {
        let metrics = Self.component().endpoint("ep").metrics
        let family = try metrics.makeCounterVec("jobs", help: "Jobs", labelNames: ["kind", "zone"])
        family.labels("", "").inc(by: 3)
        family.labels("io", "").inc()
        family.labels("", "z").inc(by: 2)
        var text: [UInt8] = []
        try metrics.exposition(into: &text, format: .openMetrics, options: .init(openMetricsCreatedSamples: false))
        expectSameText(String(decoding: text, as: UTF8.self), """
            # HELP dynamo_component_jobs Jobs
            # TYPE dynamo_component_jobs counter
            dynamo_component_jobs_total{\(Self.ep)} 3.0
            dynamo_component_jobs_total{\(Self.ep),kind="io"} 1.0
            dynamo_component_jobs_total{\(Self.ep),zone="z"} 2.0
            # EOF

            """)
    }

    /// The snapshot rebuilds label sets from the split bytes: they equal what a parser reads
    /// from the text, series by series.
    @Test func snapshotLabelSetsEqualTheParsedExposition() throws {
        let component = Self.component()
        for endpoint in ["ep", "ep2"] {
            let family = try component.endpoint(endpoint).metrics.makeCounterVec(
                "requests_total", help: "Requests", labelNames: ["model", "status"], constantLabels: [("region", "eu \"1\"")])
            for model in ["", "llama\n7b", "m\\x"] {
                for status in ["", "ok"] { family.labels(model, status).inc() }
            }
        }
        let snapshot = try component.metrics.snapshot()
        let parsed = try parseStrictly(try component.metrics.exposition())
        #expect(parsed.families.map { $0.series.map { $0.labels.map { MetricLabel(name: $0.name, value: $0.value) } } }
            == snapshot.map { $0.series.map { Array($0.labels) } })
        #expect(snapshot.flatMap(\.series).count == 12)
    }
}
