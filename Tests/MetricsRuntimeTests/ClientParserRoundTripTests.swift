import Foundation
import MetricsRuntime
import Testing

/// The official Python client's parsers (Debian's `python3-prometheus-client`): its OpenMetrics
/// parser is strict (it checks `# EOF`, `_total`/`_created`, `# UNIT`, escapes and floats), which
/// `promtool check metrics` is not. Required, like promtool, when REQUIRE_PROMETHEUS_TOOLS=1.
enum PythonClientParser {
    /// A Python 3 that can import `prometheus_client`.
    static let python: String? = {
        var candidates = ["/usr/bin/python3"]
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(directory)/python3")
        }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if let (status, _) = try? PrometheusTools.run(candidate, ["-c", "import prometheus_client"], input: ""),
               status == 0 {
                return candidate
            }
        }
        return nil
    }()

    static var runnable: Bool { python != nil || PrometheusTools.required }

    /// Parses standard input and prints one line per sample:
    /// `family<TAB>type<TAB>unit<TAB>help<TAB>sample<TAB>labels-json<TAB>repr(value)`.
    static let script = #"""
        import sys, json
        from prometheus_client.openmetrics.parser import text_string_to_metric_families as om
        from prometheus_client.parser import text_string_to_metric_families as prom
        text = sys.stdin.buffer.read().decode("utf-8")
        parse = om if sys.argv[1] == "openmetrics" else prom
        for family in parse(text):
            for sample in family.samples:
                print(json.dumps([family.name, family.type, family.unit, family.documentation,
                                  sample.name, sample.labels, repr(sample.value)], ensure_ascii=True))
        """#

    struct Sample: Equatable {
        var family, type, unit, help, name: String
        var labels: [String: String]
        var value: String
    }

    static func parse(
        _ text: String, format: ExpositionFormat, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [Sample] {
        let python = try #require(
            python,
            "python3 with prometheus_client is required (REQUIRE_PROMETHEUS_TOOLS=1): install Debian's 'python3-prometheus-client'",
            sourceLocation: sourceLocation)
        let mode = format == .openMetrics ? "openmetrics" : "prometheus"
        let (status, output) = try PrometheusTools.run(python, ["-c", script, mode], input: text)
        try #require(status == 0, "prometheus_client rejected the \(mode) text: \(output)\n--- input ---\n\(text)",
                     sourceLocation: sourceLocation)
        return try output.split(separator: "\n").map { line in
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            return Sample(
                family: fields[0] as? String ?? "", type: fields[1] as? String ?? "", unit: fields[2] as? String ?? "",
                help: fields[3] as? String ?? "", name: fields[4] as? String ?? "",
                labels: fields[5] as? [String: String] ?? [:], value: fields[6] as? String ?? "")
        }
    }
}

@Suite struct ClientParserRoundTripTests {
    @Test(
        .enabled(if: PythonClientParser.runnable,
                 "python3-prometheus-client not installed; set REQUIRE_PROMETHEUS_TOOLS=1 to fail instead"),
        arguments: ExpositionFormat.allCases)
    func nastyScrapeRoundTripsThroughTheOfficialClientParser(format: ExpositionFormat) throws {
        let runtime = try PromtoolRoundTripTests().nastyRuntime()
        let samples = try PythonClientParser.parse(try runtime.metrics.exposition(format: format), format: format)
        let requests = samples.filter { $0.name == "dynamo_component_requests_total" }
        #expect(requests.count == PromtoolRoundTripTests.nastyValues.count)
        for (index, value) in PromtoolRoundTripTests.nastyValues.enumerated() {
            let sample = requests.first { $0.labels["value"] == value }
            // The OpenMetrics parser gives an int for `1`, the text parser a float `1.0`.
            #expect(sample.flatMap { Double($0.value) } == Double(index + 1), "value \(value.debugDescription)")
            #expect(sample?.labels == [
                "dynamo_namespace": "ns \"quoted\"", "dynamo_component": "comp\\x", "dynamo_endpoint": "ep\nline",
                "worker_id": "beef", "value": value,
            ])
            #expect(sample?.type == "counter")
            #expect(sample?.help == PromtoolRoundTripTests.requestsHelp)
        }
        let buckets = samples.filter { $0.name == "dynamo_component_request_duration_seconds_bucket" }
        #expect(buckets.count == 4 * PromtoolRoundTripTests.nastyValues.count)
        #expect(Set(buckets.compactMap { $0.labels["le"] }) == (format == .openMetrics
            ? ["0.5", "1.0", "2.5", "+Inf"] : ["0.5", "1", "2.5", "+Inf"]))
        #expect(samples.first { $0.name == "dynamo_component_temperature_celsius" }?.value == "nan")
        let sent = samples.first { $0.name == "dynamo_component_sent_bytes_total" }
        #expect(sent?.value == "1e+21")
        if format == .openMetrics {
            #expect(sent?.family == "dynamo_component_sent_bytes")
            #expect(sent?.unit == "bytes")
            let created = samples.filter { $0.name.hasSuffix("_created") }
            // One per requests and latency series, plus sent_bytes.
            #expect(created.count == 2 * PromtoolRoundTripTests.nastyValues.count + 1)
        }
    }

    @Test(.enabled(if: PythonClientParser.runnable,
                   "python3-prometheus-client not installed; set REQUIRE_PROMETHEUS_TOOLS=1 to fail instead"))
    func openMetricsSpecialValuesAndEmptyScrapeParse() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").metrics
        for (name, value) in [("pos_inf", Double.infinity), ("neg_inf", -.infinity), ("neg_zero", -0.0), ("tiny", Double.leastNonzeroMagnitude)] {
            try metrics.makeGauge(name, help: name).set(value)
        }
        let samples = try PythonClientParser.parse(try metrics.exposition(format: .openMetrics), format: .openMetrics)
        #expect(samples.map(\.value) == ["-inf", "-0.0", "inf", "5e-324"])
        #expect(try PythonClientParser.parse(
            try runtime.namespace("empty").metrics.exposition(format: .openMetrics), format: .openMetrics) == [])
    }
}
