import Foundation
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

    @Test func moreClashingPairs() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeHistogram("h", help: "H")
        expectClash("h_created") { _ = try metrics.makeCounter("h_created", help: "C") }
        expectClash("h_bucket") { _ = try metrics.makeHistogram("h_bucket", help: "H") }
        _ = try metrics.makeGauge("g_total", help: "G")
        expectClash("g") { _ = try metrics.makeCounter("g", help: "C") }
    }

    @Test func clashMessageNamesTheOwner() throws {
        let metrics = MetricsRuntime().metrics
        _ = try metrics.makeHistogram("h", help: "H")
        let error = thrownError { try metrics.makeGauge("h_count", help: "G") }
        #expect(error == .conflictingRegistration(
            metric: "dynamo_component_h_count",
            difference: "a name that histogram 'dynamo_component_h' writes in the exposition ('dynamo_component_h_count')"))
    }

    /// A new counter `c_total` clashes with two families at once (gauge `c` and gauge `c_created`);
    /// the error must not depend on the process's random hash seed. Each exit test is a new
    /// process with a new seed; the first clash in exposition order (`c`) must be reported.
    @Test(arguments: 0..<10)
    func clashReportIsTheSameInEveryProcess(run: Int) async {
        await #expect(processExitsWith: .success) {
            let metrics = MetricsRuntime().metrics.withPrefix(nil)
            _ = try metrics.makeGauge("c", help: "G")
            _ = try metrics.makeGauge("c_created", help: "G")
            do {
                _ = try metrics.makeCounter("c_total", help: "C")
            } catch let error as MetricsError {
                let expected = MetricsError.conflictingRegistration(
                    metric: "c_total", difference: "a name that gauge 'c' writes in the exposition ('c')")
                if error == expected { return }
            }
            exit(3)  // another owner was reported: the order depends on the hash seed
        }
    }

    /// Every way one family's written names meet another's, found without a table of written
    /// names: from the taken name the registry derives the families that could write it. Each
    /// case registers `first`, then `second`, and expects the exact error: which family owns
    /// which written name.
    @Test(arguments: [
        // (first kind, first name, second kind, second name, written name both would write)
        ("counter", "f_total", "gauge", "f", "f"),
        ("counter", "f_total", "gauge", "f_created", "f_created"),
        ("counter", "n", "gauge", "n_total", "n_total"),
        ("counter", "n", "gauge", "n_created", "n_created"),
        ("histogram", "h", "gauge", "h_created", "h_created"),
        ("histogram", "h", "counter", "h_sum", "h_sum"),
        ("gauge", "g", "counter", "g_total", "g"),
        ("gauge", "g_created", "counter", "g", "g_created"),
        ("gauge", "x_bucket", "histogram", "x", "x_bucket"),
        ("gauge", "x_count", "histogram", "x", "x_count"),
        ("gauge", "y_created", "counter", "y_total", "y_created"),
    ])
    func everyWrittenNameFindsItsOwner(
        first: String, firstName: String, second: String, secondName: String, written: String
    ) throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        func register(_ kind: String, _ name: String) throws {
            switch kind {
            case "counter": _ = try metrics.makeCounter(name, help: "C")
            case "gauge": _ = try metrics.makeGauge(name, help: "G")
            default: _ = try metrics.makeHistogram(name, help: "H")
            }
        }
        try register(first, firstName)
        let error = thrownError { try register(second, secondName) }
        #expect(error == .conflictingRegistration(
            metric: secondName, difference: "a name that \(first) '\(firstName)' writes in the exposition ('\(written)')"))
    }

    /// Names that only look like another family's written names are free.
    @Test func nearMissesOfWrittenNamesAreFree() throws {
        let metrics = MetricsRuntime().metrics.withPrefix(nil)
        _ = try metrics.makeCounter("f_total", help: "C")
        _ = try metrics.makeGauge("f_total_created", help: "G")
        _ = try metrics.makeGauge("f_sum", help: "G")
        _ = try metrics.makeGauge("_total", help: "G")
        _ = try metrics.makeHistogram("f_bucket_sum", help: "H")
        _ = try metrics.makeGauge("total", help: "G")
    }
}

