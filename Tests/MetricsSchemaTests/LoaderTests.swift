import MetricsSchema
import Testing

/// The model the loader builds, with 1-based positions and YAML 1.1 words kept as strings.
@Suite struct LoaderTests {
    static let issueExample = """
        version: 1
        prefix: dynamo_component
        type_name: Metrics
        metrics:
          - name: requests_total
            type: counter
            help: Total requests
            const_labels: {region: us-west, env: prod}
          - name: requests_by_model_total
            type: counter
            value: int
            help: Requests by model
            labels: [model_type, model_size]
          - name: gpu_memory_bytes
            type: gauge
            help: GPU memory by device
            unit: bytes
            labels:
              - gpu_id
              - name: memory_type
                values: [allocated, reserved, free]
          - name: latency_seconds
            type: histogram
            help: Request latency
            buckets: [0.001, 0.01, 0.1, 1.0, 10.0]

        """

    @Test func loadsTheIssueExample() throws {
        let schema = try #require(loadClean(Self.issueExample))
        #expect(schema.version == 1)
        #expect(schema.prefix == "dynamo_component")
        #expect(schema.typeName == "Metrics")
        #expect(schema.metrics.map(\.name) == ["requests_total", "requests_by_model_total", "gpu_memory_bytes", "latency_seconds"])
        #expect(schema.metrics.map(\.type) == [.counter, .counter, .gauge, .histogram])
        #expect(schema.metrics.map(\.valueType) == [.double, .int, .double, .double])
        let requests = schema.metrics[0]
        #expect(requests.constantLabels.map(\.name) == ["region", "env"])
        #expect(requests.constantLabels.map(\.value) == ["us-west", "prod"])
        #expect(requests.location == SourceLocation(file: "app.metrics.yaml", line: 5, column: 5))
        #expect(requests.nameLocation == SourceLocation(file: "app.metrics.yaml", line: 5, column: 11))
        let gpu = schema.metrics[2]
        #expect(gpu.unit == "bytes")
        #expect(gpu.labels.map(\.name) == ["gpu_id", "memory_type"])
        #expect(gpu.labels.map(\.values) == [nil, ["allocated", "reserved", "free"]])
        #expect(gpu.labels[1].location == SourceLocation(file: "app.metrics.yaml", line: 20, column: 15))
        #expect(gpu.labels[1].valueLocations.map(\.column) == [18, 29, 39])
        #expect(schema.metrics[3].buckets == .explicit([0.001, 0.01, 0.1, 1.0, 10.0]))
    }

    @Test func yaml11WordsStayStrings() throws {
        let yaml = schema(
            """
              - name: switch_state
                type: gauge
                help: State
                const_labels: {enabled: on, legacy: no, count: 010}
                labels:
                  - name: state
                    values: [yes, no, on, off, true, "null", 1.0]

            """)
        let metric = try #require(loadClean(yaml)?.metrics.first)
        #expect(metric.constantLabels.map(\.value) == ["on", "no", "010"])
        #expect(metric.labels[0].values == ["yes", "no", "on", "off", "true", "null", "1.0"])
    }

    @Test func defaultsApply() throws {
        let loaded = try #require(loadClean("version: 1\nmetrics: []\n", file: "schemas/frontend.metrics.yaml"))
        #expect(loaded.prefix == "dynamo_component")
        #expect(loaded.typeName == "FrontendMetrics")
        let noPrefix = try #require(loadClean("version: 1\nprefix: \"\"\nmetrics: []\n"))
        #expect(noPrefix.prefix == "")
        #expect(noPrefix.fullName(of: MetricDefinition(
            name: "up", type: .gauge, help: "Up", location: SourceLocation(file: "f", line: 1, column: 1))) == "up")
    }

    @Test(arguments: [
        ("frontend.metrics.yaml", "FrontendMetrics"), ("metrics.yaml", "Metrics"), ("/abs/kv_router.metrics.yml", "KvRouterMetrics"),
        ("kv-indexer.yaml", "KvIndexerMetrics"), ("WorkerMetrics.yaml", "WorkerMetrics"),
    ])
    func derivedTypeNames(file: String, expected: String) {
        #expect(SwiftNames.derivedTypeName(forFile: file) == expected)
    }

    @Test func typeNameCannotBeDerivedFromADigit() {
        #expect(SwiftNames.derivedTypeName(forFile: "1st.metrics.yaml") == nil)
        #expect(diagnostics("version: 1\nmetrics: []\n", file: "1st.metrics.yaml") == [
            "1st.metrics.yaml:1:1: error: cannot derive a Swift type name from the file name; add 'type_name: MyMetrics'",
        ])
    }

    @Test func generatedBuckets() {
        #expect(BucketSpec.linear(start: 0.5, width: 0.5, count: 4).bounds == [0.5, 1.0, 1.5, 2.0])
        #expect(BucketSpec.exponential(start: 1, factor: 2, count: 4).bounds == [1, 2, 4, 8])
        #expect(BucketSpec.linear(start: 0, width: 0, count: 4).bounds == nil)
        #expect(BucketSpec.exponential(start: 1, factor: 2, count: 1_001).bounds == nil)
    }

    @Test func helpFromABlockScalarLosesItsTrailingNewline() throws {
        let yaml = schema("  - name: up\n    type: gauge\n    help: |\n      Line one.\n      Line two.\n")
        #expect(try #require(loadClean(yaml)?.metrics.first).help == "Line one.\nLine two.")
    }
}

/// Swift identifier mapping shared by the checks and the generator.
@Suite struct SwiftNamesTests {
    @Test(arguments: [
        ("requests_by_model", "requestsByModel"), ("GET", "get"), ("7b", "_7b"), ("model-x", "modelX"),
        ("HTTP_status", "httpStatus"), ("a.b.c", "aBC"), ("default", "default"),
    ])
    func lowerCamelCase(raw: String, expected: String) {
        #expect(SwiftNames.lowerCamelCase(raw) == expected)
    }

    @Test func escapingAndSpecialValues() {
        #expect(SwiftNames.escaped("default") == "`default`")
        #expect(SwiftNames.escaped("requests") == "requests")
        #expect(SwiftNames.upperCamelCase("memory_type") == "MemoryType")
        #expect(SwiftNames.caseName(forValue: "") == "empty")
        #expect(SwiftNames.caseName(forValue: "+") == nil)
        #expect(SwiftNames.lowerCamelCase("___") == nil)
    }
}
