import MetricsRuntime
import Synchronization
import Testing

/// Update callbacks (run before a scrape of their node or an ancestor) and exposition-text
/// callbacks (appended verbatim, depth first, only at their own level).
@Suite struct CallbackTests {
    struct SimulatedError: Error, CustomStringConvertible {
        var description: String { "Simulated error" }
    }

    final class Calls: Sendable {
        let count = Atomic<Int>(0)
        func hit() { count.add(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }

    /// Dynamo's test: three callbacks adding 1, 10 and 100 give 111, then 222.
    @Test func updateCallbacksRunBeforeEveryScrape() throws {
        let endpoint = MetricsRuntime().namespace("ns").component("c").endpoint("e")
        let gauge = try endpoint.metrics.makeIntGauge("g", help: "G")
        for amount in [1, 10, 100] {
            endpoint.metrics.addUpdateCallback { gauge.inc(by: amount) }
        }
        let line = { (value: Int) in
            #"dynamo_component_g{dynamo_component="c",dynamo_endpoint="e",dynamo_namespace="ns"} \#(value)"#
        }
        #expect(try endpoint.metrics.exposition().split(separator: "\n").last.map(String.init) == line(111))
        #expect(gauge.get() == 111)
        #expect(try endpoint.metrics.exposition().split(separator: "\n").last.map(String.init) == line(222))
        #expect(gauge.get() == 222)
    }

    @Test func updateCallbacksRunForTheScrapedSubtreeOnly() throws {
        let runtime = MetricsRuntime()
        let (root, ns, ep, sibling) = (Calls(), Calls(), Calls(), Calls())
        runtime.metrics.addUpdateCallback { root.hit() }
        runtime.namespace("ns").metrics.addUpdateCallback { ns.hit() }
        runtime.namespace("ns").component("c").endpoint("e").metrics.addUpdateCallback { ep.hit() }
        runtime.namespace("other").metrics.addUpdateCallback { sibling.hit() }
        _ = try runtime.namespace("ns").component("c").endpoint("e").metrics.exposition()
        #expect([root.value, ns.value, ep.value, sibling.value] == [0, 0, 1, 0])
        _ = try runtime.namespace("ns").metrics.exposition()
        #expect([root.value, ns.value, ep.value, sibling.value] == [0, 1, 2, 0])
        _ = try runtime.metrics.exposition()
        #expect([root.value, ns.value, ep.value, sibling.value] == [1, 2, 3, 1])
    }

    @Test func failingUpdateCallbackIsReportedAndTheScrapeGoesOn() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder))
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        let gauge = try metrics.makeIntGauge("g", help: "G")
        metrics.addUpdateCallback { gauge.inc() }
        metrics.addUpdateCallback { throw SimulatedError() }
        metrics.addUpdateCallback { gauge.inc(by: 10) }
        #expect(try metrics.exposition() == "# HELP g G\n# TYPE g gauge\ng{dynamo_namespace=\"ns\"} 11\n")
        #expect(recorder.errors == [.callbackFailed(message: "update callback: Simulated error")])
        #expect(recorder.errors.first?.description == "metrics callback failed: update callback: Simulated error")
    }

    @Test func failingUpdateCallbackFailsTheScrapeWithFailScrape() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder) {
            $0.callbackFailurePolicy = .failScrape
        })
        let metrics = runtime.namespace("ns").metrics
        _ = try metrics.makeIntGauge("g", help: "G")
        metrics.addUpdateCallback { throw SimulatedError() }
        #expect(thrownError { try metrics.exposition() } == .callbackFailed(message: "update callback: Simulated error"))
        var buffer = [UInt8]()
        #expect(thrownError { try metrics.exposition(into: &buffer, format: .openMetrics) }
            == .callbackFailed(message: "update callback: Simulated error"))
        #expect(recorder.errors.count == 2)
        // A scrape of a part of the tree without the failing callback still works.
        #expect(try runtime.namespace("elsewhere").metrics.exposition() == "")
    }

    /// root ─ ns ─ comp ─ ep     each with its own exposition callback
    ///              └─ ep2
    struct TextTree {
        let runtime: MetricsRuntime
        var component: Component { runtime.namespace("ns").component("comp") }

        init(configuration: MetricsConfiguration = MetricsConfiguration()) throws {
            runtime = MetricsRuntime(configuration: configuration)
            let component = runtime.namespace("ns").component("comp")
            runtime.metrics.addExpositionCallback { "root_text 1\n" }
            runtime.namespace("ns").metrics.addExpositionCallback { "ns_text 2" }
            component.metrics.addExpositionCallback { "" }
            component.endpoint("ep").metrics.addExpositionCallback { "# TYPE ep_text gauge\nep_text{x=\"y\"} 3\n" }
            component.endpoint("ep2").metrics.addExpositionCallback { "ep2_text 4\n\n" }
            try component.endpoint("ep").metrics.withPrefix(nil).makeIntGauge("z_gauge", help: "Z").set(5)
        }
    }

    @Test func expositionCallbacksAppearOnceAtTheirLevelAndAbove() throws {
        let tree = try TextTree()
        let gauge = """
            # HELP z_gauge Z
            # TYPE z_gauge gauge
            z_gauge{dynamo_component="comp",dynamo_endpoint="ep",dynamo_namespace="ns"} 5

            """
        let ep = "# TYPE ep_text gauge\nep_text{x=\"y\"} 3\n"
        expectSameText(try tree.component.endpoint("ep").metrics.exposition(), gauge + ep)
        expectSameText(try tree.component.endpoint("ep2").metrics.exposition(), "ep2_text 4\n\n")
        expectSameText(try tree.component.metrics.exposition(), gauge + ep + "ep2_text 4\n\n")
        expectSameText(try tree.runtime.namespace("ns").metrics.exposition(), gauge + "ns_text 2\n" + ep + "ep2_text 4\n\n")
        let root = try tree.runtime.metrics.exposition()
        let tail = "root_text 1\nns_text 2\n" + ep + "ep2_text 4\n\n"
        #expect(root.hasSuffix(tail))
        #expect(occurrences(of: "ep_text{", in: root) == 1)
        #expect(occurrences(of: "root_text", in: root) == 1)
    }

    @Test func expositionCallbacksComeBeforeEOFInOpenMetrics() throws {
        let tree = try TextTree()
        let text = try tree.component.endpoint("ep2").metrics.exposition(format: .openMetrics)
        #expect(text == "ep2_text 4\n\n# EOF\n")
    }

    @Test func failingExpositionCallbackIsSkippedOrFailsTheScrape() throws {
        let recorder = ErrorRecorder()
        let tree = try TextTree(configuration: recordingConfiguration(recorder))
        tree.component.metrics.addExpositionCallback { throw SimulatedError() }
        let text = try tree.component.endpoint("ep2").metrics.exposition()
        #expect(text == "ep2_text 4\n\n")
        let component = try tree.component.metrics.exposition()
        #expect(component.hasSuffix("ep_text{x=\"y\"} 3\nep2_text 4\n\n"))
        #expect(recorder.errors == [.callbackFailed(message: "exposition callback: Simulated error")])

        let strict = try TextTree(configuration: recordingConfiguration(recorder) { $0.callbackFailurePolicy = .failScrape })
        strict.component.endpoint("ep").metrics.addExpositionCallback { throw SimulatedError() }
        #expect(thrownError { try strict.runtime.metrics.exposition() }
            == .callbackFailed(message: "exposition callback: Simulated error"))
        #expect(try strict.component.endpoint("ep2").metrics.exposition() == "ep2_text 4\n\n")
    }

    /// A scrape that fails (with `.failScrape`) leaves the caller's buffer as it was, so a server
    /// that reuses its buffer never sends half a scrape.
    @Test func failedScrapeLeavesTheCallersBufferUnchanged() throws {
        let runtime = MetricsRuntime(configuration: recordingConfiguration(ErrorRecorder()) {
            $0.callbackFailurePolicy = .failScrape
        })
        let metrics = runtime.namespace("ns").metrics
        try metrics.makeIntGauge("g", help: "G").set(1)
        metrics.addExpositionCallback { throw SimulatedError() }
        for format in ExpositionFormat.allCases {
            var buffer = Array("kept\n".utf8)
            #expect(thrownError { try metrics.exposition(into: &buffer, format: format) } != nil)
            #expect(String(decoding: buffer, as: UTF8.self) == "kept\n", "\(format)")
        }
    }
}

