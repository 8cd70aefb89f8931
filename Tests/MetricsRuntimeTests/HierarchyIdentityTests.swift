import MetricsRuntime
import Testing

/// Asking the hierarchy for the same name twice gives the same node; labels follow the kind of
/// each level, never its position (unlike Dynamo's positional mapping).
@Suite struct HierarchyIdentityTests {
    @Test func sameNameGivesTheSameNodeAtEveryLevel() {
        let runtime = MetricsRuntime()
        let namespace = runtime.namespace("ns")
        #expect(runtime.namespace("ns") === namespace)
        #expect(runtime.namespace("other") !== namespace)
        #expect(namespace.namespace("inner") === namespace.namespace("inner"))
        #expect(namespace.component("comp") === namespace.component("comp"))
        #expect(namespace.component("comp").endpoint("ep") === namespace.component("comp").endpoint("ep"))
        #expect(namespace.component("comp").endpoint("ep") !== namespace.component("comp").endpoint("ep2"))
        #expect(MetricsRuntime().namespace("ns") !== namespace)
    }

    @Test func namesAndPathsAreReported() {
        let runtime = MetricsRuntime()
        let inner = runtime.namespace("outer").namespace("inner")
        #expect(runtime.namespace("outer").name == "outer")
        #expect(runtime.namespace("outer").path == "outer")
        #expect(inner.name == "inner")
        #expect(inner.path == "outer.inner")
        #expect(inner.namespace("deepest").path == "outer.inner.deepest")
        #expect(inner.component("comp").name == "comp")
        #expect(inner.component("comp").endpoint("ep").name == "ep")
    }

    @Test func sameNameGivesTheSameMetricThroughEitherHandle() throws {
        let runtime = MetricsRuntime()
        let first = try runtime.namespace("ns").component("c").endpoint("e").metrics
            .makeCounter("hits_total", help: "Hits")
        let second = try runtime.namespace("ns").component("c").endpoint("e").metrics
            .makeCounter("hits_total", help: "Hits")
        #expect(first === second)
        second.inc(by: 2)
        #expect(first.get() == 2)
    }

    @Test func aNamespaceAndAComponentOfTheSameNameAreDistinctNodes() throws {
        let runtime = MetricsRuntime()
        let namespace = runtime.namespace("ns")
        try namespace.namespace("x").metrics.makeIntGauge("g", help: "G").set(1)
        try namespace.component("x").metrics.makeIntGauge("g", help: "G").set(2)
        expectSameText(try namespace.metrics.exposition(), """
            # HELP dynamo_component_g G
            # TYPE dynamo_component_g gauge
            dynamo_component_g{dynamo_component="x",dynamo_namespace="ns"} 2
            dynamo_component_g{dynamo_namespace="ns.x"} 1

            """)
    }

    /// Dynamo maps labels by position: `ns1.ns2.ns3.component("c")` gets `dynamo_component="ns2"`.
    /// Here the nested path is the namespace label and component/endpoint keep their own names.
    @Test func nestedNamespacesDoNotShiftLabels() throws {
        let runtime = MetricsRuntime()
        let outer = runtime.namespace("a")
        let endpoint = outer.namespace("b").namespace("c").component("comp").endpoint("ep")
        try endpoint.metrics.makeIntCounter("requests_total", help: "Requests").inc()
        try outer.metrics.makeIntGauge("outer_gauge", help: "Outer").set(7)

        let endpointText = """
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="a.b.c"} 1

            """
        expectSameText(try endpoint.metrics.exposition(), endpointText)
        expectSameText(try outer.namespace("b").metrics.exposition(), endpointText)
        expectSameText(try outer.metrics.exposition(), """
            # HELP dynamo_component_outer_gauge Outer
            # TYPE dynamo_component_outer_gauge gauge
            dynamo_component_outer_gauge{dynamo_namespace="a"} 7
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="a.b.c"} 1

            """)
    }

    @Test func hierarchyNamesAreUsedVerbatimAndEscaped() throws {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("my-ns").component("comp \"1\"").endpoint("ep\\x")
        try endpoint.metrics.makeIntGauge("g", help: "G").set(1)
        expectSameText(try endpoint.metrics.exposition(), """
            # HELP dynamo_component_g G
            # TYPE dynamo_component_g gauge
            dynamo_component_g{dynamo_component="comp \\"1\\"",dynamo_endpoint="ep\\\\x",dynamo_namespace="my-ns"} 1

            """)
    }
}
