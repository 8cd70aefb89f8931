#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MetricsExpositionParser
import MetricsRuntime
import Synchronization
import Testing

/// A bounded stress test (issue 14, deliverable 5): writer threads record into every instrument
/// kind, create and remove series, create hierarchy nodes and register the same descriptors
/// concurrently, while scraper threads write both formats and check what they parse. At the end
/// the totals are exact and, once every series is removed, the heap is back within
/// ``Soak/heapBound`` of where it started.
///
/// It runs in a process of its own (an exit test), so that no other test allocates while the
/// heap is measured; `SOAK_ITERATIONS` (default 1,000 per writer) scales it, e.g. down under
/// the sanitizers; `SOAK_REPORT=1` prints the heap figures.
@Suite struct SoakTests {
    @Test func recordScrapeChurnAndReturnTheMemory() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            useOneMallocArena()
            let problems = Soak(iterations: environmentInteger("SOAK_ITERATIONS") ?? 1_000).run()
            // Issues recorded here reach the parent test through the exit test's back channel.
            for problem in problems { Issue.record(Comment(rawValue: problem)) }
            for problem in problems { printToStandardError(problem) }
            exit(problems.isEmpty ? 0 : 1)
        }
        guard let result else { return }
        let output = String(decoding: result.standardErrorContent, as: UTF8.self)
        if result.exitStatus != .exitCode(0) {
            Issue.record("soak problems:\n\(output)")
        } else if environmentInteger("SOAK_REPORT") != nil {
            print(output, terminator: "")
        }
    }
}

func printToStandardError(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

struct Soak {
    static let writers = 4
    static let scrapers = 2
    /// Series each writer creates in bulk, then removes, so the heap has something to give back.
    static let bulkSeries = 2_500
    /// What may stay allocated after every series is removed: the 16 endpoints and their
    /// registrations made during the run, allocator and runtime caches. The bulk series alone
    /// take ≈ 10 MB at their peak.
    static let heapBound = 1 << 20

    let iterations: Int

    /// Collects problems from any thread (the first 50).
    final class Problems: Sendable {
        private let storage = Mutex<[String]>([])
        func add(_ problem: String) {
            storage.withLock { if $0.count < 50 { $0.append(problem) } }
        }
        var all: [String] { storage.withLock { $0 } }
    }

    func run() -> [String] {
        let problems = Problems()
        do {
            try runChecked(problems)
        } catch {
            problems.add("unexpected error: \(error)")
        }
        return problems.all
    }

    private func runChecked(_ problems: Problems) throws {
        var configuration = MetricsConfiguration()
        configuration.metricPrefix = "soak"
        configuration.errorHandler = { problems.add("reported: \($0)") }
        let runtime = MetricsRuntime(configuration: configuration)
        let component = runtime.namespace("ns").component("comp")
        let metrics = component.metrics
        let counter = try metrics.makeCounter("c_total", help: "C")
        let intCounter = try metrics.makeIntCounter("i_total", help: "I")
        let gauge = try metrics.makeGauge("g", help: "G")
        let intGauge = try metrics.makeIntGauge("ig", help: "IG")
        let histogram = try metrics.makeHistogram("h", help: "H", buckets: [1, 2, 3])
        let counterVec = try metrics.makeCounterVec("cv_total", help: "CV", labelNames: ["w", "k"])
        let intCounterVec = try metrics.makeIntCounterVec("iv_total", help: "IV", labelNames: ["w"])
        let gaugeVec = try metrics.makeGaugeVec("gv", help: "GV", labelNames: ["w"])
        let intGaugeVec = try metrics.makeIntGaugeVec("igv", help: "IGV", labelNames: ["w"])
        let histogramVec = try metrics.makeHistogramVec("hv", help: "HV", labelNames: ["w", "k"], buckets: [1, 2, 3])
        let churnGauges = try metrics.makeGaugeVec("churn_g", help: "Churn", labelNames: ["w", "i"])
        let churnHistograms = try metrics.makeHistogramVec("churn_h", help: "Churn", labelNames: ["w", "i"], buckets: [1])
        let bulk = try metrics.makeHistogramVec("bulk", help: "Bulk", labelNames: ["w", "i"])
        // Warm up what is allocated once (type metadata, the scratch of a scrape).
        for format in ExpositionFormat.allCases { _ = try runtime.metrics.exposition(format: format) }
        let baseline = heapBytesInUse()

        let iterations = self.iterations
        let writersLeft = Atomic<Int>(Self.writers)
        let peak = Atomic<Int>(0)
        let scrapes = Atomic<Int>(0)
        onThreads(Self.writers + Self.scrapers) { thread in
            if thread >= Self.writers {
                var checker = ScrapeChecker()
                // Scrape until the writers are done, at least twice.
                var rounds = 0
                while writersLeft.load(ordering: .acquiring) > 0 || rounds < 2 {
                    for format in ExpositionFormat.allCases {
                        do {
                            let text = try runtime.metrics.exposition(format: format)
                            checker.check(text, format: format, problems: problems)
                        } catch {
                            problems.add("scrape failed: \(error)")
                        }
                    }
                    rounds += 1
                }
                scrapes.wrappingAdd(rounds, ordering: .relaxed)
                return
            }
            let w = "w\(thread)"
            let keys = (0..<8).map { "k\($0)" }
            var bulkNames = [String]()
            for index in 0..<iterations {
                let value = Double(index % 4)
                counter.inc()
                counter.inc(by: 0.5)
                intCounter.inc()
                gauge.inc(by: 2)
                intGauge.inc()
                histogram.observe(value)
                counterVec.labels(w, keys[index % 8]).inc()
                intCounterVec.labels(w).inc(by: 2)
                gaugeVec.labels(w).set(value)
                intGaugeVec.labels(w).dec()
                histogramVec.labels(w, keys[index % 8]).observe(value)
                if index % 4 == 0 {
                    let name = "\(index)"
                    churnGauges.labels(w, name).set(value)
                    churnHistograms.labels(w, name).observe(value)
                    if !churnGauges.remove(labelValues: [w, name]) { problems.add("churn gauge \(w) \(name) was gone") }
                    if !churnHistograms.remove(labelValues: [w, name]) { problems.add("churn histogram \(w) \(name) was gone") }
                }
                if index % 64 == 0 {
                    // Nodes created by every writer at once; the same descriptor registered there
                    // concurrently is one registration.
                    do {
                        let endpoint = component.endpoint("e\(index / 64 % 16)")
                        try endpoint.metrics.makeIntCounter("node_total", help: "N").inc()
                        let again = try metrics.makeCounterVec("cv_total", help: "CV", labelNames: ["w", "k"])
                        if again !== counterVec { problems.add("registering cv_total again gave another family") }
                        _ = try metrics.makeGauge("late_\(index / 64 % 8)", help: "Late")
                    } catch {
                        problems.add("registration failed: \(error)")
                    }
                }
                if index < Self.bulkSeries {
                    let name = "\(index)"
                    bulk.labels(w, name).observe(value)
                    bulkNames.append(name)
                }
            }
            if let now = heapBytesInUse() {
                var seen = peak.load(ordering: .relaxed)
                while now > seen {
                    let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
                    if exchanged { break }
                    seen = original
                }
            }
            // Half removed one by one, the rest by `removeAll` below.
            for name in bulkNames where Int(name).map({ $0 % 2 == 0 }) ?? false {
                if !bulk.remove(labelValues: [w, name]) { problems.add("bulk \(w) \(name) was gone") }
            }
            writersLeft.wrappingSubtract(1, ordering: .releasing)
        }

        // Exact totals.
        let total = Self.writers * iterations
        func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ what: String) {
            if actual != expected { problems.add("\(what): \(actual), expected \(expected)") }
        }
        expectEqual(counter.get(), Double(total) * 1.5, "c_total")
        expectEqual(intCounter.get(), total, "i_total")
        expectEqual(gauge.get(), Double(2 * total), "g")
        expectEqual(intGauge.get(), total, "ig")
        expectEqual(histogram.sampleCount, total, "h count")
        let perValue = (0..<iterations).reduce(into: [0, 0, 0, 0]) { $0[$1 % 4] += 1 }
        expectEqual(histogram.sampleSum, Double(Self.writers * (perValue[1] + 2 * perValue[2] + 3 * perValue[3])), "h sum")
        expectEqual(histogram.cumulativeCounts, [
            perValue[0] + perValue[1], perValue[0] + perValue[1] + perValue[2], iterations, iterations,
        ].map { $0 * Self.writers }, "h buckets")
        for thread in 0..<Self.writers {
            let w = "w\(thread)"
            let perKey = (0..<8).map { key in (0..<iterations).filter { $0 % 8 == key }.count }
            for key in 0..<8 { expectEqual(counterVec.labels(w, "k\(key)").get(), Double(perKey[key]), "cv_total \(w) k\(key)") }
            expectEqual(intCounterVec.labels(w).get(), 2 * iterations, "iv_total \(w)")
            expectEqual(intGaugeVec.labels(w).get(), -iterations, "igv \(w)")
            expectEqual((0..<8).map { histogramVec.labels(w, "k\($0)").sampleCount }.reduce(0, +), iterations, "hv \(w)")
        }
        let nodeIncrements = (0..<iterations).filter { $0 % 64 == 0 }.count * Self.writers
        var nodeTotal = 0
        for endpoint in 0..<16 {
            nodeTotal += try component.endpoint("e\(endpoint)").metrics.makeIntCounter("node_total", help: "N").get()
        }
        expectEqual(nodeTotal, nodeIncrements, "node_total over every endpoint")
        do {
            // In a scope of its own: the parsed scrape must not count toward the heap measured below.
            let final = try parseStrictly(try runtime.metrics.exposition())
            expectEqual(final.samples.filter { $0.name.hasPrefix("soak_churn") }.count, 0, "churn samples left")
            expectEqual(
                final.samples.filter { $0.name == "soak_cv_total" }.map(\.value).reduce(0, +), Double(total),
                "cv_total in the scrape")
        }
        if scrapes.load(ordering: .relaxed) < 2 * Self.scrapers { problems.add("too few scrapes") }

        // Every series removed: the heap returns to within `heapBound` of the baseline.
        counterVec.removeAll()
        churnGauges.removeAll()
        churnHistograms.removeAll()
        bulk.removeAll()
        intCounterVec.removeAll()
        gaugeVec.removeAll()
        intGaugeVec.removeAll()
        histogramVec.removeAll()
        for format in ExpositionFormat.allCases { _ = try runtime.metrics.exposition(format: format) }
        if let baseline, let after = heapBytesInUse() {
            let top = peak.load(ordering: .relaxed)
            printToStandardError("soak heap: baseline \(baseline) B, peak \(top) B, after removing every series \(after) B")
            if after - baseline > Self.heapBound {
                problems.add("heap after removing every series is \(after - baseline) B above the baseline (bound \(Self.heapBound) B; peak was \(top - baseline) B above)")
            }
        }
    }
}

/// What the scrapers check in every scrape, across scrapes.
struct ScrapeChecker {
    /// The last value of every monotonic sample (counters, histogram buckets and counts) by
    /// format and series.
    private var last: [String: Double] = [:]

    /// A series key: label pairs sorted by name.
    private static func key(_ labels: [ParsedLabel]) -> String {
        labels.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
    }

    mutating func check(_ text: String, format: ExpositionFormat, problems: Soak.Problems) {
        let parsed: ParsedExposition
        do {
            parsed = try parseStrictly(text, format: format)
        } catch {
            problems.add("\(format) does not parse: \(error)")
            return
        }
        var seen = Set<String>()
        var buckets: [String: [Double]] = [:]
        var counts: [String: Double] = [:]
        for sample in parsed.samples {
            let labels = Self.key(sample.labels)
            let key = "\(sample.name){\(labels)}"
            if !seen.insert(key).inserted { problems.add("\(format): duplicate series \(key)") }
            let churned = sample.name.hasPrefix("soak_churn") || sample.name.hasPrefix("soak_bulk")
            let monotonic = sample.name.hasSuffix("_total") || sample.name.hasSuffix("_bucket") || sample.name.hasSuffix("_count")
            if monotonic, !churned, !sample.name.hasSuffix("uptime_seconds") {
                let id = "\(format) \(key)"
                if let previous = last[id], sample.value < previous {
                    problems.add("\(format): \(key) went down from \(previous) to \(sample.value)")
                }
                last[id] = sample.value
            }
            if sample.name.hasSuffix("_bucket") {
                let series = "\(sample.name.dropLast(7)){\(Self.key(sample.labels.filter { $0.name != "le" }))}"
                buckets[series, default: []].append(sample.value)
                if sample.label("le") == "+Inf" { counts[series] = sample.value }
            }
            if sample.name.hasSuffix("_count") {
                let series = "\(sample.name.dropLast(6)){\(labels)}"
                if let infinity = counts[series], infinity != sample.value {
                    problems.add("\(format): \(series) +Inf bucket \(infinity) but _count \(sample.value)")
                }
            }
        }
        for (series, values) in buckets where zip(values, values.dropFirst()).contains(where: { $0 > $1 }) {
            problems.add("\(format): buckets of \(series) are not cumulative: \(values)")
        }
    }
}
