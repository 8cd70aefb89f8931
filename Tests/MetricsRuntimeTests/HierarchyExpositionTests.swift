import MetricsRuntime
import Testing

/// Exact exposition at endpoint, component, namespace and root level: each level covers itself
/// and its descendants exactly once, never its parent or its siblings.
@Suite struct HierarchyExpositionTests {
    /// root ─ ns ─ comp ─ ep   (requests_total = 1)
    ///    │     │      └─ ep2  (requests_total = 2)
    ///    │     └─ (ns_gauge = 4.5 on ns; comp_total = 3 on comp)
    ///    └─ other ─ sibling ─ ep (requests_total = 9)     (root_total = 5 on the root)
    struct Tree {
        let runtime = MetricsRuntime()
        var namespace: Namespace { runtime.namespace("ns") }
        var component: Component { namespace.component("comp") }
        var endpoint: Endpoint { component.endpoint("ep") }

        init() throws {
            try runtime.metrics.makeIntCounter("root_total", help: "Root total").inc(by: 5)
            try runtime.namespace("ns").metrics.makeGauge("ns_gauge", help: "Namespace gauge").set(4.5)
            let component = runtime.namespace("ns").component("comp")
            try component.metrics.makeIntCounter("comp_total", help: "Component total").inc(by: 3)
            try component.endpoint("ep").metrics.makeCounter("requests_total", help: "Requests").inc()
            try component.endpoint("ep2").metrics.makeCounter("requests_total", help: "Requests").inc(by: 2)
            try runtime.namespace("other").component("sibling").endpoint("ep").metrics
                .makeCounter("requests_total", help: "Requests").inc(by: 9)
        }
    }

    static let ep = #"dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="ns""#
    static let ep2 = #"dynamo_component="comp",dynamo_endpoint="ep2",dynamo_namespace="ns""#
    static let sibling = #"dynamo_component="sibling",dynamo_endpoint="ep",dynamo_namespace="other""#

    @Test func endpointLevel() throws {
        let tree = try Tree()
        expectSameText(try tree.endpoint.metrics.exposition(), """
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{\(Self.ep)} 1

            """)
    }

    @Test func componentLevelIncludesEachEndpointOnceAndNotTheParent() throws {
        let tree = try Tree()
        expectSameText(try tree.component.metrics.exposition(), """
            # HELP dynamo_component_comp_total Component total
            # TYPE dynamo_component_comp_total counter
            dynamo_component_comp_total{dynamo_component="comp",dynamo_namespace="ns"} 3
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{\(Self.ep)} 1
            dynamo_component_requests_total{\(Self.ep2)} 2

            """)
    }

    @Test func namespaceLevelExcludesSiblingNamespaces() throws {
        let tree = try Tree()
        expectSameText(try tree.namespace.metrics.exposition(), """
            # HELP dynamo_component_comp_total Component total
            # TYPE dynamo_component_comp_total counter
            dynamo_component_comp_total{dynamo_component="comp",dynamo_namespace="ns"} 3
            # HELP dynamo_component_ns_gauge Namespace gauge
            # TYPE dynamo_component_ns_gauge gauge
            dynamo_component_ns_gauge{dynamo_namespace="ns"} 4.5
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{\(Self.ep)} 1
            dynamo_component_requests_total{\(Self.ep2)} 2

            """)
    }

    @Test func rootLevelMergesSameNamedFamiliesIntoOne() throws {
        let tree = try Tree()
        expectSameText(maskingUptime(try tree.runtime.metrics.exposition()), """
            # HELP dynamo_component_comp_total Component total
            # TYPE dynamo_component_comp_total counter
            dynamo_component_comp_total{dynamo_component="comp",dynamo_namespace="ns"} 3
            # HELP dynamo_component_ns_gauge Namespace gauge
            # TYPE dynamo_component_ns_gauge gauge
            dynamo_component_ns_gauge{dynamo_namespace="ns"} 4.5
            # HELP dynamo_component_requests_total Requests
            # TYPE dynamo_component_requests_total counter
            dynamo_component_requests_total{\(Self.ep)} 1
            dynamo_component_requests_total{\(Self.ep2)} 2
            dynamo_component_requests_total{\(Self.sibling)} 9
            # HELP dynamo_component_root_total Root total
            # TYPE dynamo_component_root_total counter
            dynamo_component_root_total 5
            \(uptimeHeader)
            dynamo_component_uptime_seconds <uptime>

            """)
    }

    @Test func repeatedScrapesAreIdenticalAndDoNotDoubleCount() throws {
        let tree = try Tree()
        let first = try tree.component.metrics.exposition()
        let second = try tree.component.metrics.exposition()
        #expect(first == second)
        #expect(occurrences(of: "# TYPE dynamo_component_requests_total", in: first) == 1)
    }

    @Test func aNodeWithoutMetricsExposesNothing() throws {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("ns").component("c").endpoint("e")
        #expect(try endpoint.metrics.exposition() == "")
        #expect(try endpoint.metrics.exposition(format: .openMetrics) == "# EOF\n")
    }

    @Test func aFamilyWithoutSeriesHasNoHeader() throws {
        let runtime = MetricsRuntime()
        let endpoint = runtime.namespace("ns").component("c").endpoint("e")
        _ = try endpoint.metrics.makeCounterVec("by_code_total", help: "By code", labelNames: ["code"])
        #expect(try endpoint.metrics.exposition() == "")
    }

    @Test func expositionIntoAppendsToTheCallersBuffer() throws {
        let tree = try Tree()
        var buffer = Array("PREFIX\n".utf8)
        try tree.endpoint.metrics.exposition(into: &buffer)
        let expected = "PREFIX\n" + (try tree.endpoint.metrics.exposition())
        #expect(String(decoding: buffer, as: UTF8.self) == expected)

        var openMetrics = [UInt8]()
        try tree.endpoint.metrics.exposition(into: &openMetrics, format: .openMetrics)
        #expect(String(decoding: openMetrics, as: UTF8.self).hasSuffix("# EOF\n"))
    }

    @Test func familiesAreSortedByNameBytewise() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        for name in ["ab", "a_b", "B", "a:b", "a", "a_b_c", "Z9", "a_a"] {
            try metrics.makeIntGauge(name, help: name).set(1)
        }
        let families = try runtime.metrics.exposition().split(separator: "\n")
            .filter { $0.hasPrefix("# TYPE ") }.map { $0.split(separator: " ")[2] }
        #expect(families == ["B", "Z9", "a", "a:b", "a_a", "a_b", "a_b_c", "ab", "dynamo_component_uptime_seconds"])
    }

    @Test func contentTypes() {
        #expect(ExpositionFormat.prometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(ExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8")
    }
}
