@testable import MetricsRuntime
import Testing

/// The series table (hash slots over dense entries) and the byte-borrowing label keys: every form
/// of lookup finds the same series, removal leaves every other series findable, and creation
/// renders the same bytes for every key form.
@Suite struct SeriesTableTests {
    func metrics() -> MetricsRegistry {
        var configuration = MetricsConfiguration()
        configuration.metricPrefix = nil
        configuration.errorHandler = { _ in }
        return MetricsRuntime(configuration: configuration).metrics
    }

    /// Fixed-arity keys (bytes borrowed from the strings) and array keys hash and compare alike,
    /// for small and heap-allocated strings.
    @Test(arguments: [1, 2, 3, 4])
    func everyLookupFormFindsTheSameSeries(arity: Int) throws {
        let names = ["a", "b", "c", "d"].prefix(arity).map { $0 }
        let family = try metrics().makeIntCounterVec("c_total", help: "C", labelNames: names)
        let values = ["x", String(repeating: "long-value-", count: 3), "", "日本語"].prefix(arity).map { $0 }
        let byArray = family.labels(values)
        let fixed: IntCounter
        let throwing: IntCounter
        switch arity {
        case 1: fixed = family.labels(values[0]); throwing = try family.withLabelValues(values[0])
        case 2: fixed = family.labels(values[0], values[1]); throwing = try family.withLabelValues(values[0], values[1])
        case 3:
            fixed = family.labels(values[0], values[1], values[2])
            throwing = try family.withLabelValues(values[0], values[1], values[2])
        default:
            fixed = family.labels(values[0], values[1], values[2], values[3])
            throwing = try family.withLabelValues(values[0], values[1], values[2], values[3])
        }
        #expect(byArray === fixed)
        #expect(throwing === fixed)
        #expect(try family.with(labels: Dictionary(uniqueKeysWithValues: zip(names, values))) === fixed)
        #expect(family.core.sortedSeries().count == 1)
    }

    /// Removing a series leaves a hole in the dense entries until the next rehash; every other
    /// series stays findable with its value, and the exposition lists exactly the remaining ones.
    @Test func removalKeepsTheMovedSeries() throws {
        let metrics = metrics()
        let family = try metrics.makeIntGaugeVec("g", help: "G", labelNames: ["k"])
        for index in 0..<100 { family.labels("v\(index)").set(index) }
        for index in stride(from: 0, to: 100, by: 3) { #expect(family.remove(labelValues: ["v\(index)"])) }
        #expect(!family.remove(labelValues: ["v0"]))
        for index in 0..<100 where index % 3 != 0 { #expect(family.labels("v\(index)").get() == index) }
        for index in stride(from: 0, to: 100, by: 3) { #expect(family.labels("v\(index)").get() == 0) }
        let text = try metrics.exposition()
        #expect(text.contains("g{k=\"v1\"} 1\n"))
        #expect(text.contains("g{k=\"v99\"} 0\n"))
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("g{") }.count == 100)
    }

    /// A rehash recomputes each series' hash from its packed key: after tables grow through
    /// several rehashes and shrink again, every series is still found (the same object, no new
    /// series) by every key form, with empty, heap-allocated and non-ASCII values among them.
    @Test func seriesStayFoundThroughGrowingAndShrinkingRehashes() throws {
        let family = try metrics().makeIntCounterVec("r_total", help: "R", labelNames: ["a", "b"])
        let values = (0..<3_000).map { index -> (String, String) in
            let first = index % 7 == 0 ? "" : index % 5 == 0 ? "長い値-\(index)-" + String(repeating: "x", count: index % 40) : "m\(index % 60)"
            return (first, "w\(index)")
        }
        let created = values.map { family.labels($0.0, $0.1) }
        for (index, counter) in created.enumerated() { counter.inc(by: index + 1) }
        #expect(family.core.sortedSeries().count == 3_000)
        let grown = family.core.tableCapacity
        #expect(grown >= 4_096)
        for (index, pair) in values.enumerated() {
            #expect(family.labels(pair.0, pair.1) === created[index])
            #expect(family.labels([pair.0, pair.1]) === created[index])
        }
        for (index, pair) in values.enumerated() where index % 10 != 0 { #expect(family.remove(labelValues: [pair.0, pair.1])) }
        #expect(family.core.tableCapacity < grown)
        for (index, pair) in values.enumerated() where index % 10 == 0 {
            #expect(try family.withLabelValues(pair.0, pair.1) === created[index])
            #expect(created[index].get() == index + 1)
        }
        #expect(family.core.sortedSeries().count == 300)
    }

    /// The sample line is rendered straight from the key's bytes: constant and variable labels
    /// sorted by name, escaped, an empty value left out, in one exact line per form.
    @Test func creationRendersExactBytes() throws {
        let metrics = metrics()
        let family = try metrics.makeIntCounterVec(
            "c_total", help: "C", labelNames: ["z", "b", "e"], constantLabels: [("c", "k\"v"), ("a", "1")])
        family.labels("last\\", "quote\"d and long enough to be on the heap", "").inc()
        family.labels(["x", "y\nz", "w"]).inc(by: 2)
        // The root also exposes the built-in metrics; these are the family's exact lines.
        let expected = """
            # HELP c_total C
            # TYPE c_total counter
            c_total{a="1",b="quote\\"d and long enough to be on the heap",c="k\\"v",z="last\\\\"} 1
            c_total{a="1",b="y\\nz",c="k\\"v",e="w",z="x"} 2

            """
        #expect(try metrics.exposition().contains(expected))
    }
}
