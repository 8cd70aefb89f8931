import MetricsExpositionParser
import Foundation
import MetricsRuntime
import Testing

/// Locates the Prometheus command-line tools and decides whether a missing tool is a failure
/// (`REQUIRE_PROMETHEUS_TOOLS=1`, as CI sets it) or a visible skip.
enum PrometheusTools {
    static var required: Bool { ProcessInfo.processInfo.environment["REQUIRE_PROMETHEUS_TOOLS"] == "1" }

    static let promtool: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/promtool"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// Runs only when promtool exists, or when it is required (then the missing tool fails).
    static var runnable: Bool { promtool != nil || required }

    /// Feeds `text` to `promtool check metrics` on standard input; returns exit status and output.
    static func checkMetrics(_ text: String) throws -> (status: Int32, output: String) {
        let promtool = try #require(
            promtool,
            "promtool is required (REQUIRE_PROMETHEUS_TOOLS=1) but not on PATH: install Debian's 'prometheus' package")
        return try run(promtool, ["check", "metrics"], input: text)
    }

    /// Runs `executable` with `text` on standard input (through a temporary file); returns the
    /// exit status and standard output, with standard error appended.
    static func run(_ executable: String, _ arguments: [String], input text: String) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("metrics-runtime-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: file)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}

/// Label values with quotes, backslashes, newlines and non-ASCII text survive `promtool check
/// metrics` (the Prometheus Go parser and linter) and an independent parser, in both formats.
@Suite struct PromtoolRoundTripTests {
    static let requestsHelp = "Requests with \"quotes\", back\\slash and new\nline"
    static let nastyValues = [
        #"quote "here""#, #"back\slash"#, "new\nline", "日本語 🎉 Grüße", #"\n is not a newline"#,
        #"trailing\"#, "all \"of\" \\ them\n together ✓", "tab\there", "{curly}=,comma", "carriage\rreturn",
    ]

    /// A runtime whose names pass promtool's lint (counters end in `_total`, base units).
    /// `quotedHelp: false` keeps `"` out of HELP: OpenMetrics escapes it as `\"`, which promtool's
    /// Prometheus-text parser (the only one `promtool check metrics` has) rejects.
    func nastyRuntime(quotedHelp: Bool = true) throws -> MetricsRuntime {
        var configuration = MetricsConfiguration()
        configuration.instanceID = 0xBEEF
        let runtime = MetricsRuntime(configuration: configuration)
        let endpoint = runtime.namespace("ns \"quoted\"").component("comp\\x").endpoint("ep\nline")
        let requests = try endpoint.metrics.makeIntCounterVec(
            "requests_total", help: quotedHelp ? Self.requestsHelp : "Requests with back\\slash and new\nline",
            labelNames: ["value"])
        let latency = try endpoint.metrics.makeHistogramVec(
            "request_duration_seconds", help: "Latency", labelNames: ["value"], buckets: [0.5, 1, 2.5])
        let level = try endpoint.metrics.makeGaugeVec("queue_depth", help: "Depth", labelNames: ["value"])
        for (index, value) in Self.nastyValues.enumerated() {
            requests.labels(value).inc(by: index + 1)
            latency.labels(value).observe(Double(index) * 0.4)
            level.labels(value).set(Double(index) - 2.5)
        }
        try runtime.namespace("other").metrics.makeGauge("temperature_celsius", help: "T").set(.nan)
        try runtime.metrics.makeCounter("sent_bytes_total", help: "Bytes", unit: "bytes").inc(by: 1e21)
        return runtime
    }

    @Test(.enabled(if: PrometheusTools.runnable, "promtool not installed; set REQUIRE_PROMETHEUS_TOOLS=1 to fail instead"))
    func prometheusTextPassesPromtool() throws {
        let text = try nastyRuntime().metrics.exposition()
        let (status, output) = try PrometheusTools.checkMetrics(text)
        #expect(status == 0, "promtool exit \(status): \(output)\n--- input ---\n\(text)")
        #expect(output == "")
    }

    /// promtool 2.42 reads OpenMetrics input with its Prometheus-text parser, so a scrape made of
    /// gauges (no `_total`/`_created` samples that its linter wants HELP for) must pass cleanly.
    @Test(.enabled(if: PrometheusTools.runnable, "promtool not installed; set REQUIRE_PROMETHEUS_TOOLS=1 to fail instead"))
    func openMetricsGaugesPassPromtool() throws {
        let runtime = MetricsRuntime()
        let family = try runtime.namespace("ns").metrics.makeGaugeVec(
            "queue_depth", help: "Depth \\ back\nslash", labelNames: ["value"])
        for (index, value) in Self.nastyValues.enumerated() { family.labels(value).set(Double(index)) }
        let text = try runtime.namespace("ns").metrics.exposition(format: .openMetrics)
        let (status, output) = try PrometheusTools.checkMetrics(text)
        #expect(status == 0, "promtool exit \(status): \(output)\n--- input ---\n\(text)")
        #expect(output == "")
    }

    /// The full OpenMetrics scrape parses in promtool; its only complaints may be the lint
    /// findings caused by reading OpenMetrics as Prometheus text (exit status 3), never a
    /// parse error (exit status 1).
    @Test(.enabled(if: PrometheusTools.runnable, "promtool not installed; set REQUIRE_PROMETHEUS_TOOLS=1 to fail instead"))
    func fullOpenMetricsParsesInPromtool() throws {
        let text = try nastyRuntime(quotedHelp: false).metrics.exposition(format: .openMetrics)
        let (status, output) = try PrometheusTools.checkMetrics(text)
        #expect(status == 0 || status == 3, "promtool exit \(status): \(output)")
        let unexpected = output.split(separator: "\n").filter { line in
            !(line.hasSuffix(" no help text") || line.hasSuffix(#"counter metrics should have "_total" suffix"#))
        }
        #expect(unexpected == [], "unexpected promtool findings")
    }

    @Test(arguments: ExpositionFormat.allCases)
    func labelValuesRoundTripThroughAnIndependentParser(format: ExpositionFormat) throws {
        let text = try nastyRuntime().metrics.exposition(format: format)
        let parsed = try parseStrictly(text, format: format)
        // The counter sample is `…_requests_total` in both formats.
        let counters = parsed.samples.filter { $0.name == "dynamo_component_requests_total" }
        #expect(counters.count == Self.nastyValues.count)
        for (index, value) in Self.nastyValues.enumerated() {
            let sample = counters.first { $0.labels["value"] == value }
            #expect(sample?.value == Double(index + 1), "value \(value.debugDescription)")
            #expect(sample?.labels["dynamo_namespace"] == "ns \"quoted\"")
            #expect(sample?.labels["dynamo_component"] == "comp\\x")
            #expect(sample?.labels["dynamo_endpoint"] == "ep\nline")
            #expect(sample?.labels["worker_id"] == "beef")
            #expect(sample?.labelOrder == ["dynamo_component", "dynamo_endpoint", "dynamo_namespace", "value", "worker_id"])
            let buckets = parsed.samples.filter {
                $0.name == "dynamo_component_request_duration_seconds_bucket" && $0.labels["value"] == value
            }
            #expect(buckets.map { $0.labelOrder.last } == Array(repeating: "le", count: 4))
            #expect(buckets.last?.value == 1)
        }
        let helpName = format == .openMetrics ? "dynamo_component_requests" : "dynamo_component_requests_total"
        #expect(parsed.help[helpName] == Self.requestsHelp)
        #expect(parsed.types[helpName] == "counter")
        #expect(parsed.samples.first { $0.name == "dynamo_component_temperature_celsius" }?.valueText == "NaN")
        #expect(parsed.samples.first { $0.name == "dynamo_component_sent_bytes_total" }?.valueText == "1e+21")
        #expect(parsed.sawEOF == (format == .openMetrics))
    }
}
