import MetricsRuntime
import Testing

/// Labeled families: every lookup form, arity errors (thrown or reported), removal, ordering.
@Suite struct LabeledFamilyTests {
    static let ns = #"dynamo_namespace="ns""#

    @Test func everyLookupFormFindsTheSameSeries() throws {
        let runtime = MetricsRuntime()
        let family = try runtime.namespace("ns").metrics.makeCounterVec(
            "requests_total", help: "Requests", labelNames: ["method", "status"])
        #expect(family.name == "dynamo_component_requests_total")
        #expect(family.labelNames == ["method", "status"])
        let variadic = try family.withLabelValues("GET", "200")
        #expect(try family.withLabelValues(["GET", "200"]) === variadic)
        #expect(try family.with(labels: ["status": "200", "method": "GET"]) === variadic)
        #expect(family.labels("GET", "200") === variadic)
        #expect(family.labels(["GET", "200"]) === variadic)
        #expect(try family.withLabelValues("200", "GET") !== variadic)
    }

    @Test func fixedArityFormsMatchTheThrowingForms() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics
        let one = try metrics.makeIntCounterVec("one_total", help: "1", labelNames: ["a"])
        let three = try metrics.makeGaugeVec("three", help: "3", labelNames: ["a", "b", "c"])
        let four = try metrics.makeIntGaugeVec("four", help: "4", labelNames: ["a", "b", "c", "d"])
        #expect(one.labels("x") === (try one.withLabelValues("x")))
        #expect(three.labels("x", "y", "z") === (try three.withLabelValues("x", "y", "z")))
        #expect(four.labels("w", "x", "y", "z") === (try four.withLabelValues("w", "x", "y", "z")))
        #expect(four.labels(["w", "x", "y", "z"]) === four.labels("w", "x", "y", "z"))
    }

    @Test func wrongArityThrowsExactErrors() throws {
        let family = try MetricsRuntime().namespace("ns").metrics.makeCounterVec(
            "requests_total", help: "Requests", labelNames: ["method", "status"])
        let tooFew = thrownError { try family.withLabelValues("GET") }
        #expect(tooFew == .labelCountMismatch(
            metric: "dynamo_component_requests_total", expected: ["method", "status"], got: 1))
        #expect(tooFew?.description
            == "metric 'dynamo_component_requests_total' takes 2 label values (method, status), got 1")
        #expect(thrownError { try family.withLabelValues(["GET", "200", "extra"]) } == .labelCountMismatch(
            metric: "dynamo_component_requests_total", expected: ["method", "status"], got: 3))
        #expect(thrownError { try family.withLabelValues() } == .labelCountMismatch(
            metric: "dynamo_component_requests_total", expected: ["method", "status"], got: 0))

        let single = try MetricsRuntime().metrics.makeGaugeVec("g", help: "G", labelNames: ["code"])
        #expect(thrownError { try single.withLabelValues("a", "b") }?.description
            == "metric 'dynamo_component_g' takes 1 label value (code), got 2")
    }

    @Test func byNameLookupErrors() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics
        let family = try metrics.makeCounterVec("requests_total", help: "Requests", labelNames: ["method", "status"])
        let unknown = thrownError { try family.with(labels: ["method": "GET", "status": "200", "bogus": "x"]) }
        #expect(unknown == .unknownLabelName(
            "bogus", metric: "dynamo_component_requests_total", expected: ["method", "status"]))
        #expect(unknown?.description
            == "metric 'dynamo_component_requests_total' has no label 'bogus'; its labels are method, status")
        let missing = thrownError { try family.with(labels: ["method": "GET"]) }
        #expect(missing == .missingLabelValue("status", metric: "dynamo_component_requests_total"))
        #expect(missing?.description == "no value given for label 'status' of metric 'dynamo_component_requests_total'")
        #expect(try metrics.exposition() == "")
    }

    @Test func fixedArityMismatchIsReportedAndNotExported() throws {
        let recorder = ErrorRecorder()
        let runtime = MetricsRuntime(configuration: recordingConfiguration(recorder))
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        let family = try metrics.makeCounterVec("c_total", help: "C", labelNames: ["a", "b"])
        family.labels("only-one").inc()
        family.labels("x", "y", "z").inc()
        family.labels("w", "x", "y", "z").inc()
        family.labels(["too", "many", "values"]).inc(by: 5)
        let detached = family.labels([])
        detached.inc()
        #expect(detached.get() == 1)
        let expected = ["a", "b"]
        #expect(recorder.errors == [
            .labelCountMismatch(metric: "c_total", expected: expected, got: 1),
            .labelCountMismatch(metric: "c_total", expected: expected, got: 3),
            .labelCountMismatch(metric: "c_total", expected: expected, got: 4),
            .labelCountMismatch(metric: "c_total", expected: expected, got: 3),
            .labelCountMismatch(metric: "c_total", expected: expected, got: 0),
        ])
        #expect(try metrics.exposition() == "")
        family.labels("x", "y").inc()
        #expect(try metrics.exposition() == "# HELP c_total C\n# TYPE c_total counter\nc_total{a=\"x\",b=\"y\",\(Self.ns)} 1\n")
    }

    @Test func removeOneSeriesThenAll() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let family = try metrics.makeIntGaugeVec("g", help: "G", labelNames: ["k"])
        family.labels("a").set(1)
        family.labels("b").set(2)
        family.labels("c").set(3)
        let oldB = family.labels("b")
        #expect(family.remove(labelValues: ["b"]))
        #expect(!family.remove(labelValues: ["b"]))
        #expect(!family.remove(labelValues: ["a", "extra"]))
        #expect(!family.remove(labelValues: []))
        expectSameText(try metrics.exposition(), """
            # HELP g G
            # TYPE g gauge
            g{\(Self.ns),k="a"} 1
            g{\(Self.ns),k="c"} 3

            """)
        #expect(family.remove(labels: ["k": "c"]))
        #expect(!family.remove(labels: ["k": "c"]))
        #expect(!family.remove(labels: ["nope": "a"]))
        #expect(!family.remove(labels: [:]))
        let newB = family.labels("b")
        #expect(newB !== oldB)
        #expect(newB.get() == 0)
        expectSameText(try metrics.exposition(), """
            # HELP g G
            # TYPE g gauge
            g{\(Self.ns),k="a"} 1
            g{\(Self.ns),k="b"} 0

            """)
        family.removeAll()
        #expect(try metrics.exposition() == "")
        family.labels("z").set(9)
        #expect(try metrics.exposition() == "# HELP g G\n# TYPE g gauge\ng{\(Self.ns),k=\"z\"} 9\n")
    }

    @Test func manyInsertionsAndRemovalsKeepEveryLiveSeries() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        let family = try metrics.makeIntCounterVec("n_total", help: "N", labelNames: ["i"])
        for round in 0..<5 {
            for index in 0..<200 { family.labels("\(round)-\(index)").inc(by: index + 1) }
            for index in 0..<200 where index % 2 == 0 { #expect(family.remove(labelValues: ["\(round)-\(index)"])) }
        }
        for round in 0..<5 {
            for index in 0..<200 {
                let live = family.labels("\(round)-\(index)").get()
                #expect(live == (index % 2 == 0 ? 0 : index + 1), "series \(round)-\(index)")
            }
        }
    }

    @Test func seriesAreSortedByRenderedLabelsBytewise() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        let family = try metrics.makeIntCounterVec("s_total", help: "S", labelNames: ["z", "a"])
        for (z, a) in [("b", "1"), ("a", "2"), ("aa", "0"), ("a", "10"), ("a", "9"), ("B", "0")] {
            family.labels(z, a).inc()
        }
        let lines = try metrics.exposition().split(separator: "\n").filter { $0.hasPrefix("s_total") }
        #expect(lines == [
            #"s_total{a="0",z="B"} 1"#,
            #"s_total{a="0",z="aa"} 1"#,
            #"s_total{a="1",z="b"} 1"#,
            #"s_total{a="10",z="a"} 1"#,
            #"s_total{a="2",z="a"} 1"#,
            #"s_total{a="9",z="a"} 1"#,
        ])
    }

    @Test func emptyLabelValuesAreLeftOutOfTheSeries() throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let family = try metrics.makeIntCounterVec("e_total", help: "E", labelNames: ["a", "b"])
        family.labels("", "x").inc()
        family.labels("", "").inc(by: 2)
        expectSameText(try metrics.exposition(), """
            # HELP e_total E
            # TYPE e_total counter
            e_total{b="x",\(Self.ns)} 1
            e_total{\(Self.ns)} 2

            """)
    }

    /// Prometheus compares label values byte for byte: "é" precomposed and "e" + combining acute
    /// are two series even though Swift's `==` calls the strings equal.
    @Test func labelValuesAreComparedByteForByte() throws {
        let family = try MetricsRuntime().metrics.makeIntCounterVec("u_total", help: "U", labelNames: ["v"])
        let precomposed = family.labels("\u{E9}")
        let decomposed = family.labels("e\u{301}")
        #expect(precomposed !== decomposed)
        #expect(try family.withLabelValues("\u{E9}") === precomposed)
    }

    /// Values whose concatenation is equal but whose split differs are different series.
    @Test func valueBoundariesMatter() throws {
        let family = try MetricsRuntime().metrics.makeIntCounterVec("b_total", help: "B", labelNames: ["x", "y"])
        let splits = [("ab", "c"), ("a", "bc"), ("abc", ""), ("", "abc")]
        let instruments = splits.map { family.labels($0.0, $0.1) }
        for (index, instrument) in instruments.enumerated() {
            instrument.inc(by: index + 1)
            for other in instruments[(index + 1)...] { #expect(instrument !== other) }
        }
        for (index, (x, y)) in splits.enumerated() {
            #expect(try family.withLabelValues(x, y).get() == index + 1)
            #expect(family.labels([x, y]).get() == index + 1)
        }
    }

    /// Values of every length from 0 to 70 bytes that differ in a single byte at every position
    /// (the lookup compares words and overlapping tails) are all distinct series.
    @Test func singleByteDifferencesAtEveryPositionAndLength() throws {
        let family = try MetricsRuntime().metrics.makeIntCounterVec("d_total", help: "D", labelNames: ["v"])
        var expected = [String: Int]()
        for length in 0...70 {
            let base = String(repeating: "a", count: length)
            family.labels(base).inc()
            expected[base, default: 0] += 1
            for position in 0..<length {
                var bytes = Array(base.utf8)
                bytes[position] = UInt8(ascii: "b")
                let value = String(decoding: bytes, as: UTF8.self)
                family.labels(value).inc()
                expected[value, default: 0] += 1
            }
        }
        #expect(expected.count == 71 + (0...70).reduce(0, +))
        for (value, count) in expected {
            #expect(family.labels(value).get() == count, "\(value.utf8.count) bytes: \(value)")
        }
    }
}

