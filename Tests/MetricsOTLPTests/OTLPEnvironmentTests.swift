import Foundation
import MetricsOTLP
import Testing

/// One test per `OTEL_*` variable: the value it takes, its precedence and its error.
@Suite struct OTLPEnvironmentTests {
    let enabled = ["OTEL_METRICS_EXPORTER": "otlp"]

    func configuration(_ extra: [String: String]) throws(OTLPConfigurationError) -> OTLPExportConfiguration? {
        try OTLPExportConfiguration.fromEnvironment(enabled.merging(extra) { $1 }, defaultServiceName: "test-service")
    }

    func error(_ extra: [String: String]) -> OTLPConfigurationError? {
        do {
            _ = try configuration(extra)
            return nil
        } catch {
            return error
        }
    }

    @Test func exporterVariableEnablesExport() throws {
        #expect(try OTLPExportConfiguration.fromEnvironment([:]) == nil)
        #expect(try OTLPExportConfiguration.fromEnvironment(["OTEL_METRICS_EXPORTER": "prometheus"]) == nil)
        #expect(try OTLPExportConfiguration.fromEnvironment(["OTEL_METRICS_EXPORTER": "none"]) == nil)
        #expect(try OTLPExportConfiguration.fromEnvironment(["OTEL_METRICS_EXPORTER": " OTLP "]) != nil)
        #expect(try OTLPExportConfiguration.fromEnvironment(["OTEL_METRICS_EXPORTER": "prometheus,otlp"]) != nil)
        // Nothing else is read unless export is enabled: a broken value elsewhere is not an error then.
        #expect(try OTLPExportConfiguration.fromEnvironment(["OTEL_EXPORTER_OTLP_PROTOCOL": "carrier-pigeon"]) == nil)
    }

    @Test func defaults() throws {
        let grpc = try #require(try configuration([:]))
        #expect(grpc.protocol == .grpc)
        #expect(grpc.endpoint.absoluteString == "http://localhost:4317")
        #expect(grpc.interval == .seconds(60))
        #expect(grpc.timeout == .seconds(10))
        #expect(grpc.headers.isEmpty)
        #expect(grpc.resourceAttributes.map { "\($0.key)=\($0.value)" } == ["service.name=test-service"])
        let http = try #require(
            try OTLPExportConfiguration.fromEnvironment(enabled, defaultProtocol: .httpProtobuf, defaultServiceName: "s"))
        #expect(http.endpoint.absoluteString == "http://localhost:4318/v1/metrics")
    }

    @Test func protocolVariables() throws {
        #expect(try configuration(["OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"])?.protocol == .httpProtobuf)
        #expect(try configuration(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"])?.protocol == .grpc)
        // The metrics-specific variable wins; an empty one counts as unset.
        #expect(try configuration([
            "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": "http/protobuf",
        ])?.protocol == .httpProtobuf)
        #expect(try configuration([
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": " ",
        ])?.protocol == .httpProtobuf)
    }

    @Test func unsupportedProtocolIsLoudAndNamesTheVariableThatSetIt() {
        #expect(error(["OTEL_EXPORTER_OTLP_PROTOCOL": "http/json"])
            == .unsupportedProtocol(variable: "OTEL_EXPORTER_OTLP_PROTOCOL", value: "http/json"))
        let specific = error(["OTEL_EXPORTER_OTLP_PROTOCOL": "grpc", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL": "grcp"])
        #expect(specific == .unsupportedProtocol(variable: "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", value: "grcp"))
        #expect(specific?.description == """
            OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=grcp is not supported for metrics; supported protocols: grpc, \
            http/protobuf. Set OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=grpc or http/protobuf to override.
            """)
    }

    @Test func metricsEndpointIsUsedAsIs() throws {
        let http = try configuration([
            "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "http://collector:9999/custom/path",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "http://ignored:1",
        ])
        #expect(http?.endpoint.absoluteString == "http://collector:9999/custom/path")
        let grpc = try configuration(["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "https://collector:4317"])
        #expect(grpc?.endpoint.absoluteString == "https://collector:4317")
        #expect(error(["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT": "collector:4317"]) == .invalidValue(
            variable: "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", value: "collector:4317",
            reason: "expected an http:// or https:// URL with a host, e.g. http://localhost:4317"))
    }

    @Test func genericEndpointGetsTheMetricsPathForHTTPOnly() throws {
        let http = ["OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf"]
        #expect(try configuration(http.merging(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"]) { $1 })?
            .endpoint.absoluteString == "http://collector:4318/v1/metrics")
        #expect(try configuration(http.merging(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/base/"]) { $1 })?
            .endpoint.absoluteString == "http://collector:4318/base/v1/metrics")
        #expect(try configuration(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4317"])?
            .endpoint.absoluteString == "http://collector:4317")
        #expect(error(["OTEL_EXPORTER_OTLP_ENDPOINT": "ftp://collector"])?.description
            == "OTEL_EXPORTER_OTLP_ENDPOINT=ftp://collector is invalid: expected an http:// or https:// URL with a host, e.g. http://localhost:4317")
    }

    @Test func exportIntervalInMilliseconds() throws {
        #expect(try configuration(["OTEL_METRIC_EXPORT_INTERVAL": "1500"])?.interval == .milliseconds(1500))
        for bad in ["0", "-5", "1.5", "60s"] {
            #expect(error(["OTEL_METRIC_EXPORT_INTERVAL": bad]) == .invalidValue(
                variable: "OTEL_METRIC_EXPORT_INTERVAL", value: bad,
                reason: "expected a positive whole number of milliseconds, e.g. 60000"))
        }
    }

    @Test func timeoutVariables() throws {
        #expect(try configuration(["OTEL_EXPORTER_OTLP_TIMEOUT": "2500"])?.timeout == .milliseconds(2500))
        #expect(try configuration(["OTEL_EXPORTER_OTLP_TIMEOUT": "2500", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT": "700"])?
            .timeout == .milliseconds(700))
        #expect(error(["OTEL_EXPORTER_OTLP_METRICS_TIMEOUT": "soon"])?.description
            == "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT=soon is invalid: expected a positive whole number of milliseconds, e.g. 60000")
    }

    @Test func headersVariables() throws {
        let headers = try configuration(["OTEL_EXPORTER_OTLP_HEADERS": "api-key=secret%20value, x-tenant = a=b ,,"])?.headers
        #expect(headers?.map { "\($0.name)|\($0.value)" } == ["api-key|secret value", "x-tenant|a=b"])
        let specific = try configuration([
            "OTEL_EXPORTER_OTLP_HEADERS": "a=1", "OTEL_EXPORTER_OTLP_METRICS_HEADERS": "b=2",
        ])?.headers
        #expect(specific?.map { "\($0.name)|\($0.value)" } == ["b|2"])
        #expect(error(["OTEL_EXPORTER_OTLP_HEADERS": "api-key"])?.description
            == "OTEL_EXPORTER_OTLP_HEADERS=api-key is invalid: entry 'api-key' has no '='; expected key1=value1,key2=value2")
        #expect(error(["OTEL_EXPORTER_OTLP_HEADERS": "=x"]) == .invalidValue(
            variable: "OTEL_EXPORTER_OTLP_HEADERS", value: "=x", reason: "entry '=x' has an empty key"))
        #expect(error(["OTEL_EXPORTER_OTLP_HEADERS": "k=%zz"]) == .invalidValue(
            variable: "OTEL_EXPORTER_OTLP_HEADERS", value: "k=%zz", reason: "value of 'k' is not valid percent-encoding"))
    }

    @Test func serviceNameVariable() throws {
        let named = try configuration(["OTEL_SERVICE_NAME": "frontend", "OTEL_RESOURCE_ATTRIBUTES": "service.name=other"])
        #expect(named?.serviceName == "frontend")
        #expect(named?.resourceAttributes.map { "\($0.key)=\($0.value)" } == ["service.name=frontend"])
    }

    @Test func resourceAttributesVariable() throws {
        let configured = try configuration(["OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod,service.name=from%2Dattrs,k8s.pod.name=p-1"])
        #expect(configured?.resourceAttributes.map { "\($0.key)=\($0.value)" }
            == ["service.name=from-attrs", "deployment.environment=prod", "k8s.pod.name=p-1"])
        #expect(error(["OTEL_RESOURCE_ATTRIBUTES": "a=1,broken"])?.description
            == "OTEL_RESOURCE_ATTRIBUTES=a=1,broken is invalid: entry 'broken' has no '='; expected key1=value1,key2=value2")
    }
}
