import MetricsSchema
import Testing

/// `binding:`, `bound_labels:`, `prefix_parameter:`, `prefix_env:` and `{log: …}` buckets: what they accept and
/// the exact diagnostics for what they do not.
@Suite struct BindingRuleTests {
    @Test func boundLabelsAndPrefixParameterAreLoaded() throws {
        let yaml = "version: 1\nbinding: raw\nbound_labels: [router_id, model]\nprefix_parameter: tracker\nmetrics:\n"
            + "  - name: a_total\n    type: counter\n    help: A\n    labels: [worker_id]\n"
        let loaded = try #require(loadClean(yaml))
        #expect(loaded.binding == .raw)
        #expect(loaded.boundLabels.map(\.name) == ["router_id", "model"])
        #expect(loaded.prefixParameter?.name == "tracker")
        #expect(loaded.hasBindParameters)
        #expect(loaded.fullName(of: loaded.metrics[0]) == "dynamo_component_<tracker>_a_total")
    }

    @Test func hierarchyLabelsAreReservedOnlyForHierarchyBinding() {
        let metric = "  - name: a_total\n    type: counter\n    help: A\n    labels: [worker_id]\n"
        #expect(diagnostics(schema(metric)) == [
            "app.metrics.yaml:6:14: error: label 'worker_id' is added automatically by the runtime hierarchy; bind the metrics to a namespace, component or endpoint node instead, or use 'binding: raw'",
        ])
        #expect(diagnostics("version: 1\nbinding: raw\nmetrics:\n" + metric) == [])
        #expect(diagnostics("version: 1\nbinding: raw\nmetrics:\n" + metric.replacingOccurrences(of: "worker_id", with: "le")) == [
            "app.metrics.yaml:7:14: error: label 'le' is reserved for histogram and summary buckets",
        ])
    }

    @Test func unknownBindingIsAnError() {
        #expect(diagnostics("version: 1\nbinding: flat\nmetrics: []\n") == [
            "app.metrics.yaml:2:10: error: unknown binding 'flat'; use one of 'hierarchy', 'raw'",
        ])
    }

    @Test func boundLabelsAreCheckedLikeLabels() {
        let metric = "  - name: a_total\n    type: counter\n    help: A\n    labels: [model]\n    const_labels: {region: eu}\n"
        #expect(diagnostics("version: 1\nbound_labels: [model, region, dynamo_endpoint, __x, 1x, model]\nmetrics:\n" + metric) == [
            "app.metrics.yaml:2:31: error: label 'dynamo_endpoint' is added automatically by the runtime hierarchy; bind the metrics to a namespace, component or endpoint node instead, or use 'binding: raw'",
            "app.metrics.yaml:2:48: error: label '__x' starts with '__', which Prometheus reserves",
            "app.metrics.yaml:2:53: error: invalid label name '1x'; use letters, digits and underscores, not starting with a digit",
            "app.metrics.yaml:2:57: error: duplicate bound label 'model'\napp.metrics.yaml:2:16: note: 'model' is first declared here",
            "app.metrics.yaml:7:14: error: bound label 'model' collides with the variable label of metric 'a_total'; a bound label is already on every series of the schema; remove one of them\napp.metrics.yaml:2:16: note: bound label 'model' is declared here",
            "app.metrics.yaml:8:20: error: bound label 'region' collides with the constant label of metric 'a_total'; a bound label is already on every series of the schema; remove one of them\napp.metrics.yaml:2:23: note: bound label 'region' is declared here",
        ])
    }

    @Test func prefixParameterMustBeANamePart() {
        #expect(diagnostics("version: 1\nprefix_parameter: my-tracker\nmetrics: []\n") == [
            "app.metrics.yaml:2:19: error: invalid prefix parameter 'my-tracker'; name it like a label, for example 'tracker'; its value is given when the type is bound",
        ])
    }

    @Test func prefixEnvIsLoadedAndChecked() throws {
        let loaded = try #require(loadClean("version: 1\nprefix: dynamo_frontend\nprefix_env: DYN_METRICS_PREFIX\nmetrics: []\n"))
        #expect(loaded.prefixEnvironment?.name == "DYN_METRICS_PREFIX")
        #expect(!loaded.hasBindParameters)
        #expect(diagnostics("version: 1\nprefix_env: DYN-PREFIX\nmetrics: []\n") == [
            "app.metrics.yaml:2:13: error: invalid prefix environment variable 'DYN-PREFIX'; use letters, digits and '_', not starting with a digit, for example 'DYN_METRICS_PREFIX'",
        ])
        #expect(diagnostics("version: 1\nprefix_env: P\nprefix_parameter: tracker\nmetrics: []\n") == [
            "app.metrics.yaml:2:13: error: 'prefix_env' cannot be combined with 'prefix_parameter'; keep one of them: the prefix comes either from the environment or from a bind argument",
        ])
        #expect(diagnostics("version: 1\nprefix: \"\"\nprefix_env: P\nmetrics: []\n") == [
            "app.metrics.yaml:3:13: error: 'prefix_env' needs a non-empty 'prefix' to fall back to; set 'prefix:' to the name used when the variable is unset, empty or cannot be sanitized",
        ])
    }

    @Test func logBucketsAreDynamosGenerator() throws {
        let yaml = schema("  - name: itl_seconds\n    type: histogram\n    help: A\n    unit: seconds\n    buckets: {log: {min: 0.001, max: 2, count: 13, env: DYN_METRICS_ITL}}\n")
        let loaded = try #require(loadClean(yaml))
        #expect(loaded.metrics[0].buckets == .log(min: 0.001, max: 2, count: 13, environment: "DYN_METRICS_ITL"))
        #expect(loaded.metrics[0].buckets?.bounds == [0, 0.0019, 0.0035, 0.0067, 0.013, 0.024, 0.045, 0.084, 0.16, 0.3, 0.56, 1.1, 2])
        #expect(BucketSpec.log(min: 50, max: 128_000, count: 12, environment: nil).bounds
            == [0, 100, 210, 430, 870, 1800, 3600, 7400, 15000, 31000, 63000, 130_000])
        #expect(BucketSpec.log(min: 1, max: 512, count: 10, environment: nil).bounds == [0, 2, 4, 8, 16, 32, 64, 130, 260, 510])
        #expect(BucketSpec.log(min: 1, max: 512, count: 1, environment: nil).bounds == [0])
        // Rounding makes neighbours equal: they appear once.
        #expect(BucketSpec.log(min: 1, max: 1.2, count: 10, environment: nil).bounds == [0, 1, 1.1, 1.2])
    }

    @Test func invalidLogBucketsAreErrors() {
        let metric = { (spec: String) in schema("  - name: a\n    type: histogram\n    help: A\n    buckets: {log: \(spec)}\n") }
        #expect(diagnostics(metric("{min: 0, max: 2, count: 600}")) == [
            "app.metrics.yaml:6:14: error: log bucket 'count' must be between 1 and 512, found 600",
            "app.metrics.yaml:6:14: error: log buckets need finite bounds with 0 < 'min' < 'max', found min 0.0, max 2.0",
        ])
        #expect(diagnostics(metric("{min: 1, max: 2, count: 3, env: DYN-X_}")) == [
            "app.metrics.yaml:6:14: error: log bucket 'env' must be an environment variable prefix such as 'DYN_METRICS_TTFT', found 'DYN-X_'; letters, digits and '_', not ending in '_'; '_MIN', '_MAX', '_COUNT' are appended",
        ])
        #expect(diagnostics(metric("{min: 1, count: 3, base: 2}")) == [
            "app.metrics.yaml:6:20: error: 'log' buckets is missing 'max'",
            "app.metrics.yaml:6:39: error: unknown key 'base' in 'log' buckets; known keys: 'min', 'max', 'count', 'env'",
        ])
    }
}
