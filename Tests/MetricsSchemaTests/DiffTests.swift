import MetricsSchema
import Testing

/// `SchemaDiff`: each kind of change, its classification and its NEW-side position.
@Suite struct DiffTests {
    func changes(_ old: String, _ new: String) -> [String] {
        let before = SchemaCompiler.compile(sources: [(file: "app.metrics.yaml", text: old)])
        let after = SchemaCompiler.compile(sources: [(file: "app.metrics.yaml", text: new)])
        #expect(!before.hasErrors && !after.hasErrors)
        return SchemaDiff.compare(old: before.schemas, new: after.schemas).map(\.diagnostic.headline)
    }

    static let base = schema(
        """
          - name: requests_total
            type: counter
            help: Requests
            labels: [model, {name: status, values: [ok, error]}]
          - name: latency_seconds
            type: histogram
            help: Latency
            unit: seconds
            buckets: [0.1, 1]

        """)

    @Test func identicalSchemasHaveNoChanges() {
        #expect(changes(Self.base, Self.base) == [])
    }

    @Test func removalTypeUnitAndLabelChangesAreBreaking() {
        let new = schema(
            """
              - name: requests_total
                type: gauge
                help: Requests served
                labels: [model_name, {name: status, values: [ok]}]
              - name: latency_seconds
                type: histogram
                help: Latency
                unit: milliseconds
                buckets: [0.1, 1, 10]

            """)
        #expect(changes(Self.base, new) == [
            "app.metrics.yaml:3:5: note: compatible change: 'dynamo_component_requests_total': help text changed",
            "app.metrics.yaml:4:11: error: breaking change: 'dynamo_component_requests_total': type changed from counter to gauge",
            "app.metrics.yaml:6:14: error: breaking change: 'dynamo_component_requests_total': label 'model' renamed to 'model_name'",
            "app.metrics.yaml:6:33: error: breaking change: 'dynamo_component_requests_total': value 'error' removed from label 'status'",
            "app.metrics.yaml:10:11: error: breaking change: 'dynamo_component_latency_seconds': unit changed from 'seconds' to 'milliseconds'",
            "app.metrics.yaml:11:14: note: compatible change: 'dynamo_component_latency_seconds': buckets changed from [0.1, 1.0] to [0.1, 1.0, 10.0] (queries on a removed 'le' bound break)",
        ])
    }

    @Test func stableMetricsAreStricter() {
        let old = schema("  - {name: a_total, type: counter, help: A, stability: stable, labels: [{name: k, values: [x]}]}\n")
        let new = schema("  - {name: a_total, type: counter, help: A, stability: stable, labels: [{name: k, values: [x, y]}, {name: extra, values: [e]}]}\n")
        #expect(changes(old, new) == [
            "app.metrics.yaml:3:95: note: compatible change: 'dynamo_component_a_total': value 'y' added to label 'k'",
            "app.metrics.yaml:3:107: error: breaking change: 'dynamo_component_a_total': label 'extra' added to a stable metric",
        ])
        let beta = changes(old.replacingOccurrences(of: "stable", with: "beta"), new.replacingOccurrences(of: "stable", with: "beta"))
        #expect(beta.last == "app.metrics.yaml:3:105: note: compatible change: 'dynamo_component_a_total': label 'extra' added")
    }

    @Test func alphaBreakingChangesAreWarnings() {
        let old = schema("  - {name: a_total, type: counter, help: A, stability: alpha}\n  - {name: b_total, type: counter, help: B}\n")
        let new = schema("  - {name: b_total, type: counter, help: B}\n")
        #expect(changes(old, new) == [
            "app.metrics.yaml:1:1: warning: breaking change: metric 'dynamo_component_a_total' was removed without a deprecation period",
        ])
    }

    @Test func deprecationThenRemovalViaReplacement() {
        let v1 = schema("  - {name: old_total, type: counter, help: Old}\n")
        let v2 = schema("  - {name: old_total, type: counter, help: Old, deprecated: {since: \"2.0\", replacement: new_total}}\n  - {name: new_total, type: counter, help: New}\n")
        let v3 = schema("  - {name: new_total, type: counter, help: New}\n")
        #expect(changes(v1, v2) == [
            "app.metrics.yaml:3:61: note: compatible change: 'dynamo_component_old_total': deprecated since 2.0 in favour of 'new_total'",
            "app.metrics.yaml:4:12: note: compatible change: metric 'dynamo_component_new_total' was added",
        ])
        #expect(changes(v2, v3) == [
            "app.metrics.yaml:3:12: error: breaking change: metric 'dynamo_component_old_total' was removed in favour of its replacement 'dynamo_component_new_total' (deprecated since 2.0)",
        ])
    }

    @Test func prefixChangeIsReportedOnce() {
        let old = "version: 1\nprefix: app\nmetrics:\n  - {name: a_total, type: counter, help: A}\n"
        let new = "version: 1\nprefix: svc\nmetrics:\n  - {name: a_total, type: counter, help: A}\n"
        #expect(changes(old, new) == [
            "app.metrics.yaml:2:9: error: breaking change: metric 'app_a_total' is now exposed as 'svc_a_total' (prefix 'app' → 'svc')",
        ])
    }

    /// Two targets' schemas declaring the same full name (the demo and Dynamo's WorkHandlerMetrics
    /// both expose `dynamo_component_requests_total`), compared as folders OLD/ and NEW/: each is
    /// compared with its own new version, never with the other's.
    @Test func sameNamedMetricsOfUnrelatedSchemasAreComparedWithTheirOwnNewVersion() {
        let demo = "version: 1\ntype_name: DemoMetrics\nmetrics:\n  - {name: requests_total, type: counter, help: R, labels: [route]}\n"
        let dynamo = "version: 1\ntype_name: WorkHandlerMetrics\nmetrics:\n  - {name: requests_total, type: counter, help: R}\n"
        func compile(_ folder: String, demo: String, dynamo: String) -> [MetricSchema] {
            // The Dynamo schema first: with matching by name alone, it would claim the demo's metric.
            SchemaCompiler.compile(sources: [
                (file: "\(folder)/dynamo/work_handler.metrics.yaml", text: dynamo), (file: "\(folder)/demo/demo.metrics.yaml", text: demo),
            ]).schemas
        }
        let old = compile("OLD", demo: demo, dynamo: dynamo)
        #expect(SchemaDiff.compare(old: old, new: compile("NEW", demo: demo, dynamo: dynamo)).isEmpty)
        let changed = compile("NEW", demo: demo.replacingOccurrences(of: "[route]", with: "[route, method]"), dynamo: dynamo)
        #expect(SchemaDiff.compare(old: old, new: changed).map(\.diagnostic.headline) == [
            "NEW/demo/demo.metrics.yaml:4:68: note: compatible change: 'dynamo_component_requests_total': label 'method' added",
        ])
        // Removed from the demo while Dynamo keeps its own: a removal (at its OLD place), not "no change".
        let removed = compile("NEW", demo: "version: 1\ntype_name: DemoMetrics\nmetrics: []\n", dynamo: dynamo)
        #expect(SchemaDiff.compare(old: old, new: removed).map(\.diagnostic.headline) == [
            "OLD/demo/demo.metrics.yaml:4:12: error: breaking change: metric 'dynamo_component_requests_total' was removed without a deprecation period",
        ])
    }

    /// A metric moved to another schema file is still no change.
    @Test func aMetricMovedBetweenFilesIsNoChange() {
        let a = "version: 1\ntype_name: A\nmetrics:\n  - {name: x_total, type: counter, help: X}\n"
        let b = "version: 1\ntype_name: B\nmetrics:\n  - {name: y_total, type: counter, help: Y}\n"
        let bWithX = "version: 1\ntype_name: B\nmetrics:\n  - {name: y_total, type: counter, help: Y}\n  - {name: x_total, type: counter, help: X}\n"
        let old = SchemaCompiler.compile(sources: [(file: "a.metrics.yaml", text: a), (file: "b.metrics.yaml", text: b)]).schemas
        let new = SchemaCompiler.compile(sources: [(file: "a.metrics.yaml", text: "version: 1\ntype_name: A\nmetrics: []\n"), (file: "b.metrics.yaml", text: bWithX)]).schemas
        #expect(SchemaDiff.compare(old: old, new: new).isEmpty)
    }
}
