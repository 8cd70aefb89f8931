import MetricsRuntime
import Testing

/// Get-or-create for identical definitions; typed conflicts at registration for any difference,
/// anywhere in the tree; same-named registrations on different nodes merge into one family.
@Suite struct RegistrationConflictTests {
    @Test func identicalDefinitionsReturnTheSameInstance() throws {
        let metrics = MetricsRuntime().namespace("ns").component("c").metrics
        #expect(try metrics.makeCounter("c_total", help: "C") === metrics.makeCounter("c_total", help: "C"))
        #expect(try metrics.makeIntCounter("i_total", help: "I") === metrics.makeIntCounter("i_total", help: "I"))
        #expect(try metrics.makeGauge("g", help: "G") === metrics.makeGauge("g", help: "G"))
        #expect(try metrics.makeIntGauge("ig", help: "IG") === metrics.makeIntGauge("ig", help: "IG"))
        #expect(try metrics.makeHistogram("h", help: "H") === metrics.makeHistogram("h", help: "H", buckets: Buckets.defaults))
        #expect(try metrics.makeGauge("cl", help: "CL", constantLabels: [("x", "1"), ("y", "2")])
            === metrics.makeGauge("cl", help: "CL", constantLabels: [("y", "2"), ("x", "1")]))
        #expect(try metrics.makeGauge("u_seconds", help: "U", unit: "seconds")
            === metrics.makeGauge("u_seconds", help: "U", unit: "seconds"))
    }

    @Test func identicalFamilyDefinitionsShareTheirSeries() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics
        let first = try metrics.makeCounterVec("cv_total", help: "CV", labelNames: ["a"])
        let second = try metrics.makeCounterVec("cv_total", help: "CV", labelNames: ["a"])
        #expect(first.labels("v") === second.labels("v"))
        let histograms = try metrics.makeHistogramVec("hv", help: "HV", labelNames: ["a"], buckets: [1, 2])
        #expect(try histograms.withLabelValues("v")
            === metrics.makeHistogramVec("hv", help: "HV", labelNames: ["a"], buckets: [1, 2]).withLabelValues("v"))
    }

    /// The issue asks for the existing instrument back; for families that is the same family
    /// object, so code that keys caches by identity (`ObjectIdentifier`) sees one family.
    @Test func identicalFamilyDefinitionsReturnTheSameFamilyObject() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics
        #expect(try metrics.makeCounterVec("cv_total", help: "CV", labelNames: ["a"])
            === metrics.makeCounterVec("cv_total", help: "CV", labelNames: ["a"]))
        #expect(try metrics.makeHistogramVec("hv", help: "HV", labelNames: ["a"], buckets: [1, 2])
            === metrics.makeHistogramVec("hv", help: "HV", labelNames: ["a"], buckets: [1, 2]))
    }

    @Test func differentConstantLabelsAtOneNodeAreTwoSeriesOfOneFamily() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let gpu0 = try metrics.makeIntGauge("mem", help: "Memory", constantLabels: [("gpu", "0")])
        let gpu1 = try metrics.makeIntGauge("mem", help: "Memory", constantLabels: [("gpu", "1")])
        #expect(gpu0 !== gpu1)
        gpu0.set(10)
        gpu1.set(11)
        expectSameText(try metrics.exposition(), """
            # HELP mem Memory
            # TYPE mem gauge
            mem{dynamo_namespace="ns",gpu="0"} 10
            mem{dynamo_namespace="ns",gpu="1"} 11

            """)
    }

    /// Registers the first definition on `first`, then expects the second on `second` to throw
    /// `conflictingRegistration` with exactly `difference`, leaving the first untouched.
    func expectConflict(
        name: String = "x", first: (MetricsRegistry) throws -> Void,
        second: @escaping (MetricsRegistry) throws -> Void,
        difference: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let runtime = MetricsRuntime()
        let a = runtime.namespace("ns").component("c").endpoint("e").metrics.withPrefix(nil)
        let elsewhere = [runtime.namespace("ns").component("c").endpoint("e").metrics.withPrefix(nil),
                         runtime.namespace("other").metrics.withPrefix(nil),
                         runtime.metrics.withPrefix(nil)]
        try first(a)
        let before = try runtime.metrics.exposition().split(separator: "\n").filter { $0.hasPrefix(name) }
        for registry in elsewhere {
            #expect(thrownError { try second(registry) }
                == .conflictingRegistration(metric: name, difference: difference), sourceLocation: sourceLocation)
        }
        let after = try runtime.metrics.exposition().split(separator: "\n").filter { $0.hasPrefix(name) }
        #expect(before == after, sourceLocation: sourceLocation)
    }

    @Test func typeConflicts() throws {
        try expectConflict(first: { _ = try $0.makeCounter("x", help: "X") },
                           second: { _ = try $0.makeIntCounter("x", help: "X") },
                           difference: "type Counter (counter), not IntCounter (counter)")
        try expectConflict(first: { _ = try $0.makeGauge("x", help: "X") },
                           second: { _ = try $0.makeCounter("x", help: "X") },
                           difference: "type Gauge (gauge), not Counter (counter)")
        try expectConflict(first: { _ = try $0.makeIntGauge("x", help: "X") },
                           second: { _ = try $0.makeHistogram("x", help: "X") },
                           difference: "type IntGauge (gauge), not Histogram (histogram)")
    }

    @Test func helpLabelBucketAndUnitConflicts() throws {
        try expectConflict(first: { _ = try $0.makeCounter("x", help: "X") },
                           second: { _ = try $0.makeCounter("x", help: "Other") },
                           difference: #"help "X", not "Other""#)
        try expectConflict(first: { _ = try $0.makeCounterVec("x", help: "X", labelNames: ["a", "b"]) },
                           second: { _ = try $0.makeCounterVec("x", help: "X", labelNames: ["b", "a"]) },
                           difference: "label names [a, b], not [b, a]")
        try expectConflict(first: { _ = try $0.makeGaugeVec("x", help: "X", labelNames: ["a"]) },
                           second: { _ = try $0.makeGauge("x", help: "X") },
                           difference: "label names [a], not []")
        try expectConflict(first: { _ = try $0.makeHistogram("x", help: "X", buckets: [1, 2]) },
                           second: { _ = try $0.makeHistogram("x", help: "X", buckets: [1, 2.5]) },
                           difference: "buckets [1, 2], not [1, 2.5]")
        try expectConflict(first: { _ = try $0.makeHistogram("x", help: "X") },
                           second: { _ = try $0.makeHistogramVec("x", help: "X", labelNames: ["l"]) },
                           difference: "label names [], not [l]")
        try expectConflict(name: "x_seconds", first: { _ = try $0.makeGauge("x_seconds", help: "X") },
                           second: { _ = try $0.makeGauge("x_seconds", help: "X", unit: "seconds") },
                           difference: "unit '', not 'seconds'")
    }

    @Test func conflictMessageNamesTheExistingDefinitionFirst() throws {
        let metrics = MetricsRuntime().metrics
        _ = try metrics.makeCounter("x_total", help: "X")
        let error = thrownError { try metrics.makeIntCounter("x_total", help: "X") }
        #expect(error?.description
            == "metric 'dynamo_component_x_total' is already registered with type Counter (counter), not IntCounter (counter); use the same definition everywhere or another name")
    }

    @Test func aConflictThroughAnotherPrefixViewIsStillAConflict() throws {
        let runtime = MetricsRuntime()
        _ = try runtime.metrics.withPrefix("app").makeGauge("x", help: "X")
        #expect(thrownError { try runtime.namespace("n").metrics.withPrefix(nil).makeCounter("app_x", help: "X") }
            == .conflictingRegistration(metric: "app_x", difference: "type Gauge (gauge), not Counter (counter)"))
    }

    @Test func separateRuntimesDoNotConflict() throws {
        _ = try MetricsRuntime().metrics.makeCounter("x_total", help: "X")
        _ = try MetricsRuntime().metrics.makeGauge("x_total", help: "Y")
    }

    @Test func sameDefinitionOnSeveralNodesMergesIntoOneFamily() throws {
        let runtime = MetricsRuntime()
        let component = runtime.namespace("ns").component("c")
        try component.endpoint("e1").metrics.makeIntCounterVec("x_total", help: "X", labelNames: ["k"]).labels("a").inc()
        try component.metrics.makeIntCounterVec("x_total", help: "X", labelNames: ["k"]).labels("a").inc(by: 2)
        try component.endpoint("e2").metrics.makeIntCounterVec("x_total", help: "X", labelNames: ["k"]).labels("a").inc(by: 3)
        expectSameText(try component.metrics.exposition(), """
            # HELP dynamo_component_x_total X
            # TYPE dynamo_component_x_total counter
            dynamo_component_x_total{dynamo_component="c",dynamo_endpoint="e1",dynamo_namespace="ns",k="a"} 1
            dynamo_component_x_total{dynamo_component="c",dynamo_endpoint="e2",dynamo_namespace="ns",k="a"} 3
            dynamo_component_x_total{dynamo_component="c",dynamo_namespace="ns",k="a"} 2

            """)
    }

    /// The first registration of a name is kept apart from later ones (no dictionary for a
    /// name registered once); every one of them is found again, and still refuses a duplicate.
    @Test func everyRegistrationOfANameIsFoundAgain() throws {
        let runtime = MetricsRuntime()
        let component = runtime.namespace("ns").component("c")
        let nodes = [component.endpoint("e1").metrics, component.endpoint("e2").metrics, component.metrics, component.endpoint("e3").metrics]
        let families = try nodes.map { try $0.makeIntCounterVec("x_total", help: "X", labelNames: ["k"]) }
        for (node, family) in zip(nodes, families) {
            #expect(try node.makeIntCounterVec("x_total", help: "X", labelNames: ["k"]) === family)
        }
        #expect(Set(families.map(ObjectIdentifier.init)).count == 4)
        #expect(thrownError { try component.endpoint("").metrics.makeIntCounterVec("x_total", help: "X", labelNames: ["k"]) }
            == .duplicateSeries(metric: "dynamo_component_x_total", labels: #"dynamo_component="c",dynamo_namespace="ns""#))
    }

    @Test func aDottedNamespaceNameCollidesWithTheNestedPath() throws {
        let runtime = MetricsRuntime()
        let nested = try runtime.namespace("a").namespace("b").metrics.makeCounter("x_total", help: "X")
        nested.inc()
        let error = thrownError { try runtime.namespace("a.b").metrics.makeCounter("x_total", help: "X") }
        #expect(error == .duplicateSeries(metric: "dynamo_component_x_total", labels: #"dynamo_namespace="a.b""#))
        #expect(error?.description
            == #"metric 'dynamo_component_x_total' already has a series {dynamo_namespace="a.b"} registered by another node; give it distinct constant labels"#)
        // With distinct constant labels both can exist.
        _ = try runtime.namespace("a.b").metrics.makeCounter("x_total", help: "X", constantLabels: [("src", "flat")])
        #expect(occurrences(of: "dynamo_component_x_total{", in: try runtime.metrics.exposition()) == 2)
    }

    @Test func anEndpointWithAnEmptyNameCollidesWithItsComponent() throws {
        let runtime = MetricsRuntime()
        let component = runtime.namespace("ns").component("c")
        _ = try component.metrics.makeGauge("g", help: "G")
        #expect(thrownError { try component.endpoint("").metrics.makeGauge("g", help: "G") }
            == .duplicateSeries(metric: "dynamo_component_g", labels: #"dynamo_component="c",dynamo_namespace="ns""#))
    }
}
