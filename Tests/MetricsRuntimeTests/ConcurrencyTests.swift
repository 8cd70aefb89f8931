import MetricsExpositionParser
import MetricsRuntime
import Synchronization
import Testing

/// Many tasks recording at once give exact totals, scrapes running meanwhile always produce
/// well-formed text, and concurrent registration yields one instance.
@Suite struct ConcurrencyTests {
    static let tasks = 8
    static let iterations = 10_000

    final class Flag: Sendable {
        let raised = Atomic<Bool>(false)
    }

    @Test func parallelRecordingIsExactWhileScraping() async throws {
        let runtime = MetricsRuntime()
        let metrics = runtime.namespace("ns").component("c").metrics
        let counter = try metrics.makeCounter("c_total", help: "C")
        let halves = try metrics.makeCounter("halves_total", help: "Halves")
        let intCounter = try metrics.makeIntCounter("i_total", help: "I")
        let gauge = try metrics.makeGauge("g", help: "G")
        let intGauge = try metrics.makeIntGauge("ig", help: "IG")
        let histogram = try metrics.makeHistogram("h", help: "H", buckets: [0.5, 1.5])
        let family = try metrics.makeCounterVec("v_total", help: "V", labelNames: ["a", "b"])
        let combos = [("x", "1"), ("x", "2"), ("y", "1"), ("y \"q\"\n", "é")]
        let done = Flag()
        let started = Flag()

        let scraper = Task { () -> (scrapes: Int, problems: [String]) in
            var scrapes = 0
            var problems = [String]()
            started.raised.store(true, ordering: .releasing)
            while !done.raised.load(ordering: .acquiring) || scrapes == 0 {
                for format in ExpositionFormat.allCases {
                    do {
                        let text = try runtime.metrics.exposition(format: format)
                        let parsed = try parseStrictly(text, format: format)
                        problems += Self.histogramProblems(parsed.samples, name: "dynamo_component_h")
                    } catch {
                        problems.append("\(error)")
                    }
                }
                scrapes += 1
                await Task.yield()
            }
            return (scrapes, problems)
        }

        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<Self.tasks {
                group.addTask {
                    // Start recording only once the scraper runs, so the two overlap.
                    while !started.raised.load(ordering: .acquiring) { await Task.yield() }
                    for index in 0..<Self.iterations {
                        counter.inc()
                        halves.inc(by: 0.5)
                        intCounter.inc()
                        gauge.inc()
                        intGauge.dec()
                        histogram.observe(Double(index % 3))
                        let (a, b) = combos[(index + worker) % combos.count]
                        family.labels(a, b).inc()
                    }
                }
            }
        }
        done.raised.store(true, ordering: .releasing)
        let (scrapes, problems) = await scraper.value

        let total = Self.tasks * Self.iterations
        #expect(counter.get() == Double(total))
        #expect(halves.get() == Double(total) / 2)
        #expect(intCounter.get() == total)
        #expect(gauge.get() == Double(total))
        #expect(intGauge.get() == -total)
        #expect(histogram.sampleCount == total)
        // index % 3 over 10,000 indices: 3,334 zeros, 3,333 ones, 3,333 twos per task.
        #expect(histogram.cumulativeCounts == [3_334 * Self.tasks, 6_667 * Self.tasks, total])
        #expect(histogram.sampleSum == Double((3_333 + 2 * 3_333) * Self.tasks))
        for (a, b) in combos {
            #expect(try family.withLabelValues(a, b).get() == Double(total / combos.count), "\(a),\(b)")
        }
        #expect(scrapes >= 1)
        #expect(problems == [])

        let final = try parseStrictly(try metrics.exposition())
        let quoted = final.samples.first { $0.name == "dynamo_component_v_total" && $0.labels["a"] == "y \"q\"\n" }
        #expect(quoted?.labels["b"] == "é")
        #expect(quoted?.value == Double(total / combos.count))
    }

    /// Within one scrape a histogram's buckets never decrease and `_count` equals the `+Inf` bucket.
    static func histogramProblems(_ samples: [ParsedSample], name: String) -> [String] {
        let buckets = samples.filter { $0.name == name + "_bucket" }.map(\.value)
        guard let count = samples.first(where: { $0.name == name + "_count" })?.value else { return ["no \(name)_count"] }
        var problems = [String]()
        if buckets.count != 3 { problems.append("\(buckets.count) buckets") }
        if zip(buckets, buckets.dropFirst()).contains(where: { $0 > $1 }) { problems.append("decreasing buckets \(buckets)") }
        if buckets.last != count { problems.append("+Inf bucket \(buckets.last ?? -1) != count \(count)") }
        return problems
    }

    @Test func concurrentRegistrationYieldsOneInstance() async throws {
        let runtime = MetricsRuntime()
        let identities = await withTaskGroup(of: [ObjectIdentifier].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var found = [ObjectIdentifier]()
                    for _ in 0..<100 {
                        let endpoint = runtime.namespace("ns").component("c").endpoint("e")
                        guard let counter = try? endpoint.metrics.makeCounter("same_total", help: "Same"),
                              let vec = try? endpoint.metrics.makeIntCounterVec("vec_total", help: "Vec", labelNames: ["k"])
                        else { return [] }
                        counter.inc()
                        vec.labels("k").inc()
                        found.append(ObjectIdentifier(counter))
                        found.append(ObjectIdentifier(endpoint))
                    }
                    return found
                }
            }
            var all = [[ObjectIdentifier]]()
            for await found in group { all.append(found) }
            return all
        }
        #expect(identities.count == 16)
        #expect(identities.allSatisfy { $0.count == 200 })
        #expect(Set(identities.flatMap { $0 }).count == 2)
        let endpoint = runtime.namespace("ns").component("c").endpoint("e")
        #expect(try endpoint.metrics.makeCounter("same_total", help: "Same").get() == 1_600)
        #expect(try endpoint.metrics.makeIntCounterVec("vec_total", help: "Vec", labelNames: ["k"]).labels("k").get() == 1_600)
        let text = try runtime.metrics.exposition()
        #expect(occurrences(of: "# TYPE dynamo_component_same_total counter", in: text) == 1)
        #expect(occurrences(of: "dynamo_component_vec_total{", in: text) == 1)
    }

    @Test func concurrentSeriesCreationAndRemovalWhileScraping() async throws {
        let runtime = MetricsRuntime()
        let family = try runtime.metrics.makeIntGaugeVec("churn", help: "Churn", labelNames: ["id"])
        let done = Flag()
        let scraper = Task { () -> [String] in
            var problems = [String]()
            while !done.raised.load(ordering: .acquiring) {
                do { _ = try parseStrictly(try runtime.metrics.exposition()) } catch { problems.append("\(error)") }
                await Task.yield()
            }
            return problems
        }
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<Self.tasks {
                group.addTask {
                    for index in 0..<2_000 {
                        let id = "\(worker)-\(index % 50)"
                        family.labels(id).set(index)
                        if index % 7 == 0 { family.remove(labelValues: [id]) }
                    }
                }
            }
        }
        done.raised.store(true, ordering: .releasing)
        #expect(await scraper.value == [])
        // Every worker's last write per id survives unless a removal came after it.
        for worker in 0..<Self.tasks {
            for slot in 0..<50 {
                let last = 1_950 + slot
                let expected = last % 7 == 0 ? 0 : last
                #expect(family.labels("\(worker)-\(slot)").get() == expected, "\(worker)-\(slot)")
            }
        }
    }

    @Test func growingTheTreeWhileScrapingIsSafeAndComplete() async throws {
        let runtime = MetricsRuntime()
        let done = Flag()
        let scraper = Task { () -> [String] in
            var problems = [String]()
            while !done.raised.load(ordering: .acquiring) {
                do { _ = try parseStrictly(try runtime.metrics.exposition()) } catch { problems.append("\(error)") }
                await Task.yield()
            }
            return problems
        }
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<Self.tasks {
                group.addTask {
                    for index in 0..<50 {
                        let endpoint = runtime.namespace("ns\(index % 5)").component("c\(worker)").endpoint("e\(index)")
                        try? endpoint.metrics.makeIntCounter("tree_total", help: "Tree").inc()
                    }
                }
            }
        }
        done.raised.store(true, ordering: .releasing)
        #expect(await scraper.value == [])
        let final = try parseStrictly(try runtime.metrics.exposition())
        let series = final.samples.filter { $0.name == "dynamo_component_tree_total" }
        #expect(series.count == Self.tasks * 50)
        #expect(series.allSatisfy { $0.value == 1 })
        #expect(final.types["dynamo_component_tree_total"] == "counter")
    }

    @Test func sharedRuntimeIsCreatedOnceUnderContention() async {
        let identities = await withTaskGroup(of: ObjectIdentifier.self) { group in
            for _ in 0..<32 { group.addTask { ObjectIdentifier(MetricsRuntime.shared) } }
            var all = Set<ObjectIdentifier>()
            for await identity in group { all.insert(identity) }
            return all
        }
        #expect(identities.count == 1)
    }
}

