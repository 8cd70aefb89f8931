// server-bench: serves a synthetic registry of about `--bytes` of Prometheus text on 127.0.0.1:`--port`,
// for measuring the status server with wrk (Benchmarks/Scripts/server-wrk.sh). Not part of the library.
//
// `--render N --into direct|copy` renders the registry N times instead of serving it, for callgrind
// and peak-memory readings of the body a scrape answers with: `direct` as the server renders it
// (into the response's ByteBuffer, sized by the previous answer), `copy` as it did before 2026-12
// (into a [UInt8] grown from 16 KB, then copied into a ByteBuffer).
import Foundation
import MetricsRuntime
import MetricsServer
import NIOCore

let arguments = CommandLine.arguments
func argument(_ name: String, default value: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
    return Int(arguments[index + 1]) ?? value
}
let targetBytes = argument("--bytes", default: 80_000)
let port = argument("--port", default: 9464)
let renders = argument("--render", default: 0)
let copying = arguments.firstIndex(of: "--into").map { $0 + 1 < arguments.count && arguments[$0 + 1] == "copy" } ?? false

// The default 10,000 series per family caps the exposition near 8 MB: without this the loop below
// never reached 30 MB (the overflow series stop it from growing).
var metricsConfiguration = MetricsConfiguration()
metricsConfiguration.seriesLimitPerFamily = 10_000_000
let runtime = MetricsRuntime(configuration: metricsConfiguration)
let endpoint = runtime.namespace("bench").component("worker").endpoint("generate")
do {
    let requests = try endpoint.metrics.makeCounterVec("bench_requests_total", help: "Requests.", labelNames: ["model", "route"])
    let latency = try endpoint.metrics.makeHistogramVec(
        "bench_latency_seconds", help: "Latency.", labelNames: ["model"], buckets: [0.01, 0.1, 1, 10])
    var series = 0
    var bytes: [UInt8] = []
    while true {
        // Doubling batches: the size check renders O(log n) times, overshooting the target by < 2x.
        for _ in 0..<max(500, series / 4) {
            requests.labels("model-\(series % 97)", "/v1/route/\(series)").inc(by: Double(series))
            if series % 20 == 0 { latency.labels("model-\(series)").observe(Double(series % 13) / 10) }
            series += 1
        }
        let previous = bytes.count
        bytes.removeAll(keepingCapacity: true)
        try runtime.metrics.exposition(into: &bytes)
        if bytes.count >= targetBytes { break }
        guard bytes.count > previous else {
            print("server-bench: the exposition stopped growing at \(bytes.count) bytes (a series limit?)")
            exit(1)
        }
    }
    if renders > 0 {
        var previous = 0
        var total = 0
        for _ in 0..<renders {
            let body: ByteBuffer
            if copying {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(16 * 1024)
                try runtime.metrics.exposition(into: &bytes, format: .prometheusText, options: .init())
                body = ByteBuffer(bytes: bytes)
            } else {
                var buffer = ByteBufferAllocator().buffer(capacity: max(16 * 1024, previous * 9 / 8))
                try runtime.metrics.exposition(into: &buffer, format: .prometheusText, options: .init())
                body = buffer
            }
            previous = body.readableBytes
            total &+= body.readableBytes
        }
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)  // Glibc imports RUSAGE_SELF as an enum case
        let peakMiB = usage.ru_maxrss / 1024  // KiB on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        let peakMiB = usage.ru_maxrss / (1024 * 1024)  // bytes on Darwin
        #endif
        print("rendered \(renders) × \(previous) bytes (\(copying ? "copy" : "direct")), peak RSS \(peakMiB) MiB, \(total)")
        exit(0)
    }
    let configuration = StatusServerConfiguration(
        port: port, host: "127.0.0.1", maxConnections: 1024, maxConnectionsPerPeer: 1024  // wrk is one peer
    )
    guard let server = try await MetricsServer.start(runtime: runtime, configuration: configuration) else { exit(1) }
    print("serving \(bytes.count) bytes (\(series) counter series) on port \(server.boundPort)")
    fflush(nil)
    try await server.run()
} catch {
    print("server-bench: \(error)")
    exit(1)
}
