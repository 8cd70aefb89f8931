// The OTLP export's conversion and serialization under `valgrind --tool=callgrind`, in the root
// package (it reads `MetricsOTLP`'s package-internal mapping), so the benchmark suite and its CI
// smoke never build gRPC or AsyncHTTPClient. See Benchmarks/Scripts/callgrind-otlp.sh.
//
// Usage: otlp-callgrind <mode> <series>   (env CALLGRIND_SCRAPES: exports to run, default 1)
// The registry is the callgrind driver's `exposition` shape: 20 families (10 integer counters,
// 10 gauges) with labels `model` and `worker`. `snapshot`: `snapshot()` only; `request`: snapshot
// and mapping to an `ExportMetricsServiceRequest` (no bytes); `otlp`: snapshot, mapping and the
// request's protobuf bytes, as one export does.
//
// Three more modes measure how far swift-protobuf's serialization could go if each series were
// encoded on its own (they build the request as `request` does, then serialize only a part of
// it): `points` serializes every data point as its own message, `attributes` every attribute
// (`KeyValue`) of every point, `bare-points` every point with its attributes removed.
import MetricsOTLP
import MetricsRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
let modes = ["snapshot", "request", "otlp", "points", "attributes", "bare-points"]
guard arguments.count == 3, let seriesCount = Int(arguments[2]), modes.contains(arguments[1]) else {
    print("usage: otlp-callgrind <\(modes.joined(separator: "|"))> <series>")
    exit(2)
}
var configuration = MetricsConfiguration()
configuration.metricPrefix = nil
configuration.seriesLimitPerFamily = 10_000_000
let runtime = MetricsRuntime(configuration: configuration)
do {
    for family in 0..<20 {
        if family < 10 {
            let vec = try runtime.metrics.makeIntCounterVec("bench_requests_\(family)_total", help: "Requests", labelNames: ["model", "worker"])
            for index in 0..<(seriesCount / 20) { vec.labels("model-\(index / 50)", "worker-\(index % 50)").inc(by: index + 1) }
        } else {
            let vec = try runtime.metrics.makeGaugeVec("bench_inflight_\(family)", help: "In flight", labelNames: ["model", "worker"])
            for index in 0..<(seriesCount / 20) { vec.labels("model-\(index / 50)", "worker-\(index % 50)").set(Double(index + 1) * 0.5) }
        }
    }
} catch {
    print("\(error)")
    exit(1)
}
let mode = arguments[1]
func export() -> Int {
    do {
        let families = try runtime.metrics.snapshot()
        guard mode != "snapshot" else { return families.count }
        let request = OTLPMetricsMapping.request(
            families: families, resourceAttributes: [("service.name", "bench")],
            startTimeUnixNano: 1_000_000_000, timeUnixNano: 2_000_000_000)
        switch mode {
        case "otlp":
            let bytes: [UInt8] = try request.serializedBytes()
            return bytes.count
        case "points", "attributes", "bare-points":
            return try serializeParts(of: request)
        default:
            return request.resourceMetrics.count
        }
    } catch {
        print("\(error)")
        exit(1)
    }
}

/// The bytes of every data point (or attribute, or point without attributes) serialized one by one.
func serializeParts(of request: Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest) throws -> Int {
    var total = 0
    for metric in request.resourceMetrics.flatMap({ $0.scopeMetrics.flatMap(\.metrics) }) {
        // The driver's families are integer counters (Sum) and gauges (Gauge).
        for point in metric.sum.dataPoints + metric.gauge.dataPoints {
            switch mode {
            case "points":
                let bytes: [UInt8] = try point.serializedBytes()
                total &+= bytes.count
            case "attributes":
                for attribute in point.attributes {
                    let bytes: [UInt8] = try attribute.serializedBytes()
                    total &+= bytes.count
                }
            default:
                var bare = point
                bare.attributes = []
                let bytes: [UInt8] = try bare.serializedBytes()
                total &+= bytes.count
            }
        }
    }
    return total
}

// Env CALLGRIND_WARMUP=0: no warm-up export, so the one measured is the first (whose snapshot
// builds the label tables the next ones reuse).
var total = String(cString: getenv("CALLGRIND_WARMUP") ?? strdup("1")) == "0" ? 0 : export()
let exports = Int(String(cString: getenv("CALLGRIND_SCRAPES") ?? strdup("1"))) ?? 1
for _ in 0..<exports { total &+= export() }
print(total)
