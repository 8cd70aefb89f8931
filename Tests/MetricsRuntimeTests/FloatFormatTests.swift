import MetricsRuntime
import Testing

/// Sample values are spelled like the Prometheus reference implementation, Go's
/// `strconv.FormatFloat(v, 'g', -1, 64)`: shortest round-trip digits, `%e` when the decimal
/// exponent is below -4 or at least 6, exponents with at least two digits. OpenMetrics adds `.0`
/// to numbers that would otherwise look like integers.
@Suite struct FloatFormatTests {
    static let vectors: [(Double, String, String)] = [
        (1, "1", "1.0"),
        (0.5, "0.5", "0.5"),
        (2.5, "2.5", "2.5"),
        (0.1, "0.1", "0.1"),
        (0.1 + 0.2, "0.30000000000000004", "0.30000000000000004"),
        (1.0 / 3.0, "0.3333333333333333", "0.3333333333333333"),
        (-1.5, "-1.5", "-1.5"),
        (-123.456, "-123.456", "-123.456"),
        (100_000, "100000", "100000.0"),
        (123_456, "123456", "123456.0"),
        (999_999, "999999", "999999.0"),
        (123_456.7, "123456.7", "123456.7"),
        (1e6, "1e+06", "1e+06"),
        (1_234_567, "1.234567e+06", "1.234567e+06"),
        (1_234_567.8, "1.2345678e+06", "1.2345678e+06"),
        (-2e6, "-2e+06", "-2e+06"),
        (1e15, "1e+15", "1e+15"),
        (1e15 + 0.5, "1.0000000000000005e+15", "1.0000000000000005e+15"),
        (12_345_678.9, "1.23456789e+07", "1.23456789e+07"),
        (10_000_000, "1e+07", "1e+07"),
        (9_007_199_254_740_991, "9.007199254740991e+15", "9.007199254740991e+15"),
        (9_007_199_254_740_994, "9.007199254740994e+15", "9.007199254740994e+15"),
        (1e16, "1e+16", "1e+16"),
        (9_007_199_254_740_992, "9.007199254740992e+15", "9.007199254740992e+15"),
        (1.2345678901234567e19, "1.2345678901234567e+19", "1.2345678901234567e+19"),
        (1e21, "1e+21", "1e+21"),
        (1e100, "1e+100", "1e+100"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308", "1.7976931348623157e+308"),
        (0.001, "0.001", "0.001"),
        (0.0001, "0.0001", "0.0001"),
        (0.00012345, "0.00012345", "0.00012345"),
        (0.000123, "0.000123", "0.000123"),
        (0.0000123, "1.23e-05", "1.23e-05"),
        (123_456.789, "123456.789", "123456.789"),
        (1e-05, "1e-05", "1e-05"),
        (1.5e-07, "1.5e-07", "1.5e-07"),
        (-2.5e-10, "-2.5e-10", "-2.5e-10"),
        (Double.leastNonzeroMagnitude, "5e-324", "5e-324"),
        (Double.leastNormalMagnitude, "2.2250738585072014e-308", "2.2250738585072014e-308"),
        (0, "0", "0.0"),
        (-0.0, "-0", "-0.0"),
        (.infinity, "+Inf", "+Inf"),
        (-.infinity, "-Inf", "-Inf"),
        (.nan, "NaN", "NaN"),
    ]

    @Test(arguments: vectors)
    func gaugeValueSpelling(value: Double, text: String, openMetrics: String) throws {
        let metrics = MetricsRuntime().namespace("ns").metrics.withPrefix(nil)
        try metrics.makeGauge("g", help: "G").set(value)
        #expect(try metrics.exposition() == "# HELP g G\n# TYPE g gauge\ng{dynamo_namespace=\"ns\"} \(text)\n")
        #expect(try metrics.exposition(format: .openMetrics)
            == "# HELP g G\n# TYPE g gauge\ng{dynamo_namespace=\"ns\"} \(openMetrics)\n# EOF\n")
    }

    @Test func defaultBucketBoundSpelling() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeHistogram("h", help: "H")
        let le = { (format: ExpositionFormat) in
            try metrics.exposition(format: format).split(separator: "\n")
                .filter { $0.hasPrefix("h_bucket") }
                .map { line in String(line.split(separator: "\"")[1]) }
        }
        #expect(try le(.prometheusText)
            == ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"])
        #expect(try le(.openMetrics)
            == ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"])
    }

    @Test func unusualBucketBoundSpelling() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeHistogram("h", help: "H", buckets: [-1, -0.5, 0, 1e-05, 0.0001, 123_456, 1e6])
        let le = { (format: ExpositionFormat) in
            try metrics.exposition(format: format).split(separator: "\n")
                .filter { $0.hasPrefix("h_bucket") }
                .map { line in String(line.split(separator: "\"")[1]) }
        }
        #expect(try le(.prometheusText) == ["-1", "-0.5", "0", "1e-05", "0.0001", "123456", "1e+06", "+Inf"])
        #expect(try le(.openMetrics) == ["-1.0", "-0.5", "0.0", "1e-05", "0.0001", "123456.0", "1e+06", "+Inf"])
    }
}
