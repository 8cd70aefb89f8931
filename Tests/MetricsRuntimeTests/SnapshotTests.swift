import MetricsExpositionParser
@testable import MetricsRuntime
import Testing

/// `node.metrics.snapshot()`: exact values, and the same families, order, series and labels as
/// the exposition (both read one family iteration).
@Suite struct SnapshotTests {
    static func runtime() throws -> MetricsRuntime {
        var configuration = MetricsConfiguration()
        configuration.instanceID = 0xbeef
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("ns").component("comp").endpoint("ep")
        let requests = try endpoint.metrics.makeIntCounterVec("requests_total", help: "Requests", labelNames: ["status"])
        requests.labels("ok").inc(by: 3)
        requests.labels("").inc()  // an empty value is an absent label, as in the exposition
        try runtime.namespace("ns").component("comp").endpoint("ep2").metrics
            .makeIntCounterVec("requests_total", help: "Requests", labelNames: ["status"]).labels("ok").inc(by: 5)
        try endpoint.metrics.makeGauge("load_ratio", help: "Load \"now\"", constantLabels: [("gpu", "0\n1")], unit: "ratio").set(0.5)
        try endpoint.metrics.makeIntGauge("slots", help: "Slots").set(-2)
        let latency = try endpoint.metrics.makeHistogram("latency_seconds", help: "Latency", buckets: [0.1, 1])
        latency.observe(0.25)
        latency.observe(0.5)
        latency.observe(7)
        try endpoint.metrics.makeCounter("bytes_total", help: "Bytes").inc(by: 1.5)
        return runtime
    }

    static func labels(_ pairs: KeyValuePairs<String, String>) -> [MetricLabel] {
        pairs.map { MetricLabel(name: $0.key, value: $0.value) }
    }

    @Test func componentSnapshotHasExactValuesAndFullLabelSets() throws {
        let runtime = try Self.runtime()
        let snapshot = try runtime.namespace("ns").component("comp").metrics.snapshot()
        let ep: KeyValuePairs<String, String> = [
            "dynamo_component": "comp", "dynamo_endpoint": "ep", "dynamo_namespace": "ns", "worker_id": "beef",
        ]
        func endpointLabels(_ extra: [(String, String)] = [], endpoint: String = "ep") -> [MetricLabel] {
            (Self.labels(ep).map { $0.name == "dynamo_endpoint" ? MetricLabel(name: $0.name, value: endpoint) : $0 }
                + extra.map { MetricLabel(name: $0.0, value: $0.1) }).sorted { $0.name < $1.name }
        }
        #expect(snapshot == [
            MetricFamilySnapshot(name: "dynamo_component_bytes_total", kind: .counter, help: "Bytes", unit: nil, series: [
                SeriesSnapshot(labels: endpointLabels(), value: .counter(.double(1.5))),
            ]),
            MetricFamilySnapshot(name: "dynamo_component_latency_seconds", kind: .histogram, help: "Latency", unit: nil, series: [
                SeriesSnapshot(labels: endpointLabels(), value: .histogram(HistogramSnapshot(
                    upperBounds: [0.1, 1], bucketCounts: [0, 2, 1], sum: 7.75, count: 3))),
            ]),
            MetricFamilySnapshot(name: "dynamo_component_load_ratio", kind: .gauge, help: "Load \"now\"", unit: "ratio", series: [
                SeriesSnapshot(labels: endpointLabels([("gpu", "0\n1")]), value: .gauge(.double(0.5))),
            ]),
            MetricFamilySnapshot(name: "dynamo_component_requests_total", kind: .counter, help: "Requests", unit: nil, series: [
                // Sorted by rendered labels: `…,status="ok",worker_id=…` before `…,worker_id=…`.
                SeriesSnapshot(labels: endpointLabels([("status", "ok")]), value: .counter(.int(3))),
                SeriesSnapshot(labels: endpointLabels(), value: .counter(.int(1))),
                SeriesSnapshot(labels: endpointLabels([("status", "ok")], endpoint: "ep2"), value: .counter(.int(5))),
            ]),
            MetricFamilySnapshot(name: "dynamo_component_slots", kind: .gauge, help: "Slots", unit: nil, series: [
                SeriesSnapshot(labels: endpointLabels(), value: .gauge(.int(-2))),
            ]),
        ])
    }

    /// Family names, kinds, help and every series' labels and value read back from the text.
    @Test(arguments: ExpositionFormat.allCases)
    func snapshotMatchesTheExpositionFamilyByFamily(format: ExpositionFormat) throws {
        let runtime = try Self.runtime()
        let snapshot = try runtime.metrics.snapshot()
        let parsed = try parseStrictly(try runtime.metrics.exposition(format: format), format: format)
        #expect(parsed.families.map(\.valueSampleName) == snapshot.map(\.name))
        #expect(parsed.families.map(\.help) == snapshot.map(\.help))
        #expect(parsed.families.map(\.type.rawValue) == snapshot.map(\.kind.rawValue))
        // Uptime is refreshed by its update callback at each walk, so its value differs.
        for (text, values) in zip(parsed.families, snapshot) where !values.name.hasSuffix("uptime_seconds") {
            #expect(text.series.map { $0.labels.map { MetricLabel(name: $0.name, value: $0.value) } } == values.series.map { Array($0.labels) })
            for (series, value) in zip(text.series, values.series) {
                switch (series.value, value.value) {
                case (.single(let number, _), .counter(let expected)), (.single(let number, _), .gauge(let expected)):
                    #expect(number == expected.doubleValue, "\(text.name)")
                case (.histogram(let histogram), .histogram(let expected)):
                    #expect(histogram.buckets.map(\.cumulativeCount) == expected.bucketCounts.reduce(into: [Double]()) {
                        $0.append(($0.last ?? 0) + Double($1))
                    })
                    #expect(histogram.totalCount == Double(expected.count))
                default:
                    Issue.record("\(text.name): \(series.value) vs \(value.value)")
                }
            }
        }
    }

    /// Hostile label values (quotes, backslashes, line feeds, UTF-8, look-alike escapes) in
    /// consecutive series: the snapshot's labels are exactly what a parser reads from the text.
    @Test func hostileLabelValuesMatchTheParsedExposition() throws {
        let runtime = try PromtoolRoundTripTests().nastyRuntime()
        let snapshot = try runtime.metrics.snapshot().filter { !$0.name.hasSuffix("uptime_seconds") }
        let parsed = try parseStrictly(try runtime.metrics.exposition()).families.filter { !$0.name.hasSuffix("uptime_seconds") }
        #expect(parsed.map { $0.series.map { $0.labels.map { MetricLabel(name: $0.name, value: $0.value) } } }
            == snapshot.map { $0.series.map { Array($0.labels) } })
        #expect(snapshot.flatMap(\.series).count > 10)
    }

    /// Label sets are built once per series and kept until the series change: a series created
    /// (or removed) after a snapshot is in the next one with its own labels; the others keep theirs.
    @Test func labelSetsFollowSeriesCreatedAndRemovedBetweenSnapshots() throws {
        let runtime = MetricsRuntime(configuration: {
            var configuration = MetricsConfiguration()
            configuration.metricPrefix = nil
            return configuration
        }())
        let family = try runtime.metrics.makeIntCounterVec("jobs_total", help: "Jobs", labelNames: ["queue", "state"])
        family.labels("b", "done").inc(by: 2)
        family.labels("d", "").inc()
        func jobs() throws -> [SeriesSnapshot] { try runtime.metrics.snapshot().first { $0.name == "jobs_total" }?.series ?? [] }
        let first = try jobs()
        #expect(first == [
            SeriesSnapshot(labels: [MetricLabel(name: "queue", value: "b"), MetricLabel(name: "state", value: "done")], value: .counter(.int(2))),
            SeriesSnapshot(labels: [MetricLabel(name: "queue", value: "d")], value: .counter(.int(1))),
        ])
        family.labels("a", "long value \"quoted\" past fifteen bytes").inc(by: 7)
        family.labels("c", "done").inc(by: 3)
        #expect(family.remove(labelValues: ["b", "done"]))
        let second = try jobs()
        #expect(second.map { Array($0.labels) } == [
            [MetricLabel(name: "queue", value: "a"), MetricLabel(name: "state", value: "long value \"quoted\" past fifteen bytes")],
            [MetricLabel(name: "queue", value: "c"), MetricLabel(name: "state", value: "done")],
            [MetricLabel(name: "queue", value: "d")],
        ])
        #expect(second.map(\.value) == [.counter(.int(7)), .counter(.int(3)), .counter(.int(1))])
        #expect(second[2].labels == first[1].labels)
        #expect(second[1].labels.count == 2 && second[1].labels[1] == MetricLabel(name: "state", value: "done"))
    }

    /// Histogram series share one count buffer per family; each series' counts index from 0.
    @Test func histogramCountsOfSeveralSeriesIndexFromZero() throws {
        let runtime = try Self.runtime()
        let latency = try runtime.metrics.makeHistogramVec("wait_seconds", help: "Wait", labelNames: ["queue"], buckets: [1, 2])
        latency.labels("a").observe(0.5)
        latency.labels("b").observe(1.5)
        latency.labels("b").observe(9)
        let family = try #require(try runtime.metrics.snapshot().first { $0.name.hasSuffix("wait_seconds") })
        let histograms = family.series.compactMap { series -> HistogramSnapshot? in
            guard case .histogram(let histogram) = series.value else { return nil }
            return histogram
        }
        #expect(histograms == [
            HistogramSnapshot(upperBounds: [1, 2], bucketCounts: [1, 0, 0], sum: 0.5, count: 1),
            HistogramSnapshot(upperBounds: [1, 2], bucketCounts: [0, 1, 1], sum: 10.5, count: 2),
        ])
        #expect(histograms.map { $0.bucketCounts[0] } == [1, 0])
        #expect(histograms.map { Array($0.bucketCounts) } == [[1, 0, 0], [0, 1, 1]])
    }

    @Test func startTimeIsTheWallClockAtCreation() {
        let before = WallClock.now()
        let runtime = MetricsRuntime()
        let after = WallClock.now()
        #expect(runtime.startTime >= before && runtime.startTime <= after)
    }

    /// #14 defect 6: the subtree walk inserted into the middle of an array (quadratic). Bounded
    /// by counting array writes, not by time: at most two per node, for 100k endpoints.
    @Test func subtreeWalkIsLinearInNodes() throws {
        let runtime = MetricsRuntime()
        let endpoints = 100_000
        for index in 0..<endpoints {
            _ = runtime.namespace("ns\(index % 10)").component("c\(index % 100)").endpoint("e\(index)")
        }
        var work = 0
        let nodes = runtime.root.subtree(work: &work)
        let expected = 1 + 10 + 100 + endpoints
        #expect(nodes.count == expected)
        #expect(work <= 2 * expected)
        // Depth first, children in creation order: root, ns0, its first component, its endpoints…
        #expect(nodes.prefix(4).map(\.name) == ["", "ns0", "c0", "e0"])
        #expect(nodes[4].name == "e100")
        #expect(Set(nodes.map { ObjectIdentifier($0) }).count == expected)
        // The overflow counter has no series yet, so (as in the exposition) it is absent.
        #expect(try runtime.metrics.snapshot().map(\.name) == ["dynamo_component_uptime_seconds"])
    }
}
