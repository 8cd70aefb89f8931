import MetricsServer
import Testing

@Suite struct StatusServerConfigurationTests {
    @Test func emptyEnvironmentGivesDynamoDefaults() throws {
        let configuration = try StatusServerConfiguration(environment: [:])
        #expect(configuration.port == -1)
        #expect(!configuration.isEnabled)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.healthPath == "/health")
        #expect(configuration.livePath == "/live")
        #expect(configuration.startingHealthStatus == .notready)
        #expect(configuration.warnings == [])
    }

    @Test(arguments: [("0", 0), ("9527", 9527), ("32768", 32768), ("65535", 65535), ("-1", -1), (" 8081 ", 8081)])
    func acceptsPorts(_ raw: String, _ port: Int) throws {
        let configuration = try StatusServerConfiguration(environment: ["DYN_SYSTEM_PORT": raw])
        #expect(configuration.port == port)
        #expect(configuration.isEnabled == (port >= 0))
    }

    @Test(arguments: ["70000", "65536", "-2", "abc", "80.5", "0x50"])
    func rejectsPorts(_ raw: String) {
        #expect(throws: StatusServerConfigurationError(
            variable: "DYN_SYSTEM_PORT", value: raw,
            reason: "expected an integer port 0...65535 (0 picks a free port), or -1 to disable the server"
        )) {
            try StatusServerConfiguration(environment: ["DYN_SYSTEM_PORT": raw])
        }
    }

    @Test func errorDescriptionNamesVariableAndValue() {
        let error = StatusServerConfigurationError(variable: "DYN_SYSTEM_PORT", value: "70000", reason: "expected a port")
        #expect(error.description == #"invalid DYN_SYSTEM_PORT="70000": expected a port"#)
    }

    @Test func emptyValuesAreIgnored() throws {
        let configuration = try StatusServerConfiguration(environment: [
            "DYN_SYSTEM_PORT": "", "DYN_SYSTEM_HOST": "", "DYN_SYSTEM_HEALTH_PATH": "", "DYN_SYSTEM_LIVE_PATH": "",
            "DYN_SYSTEM_STARTING_HEALTH_STATUS": "", "DYN_SYSTEM_ENABLED": "",
        ])
        #expect(configuration == StatusServerConfiguration())
    }

    @Test func readsEverySetting() throws {
        let configuration = try StatusServerConfiguration(environment: [
            "DYN_SYSTEM_PORT": "9090", "DYN_SYSTEM_HOST": "127.0.0.1", "DYN_SYSTEM_HEALTH_PATH": "/healthz",
            "DYN_SYSTEM_LIVE_PATH": "/livez", "DYN_SYSTEM_STARTING_HEALTH_STATUS": "ready",
        ])
        var expected = StatusServerConfiguration(
            port: 9090, host: "127.0.0.1", healthPath: "/healthz", livePath: "/livez", startingHealthStatus: .ready
        )
        expected.warnings = []
        #expect(configuration == expected)
    }

    @Test(arguments: [("ready", StatusServerConfiguration.HealthStatus.ready), ("READY", .ready), ("notready", .notready)])
    func startingHealthStatus(_ raw: String, _ status: StatusServerConfiguration.HealthStatus) throws {
        let configuration = try StatusServerConfiguration(environment: ["DYN_SYSTEM_STARTING_HEALTH_STATUS": raw])
        #expect(configuration.startingHealthStatus == status)
    }

    @Test func rejectsUnknownHealthStatus() {
        #expect(throws: StatusServerConfigurationError(
            variable: "DYN_SYSTEM_STARTING_HEALTH_STATUS", value: "maybe", reason: "expected 'ready' or 'notready'"
        )) {
            try StatusServerConfiguration(environment: ["DYN_SYSTEM_STARTING_HEALTH_STATUS": "maybe"])
        }
    }

    @Test(arguments: [
        ("DYN_SYSTEM_HEALTH_PATH", "healthz", "the path must start with '/', for example /health"),
        ("DYN_SYSTEM_LIVE_PATH", "/live?x", "the path must not contain '?', '#' or whitespace"),
        ("DYN_SYSTEM_HEALTH_PATH", "/metrics", "the path is already used by the metrics endpoint"),
        ("DYN_SYSTEM_MAX_CONNECTIONS", "0", "expected a positive integer"),
        ("DYN_SYSTEM_MAX_PIPELINED_REQUESTS", "many", "expected a positive integer"),
        ("DYN_SYSTEM_IDLE_TIMEOUT_SECS", "-1", "expected a positive number of seconds, e.g. 10 or 0.5"),
    ])
    func rejectsValues(_ variable: String, _ value: String, _ reason: String) {
        #expect(throws: StatusServerConfigurationError(variable: variable, value: value, reason: reason)) {
            try StatusServerConfiguration(environment: [variable: value])
        }
    }

    @Test func deprecatedEnabledIsAcceptedWithAWarningAndNoEffect() throws {
        let configuration = try StatusServerConfiguration(environment: ["DYN_SYSTEM_ENABLED": "true"])
        #expect(configuration.port == -1)
        #expect(configuration.warnings == [
            "DYN_SYSTEM_ENABLED is deprecated. System metrics server is now controlled solely by DYN_SYSTEM_PORT: "
                + "set DYN_SYSTEM_PORT to a port (0 for a free one) to enable it, or -1 to disable it, and remove "
                + "DYN_SYSTEM_ENABLED."
        ])
    }

    @Test func deprecatedEnabledMustStillBeABoolean() {
        #expect(throws: StatusServerConfigurationError(
            variable: "DYN_SYSTEM_ENABLED", value: "sometimes", reason: "expected true or false"
        )) {
            try StatusServerConfiguration(environment: ["DYN_SYSTEM_ENABLED": "sometimes"])
        }
    }

    @Test func deprecatedEndpointHealthStatusWarns() throws {
        let configuration = try StatusServerConfiguration(environment: ["DYN_SYSTEM_USE_ENDPOINT_HEALTH_STATUS": "[]"])
        #expect(configuration.warnings.count == 1)
        #expect(configuration.warnings.first?.hasPrefix("DYN_SYSTEM_USE_ENDPOINT_HEALTH_STATUS is deprecated") == true)
    }

    @Test func validateRejectsCodeSettings() {
        #expect(throws: StatusServerConfigurationError(
            variable: "DYN_SYSTEM_PORT", value: "70000",
            reason: "expected an integer port 0...65535 (0 picks a free port), or -1 to disable the server"
        )) {
            try StatusServerConfiguration(port: 70000).validate()
        }
        #expect(throws: StatusServerConfigurationError(
            variable: "maxConnections", value: "0", reason: "the limit must be a positive number"
        )) {
            try StatusServerConfiguration(port: 0, maxConnections: 0).validate()
        }
        #expect(throws: StatusServerConfigurationError(
            variable: "maxConnectionsPerPeer", value: "-1", reason: "the limit must be a positive number"
        )) {
            try StatusServerConfiguration(port: 0, maxConnectionsPerPeer: -1).validate()
        }
        #expect(throws: StatusServerConfigurationError(
            variable: "DYN_SYSTEM_MAX_CONNECTIONS_PER_PEER", value: "0", reason: "expected a positive integer"
        )) {
            try StatusServerConfiguration(environment: ["DYN_SYSTEM_MAX_CONNECTIONS_PER_PEER": "0"])
        }
    }

    @Test func openMetricsIsOffByDefault() throws {
        let configuration = try StatusServerConfiguration(environment: [:])
        #expect(!configuration.enableOpenMetrics)
        #expect(!configuration.enableOpenMetricsCreatedSamples)
        #expect(configuration.negotiationOptions == ExpositionNegotiationOptions())
    }

    @Test(arguments: [("true", true), ("1", true), ("ON", true), ("false", false), ("no", false)])
    func readsOpenMetricsSwitches(_ raw: String, _ flag: Bool) throws {
        let configuration = try StatusServerConfiguration(environment: [
            "DYN_SYSTEM_ENABLE_OPENMETRICS": raw, "DYN_SYSTEM_ENABLE_OPENMETRICS_CREATED_SAMPLES": raw,
        ])
        #expect(configuration.negotiationOptions == .init(enableOpenMetrics: flag, enableOpenMetricsCreatedSamples: flag))
    }

    @Test(arguments: ["DYN_SYSTEM_ENABLE_OPENMETRICS", "DYN_SYSTEM_ENABLE_OPENMETRICS_CREATED_SAMPLES"])
    func rejectsNonBooleanOpenMetricsSwitch(_ variable: String) {
        #expect(throws: StatusServerConfigurationError(variable: variable, value: "maybe", reason: "expected true or false")) {
            try StatusServerConfiguration(environment: [variable: "maybe"])
        }
    }

    @Test func readsEveryLimit() throws {
        let configuration = try StatusServerConfiguration(environment: [
            "DYN_SYSTEM_IDLE_TIMEOUT_SECS": "30", "DYN_SYSTEM_REQUEST_TIMEOUT_SECS": "0.5",
            "DYN_SYSTEM_MAX_HEADER_BYTES": "8192", "DYN_SYSTEM_MAX_BODY_BYTES": "1024",
            "DYN_SYSTEM_MAX_CONNECTIONS": "64", "DYN_SYSTEM_MAX_CONNECTIONS_PER_PEER": "8", "DYN_SYSTEM_MAX_PIPELINED_REQUESTS": "4",
            "DYN_SYSTEM_MAX_UNSENT_RESPONSE_BYTES": "131072", "DYN_SYSTEM_MAX_CONCURRENT_SCRAPES": "3",
        ])
        #expect(configuration == StatusServerConfiguration(
            idleTimeout: .seconds(30), requestHeadTimeout: .milliseconds(500), maxHeaderBytes: 8192, maxBodyBytes: 1024,
            maxConnections: 64, maxConnectionsPerPeer: 8, maxPipelinedRequests: 4, maxUnsentResponseBytes: 131072,
            maxConcurrentScrapes: 3
        ))
    }
}
