import MetricsRuntime
import Testing

/// Names that differ but collide in the exposition formats: a histogram `h` owns `h_bucket`,
/// `h_sum`, `h_count` (and `h_created` in OpenMetrics); a counter `x_total` is the OpenMetrics
/// family `x`. Registering both halves of such a pair makes every scrape unparseable
/// (promtool: "second HELP line for metric name"; OpenMetrics: "Clashing name"), so, like other
/// conflicts, the second registration must throw instead of breaking the scrape later.
@Suite struct NameClashTests {
    /// Expects `register` to throw `conflictingRegistration` for `metric` (the wording of the
    /// difference is not prescribed).
    func expectClash(
        _ metric: String, sourceLocation: SourceLocation = #_sourceLocation, _ register: () throws -> Void
    ) {
        let error = thrownError(sourceLocation: sourceLocation, register)
        guard case .conflictingRegistration(let name, _) = error else {
            Issue.record("expected conflictingRegistration for \(metric), got \(String(describing: error))",
                         sourceLocation: sourceLocation)
            return
        }
        #expect(name == metric, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["h_bucket", "h_sum", "h_count"])
    func histogramSampleNamesAreTaken(name: String) throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        try metrics.makeHistogram("h", help: "H").observe(1)
        expectClash(name) { _ = try runtime.namespace("other").metrics.withPrefix(nil).makeGauge(name, help: "G") }
    }

    @Test func aHistogramCannotTakeOverExistingSampleNames() throws {
        let runtime = MetricsRuntime()
        try runtime.metrics.withPrefix(nil).makeGauge("h_count", help: "G").set(5)
        expectClash("h") { _ = try runtime.namespace("ns").metrics.withPrefix(nil).makeHistogram("h", help: "H") }
    }

    @Test func counterTotalAndGaugeShareTheOpenMetricsFamilyName() throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.metrics.withPrefix(nil)
        _ = try metrics.makeGauge("x", help: "G")
        expectClash("x_total") { _ = try metrics.makeCounter("x_total", help: "C") }
        _ = try metrics.makeCounter("y_total", help: "C")
        expectClash("y") { _ = try metrics.makeIntGauge("y", help: "G") }
    }

    @Test func twoCountersWithAndWithoutTotalAreOneOpenMetricsFamily() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeCounter("z", help: "Without suffix")
        expectClash("z_total") { _ = try metrics.makeIntCounter("z_total", help: "With suffix") }
    }

    @Test func createdSamplesAreTakenInOpenMetrics() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeCounter("jobs_total", help: "Jobs")
        expectClash("jobs_created") { _ = try metrics.makeGauge("jobs_created", help: "G") }
    }

    /// A clash-free set of look-alike names is accepted.
    @Test func lookAlikeNamesWithoutAClashAreFine() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeHistogram("h", help: "H")
        _ = try metrics.makeGauge("h_counts", help: "G")
        _ = try metrics.makeGauge("hh_count", help: "G")
        _ = try metrics.makeCounter("x_total", help: "C")
        _ = try metrics.makeGauge("x_totals", help: "G")
    }
}
