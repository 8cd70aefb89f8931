// swift-tools-version:6.1
import PackageDescription

// A user's package: depends on swift-metrics-schema by path (as it would by URL), puts a
// schema next to its code and applies the build plugin.
let package = Package(
    name: "Consumer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-metrics-schema", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ConsumerDemo",
            dependencies: [.product(name: "MetricsRuntime", package: "swift-metrics-schema")],
            plugins: [.plugin(name: "MetricsSchemaPlugin", package: "swift-metrics-schema")]
        ),
    ]
)
