import MetricsRuntime
import Prometheus

/// Issue 13's realistic shape: 40 families at one endpoint (3 automatic labels), labels `model`
/// and `worker`; 15 integer counters, 10 gauges with arbitrary doubles (`c / 7 + 0.123456789`),
/// 15 histograms with Dynamo's 11 buckets and three observations each. One label pair exposes
/// 15 + 10 + 15 × 14 = 235 sample lines. swift-prometheus gets the automatic labels explicitly,
/// so both expositions hold the same samples.
struct RealisticShape {
    static let linesPerPair = 15 + 10 + 15 * 14
    static let automatic = [("dynamo_namespace", "dynamo"), ("dynamo_component", "backend"), ("dynamo_endpoint", "generate")]
    let pairs: [(String, String)]

    init(lines: Int) {
        pairs = Self.shuffledPairs(max(1, lines / Self.linesPerPair))
    }

    /// `count` distinct (model, worker) pairs in a fixed pseudo-random order.
    static func shuffledPairs(_ count: Int) -> [(String, String)] {
        var pairs = (0..<count).map { ("model-\($0 / 50)", "worker-\($0 % 50)") }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in stride(from: pairs.count - 1, to: 0, by: -1) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            pairs.swapAt(index, Int((state >> 33) % UInt64(index + 1)))
        }
        return pairs
    }

    func gaugeValue(_ family: Int, _ pair: Int) -> Double { Double(family * 1_000 + pair) / 7 + 0.123456789 }
    func observation(_ family: Int, _ pair: Int, _ index: Int) -> Double { Double((family + pair + index) % 23) * 0.37 + 0.0041 }

    func fill(_ metrics: MetricsRegistry) throws {
        try fillCounters(metrics)
        try fillGauges(metrics)
        try fillHistograms(metrics)
    }

    /// The 15 counter families.
    func fillCounters(_ metrics: MetricsRegistry) throws {
        for family in 0..<15 {
            let vec = try metrics.makeIntCounterVec("requests_\(family)_total", help: "Requests", labelNames: ["model", "worker"])
            for (index, (model, worker)) in pairs.enumerated() { vec.labels(model, worker).inc(by: family + index + 1) }
        }
    }

    /// The 10 gauge families.
    func fillGauges(_ metrics: MetricsRegistry) throws {
        for family in 0..<10 {
            let vec = try metrics.makeGaugeVec("load_\(family)", help: "Load", labelNames: ["model", "worker"])
            for (index, (model, worker)) in pairs.enumerated() { vec.labels(model, worker).set(gaugeValue(family, index)) }
        }
    }

    /// The 15 histogram families.
    func fillHistograms(_ metrics: MetricsRegistry) throws {
        for family in 0..<15 {
            let vec = try metrics.makeHistogramVec("latency_\(family)_seconds", help: "Latency", labelNames: ["model", "worker"])
            for (index, (model, worker)) in pairs.enumerated() {
                let histogram = vec.labels(model, worker)
                for observation in 0..<3 { histogram.observe(self.observation(family, index, observation)) }
            }
        }
    }

    static func descriptor(_ name: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
    }

    func fill(_ registry: PrometheusCollectorRegistry) {
        for (index, (model, worker)) in pairs.enumerated() {
            let labels = Self.automatic + [("model", model), ("worker", worker)]
            for family in 0..<15 {
                registry.makeCounter(descriptor: Self.descriptor("requests_\(family)_total", "Requests"), labels: labels).increment(by: Int64(family + index + 1))
            }
            for family in 0..<10 {
                registry.makeGauge(descriptor: Self.descriptor("load_\(family)", "Load"), labels: labels).set(to: gaugeValue(family, index))
            }
            for family in 0..<15 {
                let histogram = registry.makeValueHistogram(
                    descriptor: Self.descriptor("latency_\(family)_seconds", "Latency"), labels: labels, buckets: Buckets.defaults)
                for observation in 0..<3 { histogram.record(self.observation(family, index, observation)) }
            }
        }
    }
}
