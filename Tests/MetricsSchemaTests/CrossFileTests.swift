import MetricsSchema
import Testing

/// Rules across the files compiled together, and the duplicate-key rule (which names both places).
@Suite struct CrossFileTests {
    @Test func duplicateFullNameAcrossFilesNamesBothPlaces() {
        let a = schema("  - name: requests_total\n    type: counter\n    help: A\n")
        let b = "version: 1\ntype_name: OtherMetrics\nmetrics:\n  - name: requests_total\n    type: counter\n    help: B\n"
        let compilation = SchemaCompiler.compile(sources: [(file: "a.metrics.yaml", text: a), (file: "b.metrics.yaml", text: b)])
        #expect(compilation.diagnostics.map(\.description) == [
            "b.metrics.yaml:4:11: error: metric 'dynamo_component_requests_total' is also declared in another schema; metric names must be unique across the schemas compiled together\na.metrics.yaml:3:11: note: 'dynamo_component_requests_total' is first declared here",
        ])
    }

    @Test func samePlainNameWithDifferentPrefixesIsFine() {
        let a = schema("  - name: requests_total\n    type: counter\n    help: A\n")
        let b = "version: 1\nprefix: dynamo_frontend\nmetrics:\n  - name: requests_total\n    type: counter\n    help: B\n"
        let compilation = SchemaCompiler.compile(sources: [(file: "a.metrics.yaml", text: a), (file: "b.metrics.yaml", text: b)])
        #expect(compilation.diagnostics.isEmpty)
        #expect(compilation.schemas.map(\.typeName) == ["AMetrics", "BMetrics"])
    }

    @Test func duplicateTypeNameAcrossFiles() {
        let text = "version: 1\ntype_name: Shared\nmetrics: []\n"
        let compilation = SchemaCompiler.compile(sources: [(file: "a.metrics.yaml", text: text), (file: "b.metrics.yaml", text: text)])
        #expect(compilation.diagnostics.map(\.description) == [
            "b.metrics.yaml:2:12: error: type name 'Shared' is already used by another schema; set a different 'type_name'\na.metrics.yaml:2:12: note: 'Shared' is first used here",
        ])
    }

    @Test func duplicateYAMLKeyPointsAtTheSecondOccurrence() {
        let yaml = schema("  - name: a_total\n    type: counter\n    help: A\n    type: gauge\n")
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:6:5: error: duplicate key 'type' in mapping; remove one of the two entries\napp.metrics.yaml:4:5: note: 'type' is first used here",
        ])
    }

    @Test func labelEnumsMappingToTheSameSwiftType() {
        let yaml = schema(
            """
              - name: a
                type: gauge
                help: A
                labels:
                  - name: memory_type
                    values: [x]
              - name: b
                type: gauge
                help: B
                labels:
                  - name: memory__type
                    values: [y]

            """)
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:14:18: error: closed labels 'memory_type' and 'memory__type' both map to the Swift enum 'MemoryType'; rename one of the labels\napp.metrics.yaml:8:18: note: 'memory_type' is declared here",
        ])
    }
}
