// The OTLP export's conversion and serialization under `valgrind --tool=callgrind`, in the root
// package (it reads `MetricsOTLP`'s package-internal mapping), so the benchmark suite and its CI
// smoke never build gRPC or AsyncHTTPClient. See Benchmarks/Scripts/callgrind-otlp.sh.
//
// Usage: otlp-callgrind <snapshot|request|otlp> <series>   (env CALLGRIND_SCRAPES: exports to run, default 1)
// The registry is the callgrind driver's `exposition` shape: 20 families (10 integer counters,
// 10 gauges) with labels `model` and `worker`. `snapshot`: `snapshot()` only; `request`: snapshot
// and mapping to an `ExportMetricsServiceRequest` (no bytes); `otlp`: snapshot, mapping and the
// request's protobuf bytes, as one export does.
import MetricsOTLP
import MetricsRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
guard arguments.count == 3, let seriesCount = Int(arguments[2]), ["snapshot", "request", "otlp"].contains(arguments[1]) else {
    print("usage: otlp-callgrind <snapshot|request|otlp> <series>")
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
        guard mode == "otlp" else { return request.resourceMetrics.count }
        let bytes: [UInt8] = try request.serializedBytes()
        return bytes.count
    } catch {
        print("\(error)")
        exit(1)
    }
}
// Env CALLGRIND_WARMUP=0: no warm-up export, so the one measured is the first (whose snapshot
// builds the label tables the next ones reuse).
var total = String(cString: getenv("CALLGRIND_WARMUP") ?? strdup("1")) == "0" ? 0 : export()
let exports = Int(String(cString: getenv("CALLGRIND_SCRAPES") ?? strdup("1"))) ?? 1
for _ in 0..<exports { total &+= export() }
print(total)
