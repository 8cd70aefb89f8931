// swift-tools-version:6.1
import PackageDescription

// The pipeline, one module per stage:
//   schema text → MetricsSchema (model + checks) → MetricsCodegen (Swift) →
//   MetricsRuntime (instruments + exposition) → MetricsServer (/metrics over HTTP)
let package = Package(
    name: "swift-metrics-schema",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "MetricsRuntime", targets: ["MetricsRuntime"]),
        .library(name: "MetricsExpositionParser", targets: ["MetricsExpositionParser"]),
        .library(name: "MetricsSchema", targets: ["MetricsSchema"]),
        .library(name: "MetricsCodegen", targets: ["MetricsCodegen"]),
        .library(name: "MetricsServer", targets: ["MetricsServer"]),
        .library(name: "SwiftMetricsBackend", targets: ["SwiftMetricsBackend"]),
        .executable(name: "metrics-schema", targets: ["metrics-schema"]),
        .executable(name: "metrics-demo", targets: ["MetricsDemo"]),
        .library(name: "DynamoMetrics", targets: ["DynamoMetrics"]),
        .library(name: "MetricsOTLP", targets: ["MetricsOTLP"]),
        // HTTP integrations: a user who does not name one of these never builds Hummingbird or Vapor.
        .library(name: "MetricsHTTP", targets: ["MetricsHTTP"]),
        .library(name: "MetricsHummingbird", targets: ["MetricsHummingbird"]),
        .library(name: "MetricsVapor", targets: ["MetricsVapor"]),
        .plugin(name: "MetricsSchemaPlugin", targets: ["MetricsSchemaPlugin"]),
        .plugin(name: "LintMetricsPlugin", targets: ["LintMetricsPlugin"]),
        .plugin(name: "DiffMetricsPlugin", targets: ["DiffMetricsPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        // MetricsOTLP only (OTLP messages, gRPC and HTTP transports): no core product builds these.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Only the MetricsHummingbird product (and its example) builds this.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        // Only the MetricsVapor product (and its example) builds this.
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        // `swift package generate-documentation` (the .docc landing pages); a plugin, never linked.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // Runtime: no third-party dependency, only the toolchain's Synchronization.
        // (The parser is this package's own, dependency-free module: engine text pass-through.)
        .target(name: "MetricsRuntime", dependencies: ["MetricsExpositionParser"]),
        // Prometheus text / OpenMetrics parser: no dependency at all, usable on its own.
        .target(name: "MetricsExpositionParser"),
        // swift-metrics backend: other libraries' metrics land in the same runtime.
        .target(
            name: "SwiftMetricsBackend",
            dependencies: ["MetricsRuntime", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .target(name: "MetricsSchema", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "MetricsCodegen", dependencies: ["MetricsSchema"]),
        // Named like its product: build-tool plugins of this package find their tool only
        // through a product of the same name ("no product named 'MetricsSchemaCLI'" otherwise).
        .executableTarget(
            name: "metrics-schema",
            dependencies: [
                "MetricsSchema", "MetricsCodegen", "MetricsExpositionParser",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/MetricsSchemaCLI"
        ),
        .target(
            name: "MetricsServer",
            dependencies: [
                "MetricsRuntime",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),  // locks ThreadSanitizer sees
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),  // gzip off the event loop (Gzip.swift)
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // OTLP metrics push (OTEL_* environment): snapshots → opentelemetry-proto messages (generated
        // once into Sources/MetricsOTLP/Generated by Scripts/generate-otlp-protos.sh) → gRPC or HTTP.
        .target(
            name: "MetricsOTLP",
            dependencies: [
                "MetricsRuntime",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2Posix", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Generated/VERSION"]
        ),
        // Benchmark helper only (Benchmarks/Scripts/server-wrk.sh): serves a synthetic registry of a given size.
        .executableTarget(
            name: "server-bench",
            dependencies: ["MetricsRuntime", "MetricsServer", .product(name: "NIOCore", package: "swift-nio")],
            path: "Benchmarks/ServerBench"
        ),
        // Benchmark helper only (Benchmarks/Scripts/callgrind-otlp.sh): one OTLP export's conversion and
        // serialization under callgrind, here because it reads MetricsOTLP's package-internal mapping.
        .executableTarget(
            name: "otlp-callgrind",
            dependencies: ["MetricsRuntime", "MetricsOTLP"],
            path: "Benchmarks/OTLPCallgrind"
        ),
        // Example: records known values, prints the exposition, serves it when DYN_SYSTEM_PORT is set.
        .executableTarget(
            name: "MetricsDemo",
            dependencies: [
                "MetricsRuntime", "MetricsServer", "SeedExample",
                "MetricsOTLP",  // OTEL_METRICS_EXPORTER=otlp; makes the demo (only) build gRPC and AsyncHTTPClient
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            plugins: ["MetricsSchemaPlugin"]  // demo.metrics.yaml → DemoEndpointMetrics
        ),
        // ExampleMetrics from schemas/example.metrics.yaml (the developer guide's metrics), for
        // `metrics-demo --example`; its own module because its requests_total would collide with
        // the demo's schema in one compilation.
        .target(name: "SeedExample", dependencies: ["MetricsRuntime"], plugins: ["MetricsSchemaPlugin"]),

        // Build plugin: *.metrics.yaml in a target (or listed in its metrics-schema.json) →
        // GeneratedMetrics.swift. Command plugin: `swift package lint-metrics`.
        .plugin(name: "MetricsSchemaPlugin", capability: .buildTool(), dependencies: ["metrics-schema"]),
        .plugin(
            name: "LintMetricsPlugin",
            capability: .command(
                intent: .custom(verb: "lint-metrics", description: "Check metric schemas (*.metrics.yaml) for errors and naming problems")
            )
            // No tool dependency: a command plugin's executable-target dependency must be a
            // product of the same name, so the plugin builds `metrics-schema` itself.
        ),
        // `swift package diff-metrics --base REF`: `metrics-schema diff --git-base REF` on the package's schemas.
        .plugin(
            name: "DiffMetricsPlugin",
            capability: .command(
                intent: .custom(verb: "diff-metrics", description: "Report breaking and compatible metric schema changes since a git revision")
            )
        ),

        // Dynamo's metric catalog (schemas/dynamo, listed in Sources/DynamoMetrics/metrics-schema.json)
        // compiled by the plugin: the prometheus_names equivalent plus typed accessors.
        .target(name: "DynamoMetrics", dependencies: ["MetricsRuntime"], plugins: ["MetricsSchemaPlugin"]),

        // HTTP integrations. MetricsHTTP: the bundled schemas/http-server.metrics.yaml compiled into
        // HTTPServerMetrics and the request recorder both middlewares share. The /metrics routes answer
        // with MetricsServer's MetricsRouteResponse (its negotiation and gzip; no server code runs;
        // both frameworks bring NIO anyway).
        .target(name: "MetricsHTTP", dependencies: ["MetricsRuntime"], plugins: ["MetricsSchemaPlugin"]),
        .target(
            name: "MetricsHummingbird",
            dependencies: ["MetricsHTTP", "MetricsRuntime", "MetricsServer", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "HummingbirdExample",
            dependencies: ["MetricsHummingbird", .product(name: "Hummingbird", package: "hummingbird")],
            path: "Examples/HummingbirdApp"
        ),
        .target(
            name: "MetricsVapor",
            dependencies: ["MetricsHTTP", "MetricsRuntime", "MetricsServer", .product(name: "Vapor", package: "vapor")]
        ),
        .executableTarget(
            name: "VaporExample",
            dependencies: ["MetricsVapor", "MetricsRuntime", .product(name: "Vapor", package: "vapor")],
            path: "Examples/VaporApp"
        ),

        .testTarget(name: "MetricsRuntimeTests", dependencies: ["MetricsRuntime", "MetricsExpositionParser", "CMallocStatistics"]),
        .testTarget(name: "MetricsExpositionParserTests", dependencies: ["MetricsExpositionParser"], exclude: ["Corpus"]),
        // glibc's mallinfo2 for the runtime's soak test (malloc.h is not in Swift's Glibc module).
        .target(name: "CMallocStatistics", path: "Tests/CMallocStatistics"),
        .testTarget(
            name: "SwiftMetricsBackendTests",
            dependencies: ["SwiftMetricsBackend", "MetricsRuntime", .product(name: "CoreMetrics", package: "swift-metrics")]
        ),
        .testTarget(name: "MetricsSchemaTests", dependencies: ["MetricsSchema"], exclude: ["FuzzCorpus"]),
        // Runs the built `metrics-schema` executable (exit codes, stderr, JSON, write-if-changed).
        // No dependency on the executable target: the tests run the built binary next to the test
        // bundle (swift test builds it anyway), and a test dependency on an executable that is also a
        // plugin tool links its objects twice (host-tool copy + testable copy: duplicate symbols).
        .testTarget(name: "MetricsSchemaCLITests", exclude: ["Live"]),
        // The build plugin end to end: a schema in the target plus one listed in its metrics-schema.json.
        .testTarget(
            name: "MetricsPluginTests",
            dependencies: ["MetricsRuntime", "DynamoMetrics", "MetricsSchema", "MetricsCodegen"],
            plugins: ["MetricsSchemaPlugin"]
        ),
        .testTarget(name: "MetricsCodegenTests", dependencies: ["MetricsCodegen", "MetricsSchema"], exclude: ["Golden"]),
        // The committed generator output for Tests/GeneratedMetricsFixtures/*.metrics.yaml (a golden test in
        // MetricsCodegenTests keeps it identical to fresh output), compiled and exercised against the runtime.
        .target(
            name: "GeneratedMetricsFixtures",
            dependencies: ["MetricsRuntime"],
            path: "Tests/GeneratedMetricsFixtures",
            exclude: [
                "golden.metrics.yaml", "edge.metrics.yaml", "empty.metrics.yaml", "binding.metrics.yaml", "raw.metrics.yaml",
            ]
        ),
        .testTarget(name: "GeneratedMetricsTests", dependencies: ["GeneratedMetricsFixtures", "MetricsRuntime"]),
        // Against real receivers: Python's opentelemetry-proto + grpcio (Tests/MetricsOTLPTests/Receivers).
        .testTarget(
            name: "MetricsOTLPTests",
            dependencies: ["MetricsOTLP", "MetricsRuntime"],
            exclude: ["Receivers"]
        ),
        .testTarget(
            name: "MetricsServerTests",
            dependencies: [
                "MetricsServer", "MetricsRuntime",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
    ]
)
