import MetricsRuntime
import CHeapInUse

/// `memory-breakdown <pairs>` (run natively): glibc `mallinfo2` in-use bytes per series of issue 13's
/// 40-family shape, split by kind (15 counter, 10 gauge, 15 histogram families, filled one kind
/// after the other) and by phase: the fill (instrument + series + table) and the first scrape
/// after that kind's fill (what the scrape keeps for the next one). The instruments alone are
/// measured apart, as that many instruments created outside any family.
enum MemoryBreakdown {
    static func run(pairs count: Int) {
        let shape = RealisticShape(lines: count * RealisticShape.linesPerPair)
        let pairs = shape.pairs.count
        let metrics = runtime()
        let endpoint = metrics.namespace("dynamo").component("backend").endpoint("generate")
        let registry = endpoint.metrics.withPrefix(nil)
        var bytes = [UInt8]()
        let kinds: [(String, Int, (MetricsRegistry) throws -> Void, () -> AnyObject)] = [
            ("counter", 15, shape.fillCounters, { IntCounter() }),
            ("gauge", 10, shape.fillGauges, { Gauge() }),
            ("histogram", 15, shape.fillHistograms, { IntCounter() }),
        ]
        print("kind       families  instrument  series+table  first scrape  total   (bytes per series)")
        var total = 0.0
        for (name, families, fill, make) in kinds {
            let series = Double(families * pairs)
            var instruments = [AnyObject]()
            instruments.reserveCapacity(families * pairs)
            let start = heap_in_use_bytes()
            for _ in 0..<(families * pairs) { instruments.append(make()) }
            var instrument = Double(heap_in_use_bytes() - start) / series
            instruments = []
            // A histogram made on its own would bring a bucket layout of its own (a family's series
            // share one): its size is a histogram family's bytes minus a counter family's with the
            // same series, plus the counter's.
            if name == "histogram" { instrument += histogramOverCounter(families * pairs) }
            let beforeFill = heap_in_use_bytes()
            must { try fill(registry) }
            let afterFill = heap_in_use_bytes()
            must { try endpoint.metrics.exposition(into: &bytes) }
            bytes = []
            let afterScrape = heap_in_use_bytes()
            let fillBytes = Double(afterFill - beforeFill) / series
            let scrapeBytes = Double(afterScrape - afterFill) / series
            total += Double(afterScrape - beforeFill)
            print(pad(name, 11) + pad(String(families), 9), format(instrument), format(fillBytes - instrument), format(scrapeBytes),
                  format(fillBytes + scrapeBytes))
        }
        print("all 40 families: \(format(total / Double(40 * pairs))) bytes per series")
        // What a family costs before its first series: registered at the same endpoint, scraped once.
        let empty = metrics.namespace("dynamo").component("backend").endpoint("empty").metrics.withPrefix(nil)
        for (name, make) in [
            ("counter", { (index: Int) in _ = try empty.makeIntCounterVec("empty_\(index)_total", help: "Requests", labelNames: ["model", "worker"]) }),
            ("gauge", { (index: Int) in _ = try empty.makeGaugeVec("empty_gauge_\(index)", help: "Load", labelNames: ["model", "worker"]) }),
            ("histogram", { (index: Int) in _ = try empty.makeHistogramVec("empty_\(index)_seconds", help: "Latency", labelNames: ["model", "worker"]) }),
        ] as [(String, (Int) throws -> Void)] {
            let start = heap_in_use_bytes()
            for index in 0..<100 { must { try make(index) } }
            must { try empty.exposition(into: &bytes) }
            bytes = []
            print("an empty \(name) family: \(format(Double(heap_in_use_bytes() - start) / 100)) bytes")
        }
        _ = opaque(metrics)
    }

    /// Heap per series of a one-label histogram family minus that of the same counter family.
    private static func histogramOverCounter(_ count: Int) -> Double {
        let values = (0..<count).map { "v\($0)" }
        var start = heap_in_use_bytes()
        let histograms = HistogramVec.detached(labelNames: ["k"])
        for value in values {
            for observation in [0.1, 1, 7] { histograms.labels(value).observe(observation) }
        }
        let histogramBytes = heap_in_use_bytes() - start
        start = heap_in_use_bytes()
        let counters = IntCounterVec.detached(labelNames: ["k"])
        for value in values { counters.labels(value).inc() }
        let counterBytes = heap_in_use_bytes() - start
        _ = opaque((histograms, counters))
        return Double(histogramBytes - counterBytes) / Double(count)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func format(_ value: Double) -> String {
        let text = String(Int(value.rounded()))
        return String(repeating: " ", count: max(0, 12 - text.count)) + text
    }
}
