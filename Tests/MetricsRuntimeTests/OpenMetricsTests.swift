import MetricsRuntime
import Testing

/// OpenMetrics 1.0 output: counter families without `_total`, `_total`/`_created` samples,
/// `# UNIT`, escaped quotes in HELP, canonical floats, `# EOF` last.
@Suite struct OpenMetricsTests {
    /// Replaces the value of every `*_created` sample by `<created>` after checking it is an
    /// OpenMetrics float that is a plausible Unix time; returns the masked text and the values.
    func maskingCreated(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (String, [String]) {
        var values = [String]()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard !line.hasPrefix("#"), let space = line.lastIndex(of: " ") else { return String(line) }
            let head = line[..<space]
            let name = head.split(separator: "{").first ?? head
            guard name.hasSuffix("_created") else { return String(line) }
            let value = String(line[line.index(after: space)...])
            values.append(value)
            let seconds = Double(value) ?? -1
            if !(seconds > 1_600_000_000 && seconds < 5_000_000_000) {
                Issue.record("created value '\(value)' is not a plausible Unix time", sourceLocation: sourceLocation)
            }
            return head + " <created>"
        }
        return (lines.joined(separator: "\n"), values)
    }

    func sampleRuntime() throws -> (MetricsRegistry, Counter) {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        let requests = try metrics.makeCounter("requests_total", help: #"Requests "quoted" \ done"#)
        requests.inc(by: 3)
        try metrics.makeGauge("temp_celsius", help: "Temperature", unit: "celsius").set(42)
        try metrics.makeHistogram("latency_seconds", help: "Latency", buckets: [1, 2.5], unit: "seconds").observe(0.5)
        try metrics.makeIntCounter("sent_bytes_total", help: "Sent", unit: "bytes").inc(by: 7)
        try metrics.makeCounterVec("by_model", help: "By model", labelNames: ["model"]).labels("llama").inc()
        try metrics.makeIntGauge("inflight", help: "In flight").set(5)
        return (metrics, requests)
    }

    @Test func exactOpenMetricsText() throws {
        let (metrics, _) = try sampleRuntime()
        let ns = #"dynamo_namespace="ns""#
        let (masked, created) = maskingCreated(try metrics.exposition(format: .openMetrics))
        #expect(created.count == 4)
        expectSameText(masked, """
            # HELP by_model By model
            # TYPE by_model counter
            by_model_total{\(ns),model="llama"} 1.0
            by_model_created{\(ns),model="llama"} <created>
            # HELP inflight In flight
            # TYPE inflight gauge
            inflight{\(ns)} 5
            # HELP latency_seconds Latency
            # TYPE latency_seconds histogram
            # UNIT latency_seconds seconds
            latency_seconds_bucket{\(ns),le="1.0"} 1
            latency_seconds_bucket{\(ns),le="2.5"} 1
            latency_seconds_bucket{\(ns),le="+Inf"} 1
            latency_seconds_sum{\(ns)} 0.5
            latency_seconds_count{\(ns)} 1
            latency_seconds_created{\(ns)} <created>
            # HELP requests Requests \\"quoted\\" \\\\ done
            # TYPE requests counter
            requests_total{\(ns)} 3.0
            requests_created{\(ns)} <created>
            # HELP sent_bytes Sent
            # TYPE sent_bytes counter
            # UNIT sent_bytes bytes
            sent_bytes_total{\(ns)} 7
            sent_bytes_created{\(ns)} <created>
            # HELP temp_celsius Temperature
            # TYPE temp_celsius gauge
            # UNIT temp_celsius celsius
            temp_celsius{\(ns)} 42.0
            # EOF

            """)
    }

    @Test func samePrometheusTextHasNoUnitsCreatedOrEOF() throws {
        let (metrics, _) = try sampleRuntime()
        let ns = #"dynamo_namespace="ns""#
        expectSameText(try metrics.exposition(), """
            # HELP by_model By model
            # TYPE by_model counter
            by_model{\(ns),model="llama"} 1
            # HELP inflight In flight
            # TYPE inflight gauge
            inflight{\(ns)} 5
            # HELP latency_seconds Latency
            # TYPE latency_seconds histogram
            latency_seconds_bucket{\(ns),le="1"} 1
            latency_seconds_bucket{\(ns),le="2.5"} 1
            latency_seconds_bucket{\(ns),le="+Inf"} 1
            latency_seconds_sum{\(ns)} 0.5
            latency_seconds_count{\(ns)} 1
            # HELP requests_total Requests "quoted" \\\\ done
            # TYPE requests_total counter
            requests_total{\(ns)} 3
            # HELP sent_bytes_total Sent
            # TYPE sent_bytes_total counter
            sent_bytes_total{\(ns)} 7
            # HELP temp_celsius Temperature
            # TYPE temp_celsius gauge
            temp_celsius{\(ns)} 42

            """)
    }

    @Test func createdTimestampsAreStableAcrossScrapesAndValuesMove() throws {
        let (metrics, requests) = try sampleRuntime()
        let (firstText, first) = maskingCreated(try metrics.exposition(format: .openMetrics))
        requests.inc()
        let (secondText, second) = maskingCreated(try metrics.exposition(format: .openMetrics))
        #expect(first == second)
        #expect(firstText.contains("requests_total{dynamo_namespace=\"ns\"} 3.0\n"))
        #expect(secondText.contains("requests_total{dynamo_namespace=\"ns\"} 4.0\n"))
        for value in first {
            #expect(value.contains(".") || value.contains("e"), "created '\(value)' must be a float")
        }
    }

    @Test func eofIsTheLastLineExactlyOnce() throws {
        let (metrics, _) = try sampleRuntime()
        metrics.addExpositionCallback { "extra_gauge 1\n" }
        let text = try metrics.exposition(format: .openMetrics)
        #expect(text.hasSuffix("extra_gauge 1\n# EOF\n"))
        #expect(occurrences(of: "# EOF", in: text) == 1)
        #expect(!(try metrics.exposition()).contains("# EOF"))
    }
}
