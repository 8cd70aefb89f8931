import MetricsSchema
import Testing

/// `stability:` and `deprecated:`: loading, the HELP prefix and the lint rules.
@Suite struct LifecycleTests {
    @Test func stabilityAndDeprecationAreLoaded() throws {
        let yaml = schema(
            """
              - name: requests_total
                type: counter
                help: Requests
                stability: stable
              - name: old_requests_total
                type: counter
                help: Requests, the old way
                deprecated: {since: "1.4.0", replacement: requests_total, note: Counted twice.}

            """)
        let loaded = try #require(loadClean(yaml))
        #expect(loaded.metrics.map(\.effectiveStability) == [.stable, .beta])
        #expect(loaded.metrics[1].deprecation?.since == "1.4.0")
        #expect(loaded.metrics[1].deprecation?.replacement == "requests_total")
        #expect(loaded.metrics[1].deprecation?.note == "Counted twice.")
        #expect(loaded.metrics[1].exposedHelp == "(Deprecated since 1.4.0) Requests, the old way")
    }

    @Test func replacementMustExist() {
        let yaml = schema("  - name: a_total\n    type: counter\n    help: A\n    deprecated: {since: \"2\", replacement: b_totl}\n  - name: b_total\n    type: counter\n    help: B\n")
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:6:43: error: the replacement 'b_totl' of deprecated metric 'a_total' is not a metric of these schemas; did you mean 'b_total'?",
        ])
        #expect(diagnostics(schema("  - name: a_total\n    type: counter\n    help: A\n    deprecated: {since: \"2\", replacement: a_total}\n")) == [
            "app.metrics.yaml:6:43: error: deprecated metric 'a_total' names itself as its replacement",
        ])
    }

    @Test func replacementMayBeAFullNameInAnotherSchema() {
        let a = (file: "a.metrics.yaml", text: schema("  - name: a_total\n    type: counter\n    help: A\n    deprecated: {since: \"2\", replacement: other_b_total}\n"))
        let b = (file: "b.metrics.yaml", text: "version: 1\nprefix: other\nmetrics:\n  - {name: b_total, type: counter, help: B}\n")
        #expect(SchemaCompiler.compile(sources: [a, b]).diagnostics.map(\.description) == [])
    }

    @Test func deprecationNeedsSinceAndKnownKeys() {
        #expect(diagnostics(schema("  - name: a_total\n    type: counter\n    help: A\n    deprecated: {replacment: x}\n")) == [
            "app.metrics.yaml:6:17: error: 'deprecated' is missing 'since'",
            "app.metrics.yaml:6:18: error: unknown key 'replacment' in 'deprecated'; did you mean 'replacement'?",
        ])
        #expect(diagnostics(schema("  - name: a_total\n    type: counter\n    help: A\n    stability: stabel\n")) == [
            "app.metrics.yaml:6:16: error: unknown stability level 'stabel'; did you mean 'stable'?",
        ])
    }

    @Test func stableMetricsDeclareTheirUnitAndCloseTheirLabels() {
        let yaml = schema(
            """
              - name: latency_seconds
                type: histogram
                help: Latency
                stability: stable
                labels: [model, {name: status, values: [ok, error]}]
              - name: models_total
                type: counter
                help: Models
                stability: stable
                labels: [model]
                no_lint: [stable-open-label]

            """)
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:6:16: error: stable metric 'latency_seconds' ends in the unit 'seconds' but does not declare it; add 'unit: seconds'",
            "app.metrics.yaml:7:14: warning: label 'model' of stable metric 'latency_seconds' has no closed set of values; list its 'values' if they are known, or add 'no_lint: [stable-open-label]' if they cannot be",
        ])
    }
}
