// swift-tools-version:6.1
import PackageDescription

import class Foundation.ProcessInfo
import struct Foundation.URL

// Side-by-side benchmarks: this project's MetricsRuntime vs swift-server/swift-prometheus vs a
// bare `Synchronization.Atomic` (the hardware limit), in one run. A separate package so the main
// package does not depend on package-benchmark. Run: `swift package --scratch-path .build-bench benchmark`.

// A path dependency's identity is its directory name, which differs between checkouts
// (e.g. `main` here, the repository name in CI): derive it instead of hard-coding it.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "MetricsBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        .executableTarget(
            name: "MetricsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MetricsRuntime", package: rootPackage),
                .product(name: "MetricsSchema", package: rootPackage),
                .product(name: "MetricsCodegen", package: rootPackage),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Benchmarks/MetricsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Runs one hot path N times under `valgrind --tool=callgrind` (Scripts/callgrind.sh).
        .executableTarget(
            name: "CallgrindDriver",
            dependencies: [
                .product(name: "MetricsRuntime", package: rootPackage),
                .product(name: "Prometheus", package: "swift-prometheus"),
                "CHeapInUse",
            ],
            path: "Drivers/CallgrindDriver"
        ),
        // glibc's mallinfo2 for the driver's memory cases.
        .target(name: "CHeapInUse", path: "Drivers/CHeapInUse"),
    ]
)
