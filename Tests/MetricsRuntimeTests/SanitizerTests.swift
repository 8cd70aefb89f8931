import MetricsRuntime
import Testing

/// Dynamo's `prometheus_names` test vectors, ported, with the documented fixes: `___x` → `_x`
/// for labels, a leading `:` kept in metric names, and `buildComponentMetricName` throwing
/// instead of panicking.
@Suite struct SanitizerTests {
    @Test(arguments: ["valid_name", "test:name", "test__name", "test___name", "__test", "a", "A1:b_2"])
    func validNamesAreUnchanged(name: String) throws {
        #expect(try sanitizePrometheusName(name) == name)
    }

    @Test(arguments: [
        ("test name", "test_name"), ("test.name", "test_name"), ("test@name", "test_name"),
        ("test-name", "test_name"), ("test$name#123", "test_name_123"), ("123test", "_123test"),
        ("@test", "_test"), ("-test", "_test"), (".test", "_test"),
        ("123.test-name@domain", "_123_test_name_domain"),
        // Fixed quirk: ':' is a valid first character of a metric name.
        (":test", ":test"),
        // One '_' per Unicode scalar, like Rust's chars().
        ("tést", "t_st"), ("a🎉b", "a_b"),
    ])
    func nameVectors(input: String, output: String) throws {
        #expect(try sanitizePrometheusName(input) == output)
    }

    @Test func nameErrors() {
        let empty = thrownError { try sanitizePrometheusName("") }
        #expect(empty == .cannotSanitize("", reason: "Cannot sanitize empty string into valid Prometheus name"))
        #expect(empty?.description == "Cannot sanitize empty string into valid Prometheus name")
        for input in ["@#$%", "!!!!"] {
            let error = thrownError { try sanitizePrometheusName(input) }
            let message = "Input '\(input)' contains only invalid characters and cannot be sanitized into a valid Prometheus name"
            #expect(error == .cannotSanitize(input, reason: message))
            #expect(error?.description == message)
        }
    }

    @Test func cannotSanitizeWithoutReasonStillSaysWhat() {
        #expect(MetricsError.cannotSanitize("x-y", reason: "").description == "cannot sanitize 'x-y'")
    }

    @Test(arguments: [
        ("test:label", "test_label"), ("__test", "test"), ("123test", "_123test"), (":test", "_test"),
        ("123:test-label@domain", "_123_test_label_domain"), ("valid_label", "valid_label"),
        ("_private", "_private"), ("__1abc", "_1abc"),
        // Fixed quirk: Dynamo gives `__x` (a reserved name); every leading `__` pair is removed.
        ("___x", "_x"), ("____x", "x"),
    ])
    func labelVectors(input: String, output: String) throws {
        #expect(try sanitizePrometheusLabel(input) == output)
    }

    @Test func labelErrors() {
        #expect(thrownError { try sanitizePrometheusLabel("") }
            == .cannotSanitize("", reason: "Cannot sanitize empty string into valid Prometheus label"))
        for input in ["____", "@#$%", "__", "_"] {
            let message = "Input '\(input)' contains only invalid characters and cannot be sanitized into a valid Prometheus label"
            #expect(thrownError { try sanitizePrometheusLabel(input) } == .cannotSanitize(input, reason: message),
                    "input '\(input)'")
        }
    }

    @Test func sanitizedLabelsAreNeverReserved() throws {
        for input in ["___x", "__", "___", "__\u{1F389}x", "_____y", "::x", "__:x"] {
            guard let output = try? sanitizePrometheusLabel(input) else { continue }
            #expect(!output.hasPrefix("__"), "'\(input)' → '\(output)'")
        }
    }

    @Test(arguments: [
        ("requests", "dynamo_component_requests"), ("test metric", "dynamo_component_test_metric"),
        ("123metric", "dynamo_component__123metric"),
    ])
    func buildComponentMetricNameVectors(input: String, output: String) throws {
        #expect(try buildComponentMetricName(input) == output)
    }

    @Test func buildComponentMetricNameThrowsInsteadOfPanicking() throws {
        #expect(thrownError { try buildComponentMetricName("@#$%") } == .cannotSanitize(
            "@#$%", reason: "Input '@#$%' contains only invalid characters and cannot be sanitized into a valid Prometheus name"))
        #expect(thrownError { try buildComponentMetricName("") }
            == .cannotSanitize("", reason: "Cannot sanitize empty string into valid Prometheus name"))
        #expect(try buildComponentMetricName("x", prefix: "dynamo_frontend") == "dynamo_frontend_x")
    }

    @Test(arguments: [
        (String?.none, "dynamo_frontend"), ("", "dynamo_frontend"), ("test-prefix", "test_prefix"),
        ("@test", "_test"), ("@#$%", "dynamo_frontend"), ("my_prefix", "my_prefix"),
    ])
    func frontendPrefixVectors(input: String?, output: String) {
        #expect(sanitizeFrontendPrefix(input) == output)
    }

    // Dynamo's remaining prometheus_names.rs vectors (id 66190655254).
    @Test(arguments: [
        ("test label", "test_label"), ("test.label", "test_label"), ("test@label", "test_label"),
        ("test-label", "test_label"), ("test$label#123", "test_label_123"), ("test__label", "test__label"),
        ("test___label", "test___label"), ("test____label", "test____label"), ("@test", "_test"), ("-test", "_test"),
    ])
    func moreLabelVectors(input: String, output: String) throws {
        #expect(try sanitizePrometheusLabel(input) == output)
    }

    @Test func labelOfOnlyInvalidCharactersIsAnError() {
        #expect(thrownError { try sanitizePrometheusLabel("!!!!") } == .cannotSanitize(
            "!!!!", reason: "Input '!!!!' contains only invalid characters and cannot be sanitized into a valid Prometheus label"))
    }

    @Test(arguments: ["test123", "test_name_123"])
    func moreValidNames(name: String) throws {
        #expect(try sanitizePrometheusName(name) == name)
    }

    @Test(arguments: [
        ("dynamo_frontend", "dynamo_frontend"), ("custom_prefix", "custom_prefix"), ("test123", "test123"),
        ("test prefix", "test_prefix"), ("test.prefix", "test_prefix"), ("test@prefix", "test_prefix"),
        ("123test", "_123test"),
    ])
    func moreFrontendPrefixVectors(input: String, output: String) {
        #expect(sanitizeFrontendPrefix(input) == output)
    }

    @Test(arguments: [
        ("test_metric", "dynamo_component_test_metric"), ("requests_total", "dynamo_component_requests_total"),
        ("test.metric", "dynamo_component_test_metric"), ("test@metric", "dynamo_component_test_metric"),
    ])
    func moreBuildComponentMetricNameVectors(input: String, output: String) throws {
        #expect(try buildComponentMetricName(input) == output)
    }

    @Test func nameConstants() {
        #expect(PrometheusNames.Prefix.component == "dynamo_component")
        #expect(PrometheusNames.Prefix.frontend == "dynamo_frontend")
        #expect(PrometheusNames.Prefix.router == "dynamo_router")
        #expect(PrometheusNames.Prefix.kvIndexer == "dynamo_kvindexer")
        #expect(PrometheusNames.Prefix.requestPlane == "dynamo_request_plane")
        #expect(PrometheusNames.Prefix.transport == "dynamo_transport")
        #expect(PrometheusNames.Prefix.workHandler == "dynamo_work_handler")
        #expect(PrometheusNames.Prefix.rejection == "dynamo_rejection")
        #expect(PrometheusNames.Prefix.tokio == "dynamo_tokio")
        #expect(PrometheusNames.Prefix.routingOverhead == "dynamo_routing_overhead")
        #expect(PrometheusNames.Label.namespace == "dynamo_namespace")
        #expect(PrometheusNames.Label.component == "dynamo_component")
        #expect(PrometheusNames.Label.endpoint == "dynamo_endpoint")
        #expect(PrometheusNames.Label.workerID == "worker_id")
        #expect(PrometheusNames.Label.dpRank == "dp_rank")
        #expect(PrometheusNames.Label.model == "model")
        #expect(PrometheusNames.Label.modelName == "model_name")
        #expect(PrometheusNames.Label.workerType == "worker_type")
        #expect(PrometheusNames.Label.routerID == "router_id")
        #expect(PrometheusNames.metricsPrefixEnvironmentVariable == "DYN_METRICS_PREFIX")
    }
}
