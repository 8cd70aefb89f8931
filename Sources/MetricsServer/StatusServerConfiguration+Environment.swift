/// The environment variables the status server reads (Dynamo's names).
public enum EnvironmentKey {
    /// `-1` (default) disables the server, `0` picks a free port, `1...65535` binds that port.
    public static let port = "DYN_SYSTEM_PORT"
    /// The address to bind; default `0.0.0.0`.
    public static let host = "DYN_SYSTEM_HOST"
    /// The health probe path; default `/health`.
    public static let healthPath = "DYN_SYSTEM_HEALTH_PATH"
    /// The liveness probe path; default `/live`.
    public static let livePath = "DYN_SYSTEM_LIVE_PATH"
    /// `ready` or `notready` (default).
    public static let startingHealthStatus = "DYN_SYSTEM_STARTING_HEALTH_STATUS"
    /// `true` answers OpenMetrics to scrapers that prefer it; default `false` (Prometheus text only).
    public static let enableOpenMetrics = "DYN_SYSTEM_ENABLE_OPENMETRICS"
    /// `true` adds `_created` samples to OpenMetrics answers; default `false`.
    public static let enableOpenMetricsCreatedSamples = "DYN_SYSTEM_ENABLE_OPENMETRICS_CREATED_SAMPLES"
    /// Seconds without reads or completed writes before a connection is closed; default 60.
    public static let idleTimeout = "DYN_SYSTEM_IDLE_TIMEOUT_SECS"
    /// Seconds a request (head and body) may take from its first byte; default 10.
    public static let requestTimeout = "DYN_SYSTEM_REQUEST_TIMEOUT_SECS"
    /// Largest request head in bytes; default 16384.
    public static let maxHeaderBytes = "DYN_SYSTEM_MAX_HEADER_BYTES"
    /// Largest request body in bytes; default 65536.
    public static let maxBodyBytes = "DYN_SYSTEM_MAX_BODY_BYTES"
    /// Most open connections (the oldest not being answered is evicted at the cap); default 256.
    public static let maxConnections = "DYN_SYSTEM_MAX_CONNECTIONS"
    /// Most open connections from one IP address (that address's oldest not being answered is evicted at
    /// the cap); default 64.
    public static let maxConnectionsPerPeer = "DYN_SYSTEM_MAX_CONNECTIONS_PER_PEER"
    /// Most received, unanswered requests per connection; default 16.
    public static let maxPipelinedRequests = "DYN_SYSTEM_MAX_PIPELINED_REQUESTS"
    /// Unsent answer bytes per connection above which it is not read; default 65536.
    public static let maxUnsentResponseBytes = "DYN_SYSTEM_MAX_UNSENT_RESPONSE_BYTES"
    /// Most `/metrics` renderings at once; default 2.
    public static let maxConcurrentScrapes = "DYN_SYSTEM_MAX_CONCURRENT_SCRAPES"
    /// Deprecated on/off switch; accepted with a warning, it has no effect.
    public static let enabled = "DYN_SYSTEM_ENABLED"
    /// Deprecated; accepted with a warning, it has no effect.
    public static let useEndpointHealthStatus = "DYN_SYSTEM_USE_ENDPOINT_HEALTH_STATUS"

    static let portRule = "expected an integer port 0...65535 (0 picks a free port), or -1 to disable the server"
}

extension StatusServerConfiguration {
    /// Reads Dynamo's `DYN_SYSTEM_*` variables; unset and empty variables keep the defaults.
    ///
    /// Unlike Dynamo, which parses the port as a 16-bit signed integer, every port `0...65535` is
    /// accepted. Deprecated variables are accepted and reported in ``warnings``.
    ///
    /// - Throws: ``StatusServerConfigurationError`` naming the first variable whose value is unusable.
    public init(environment: [String: String]) throws(StatusServerConfigurationError) {
        self.init()
        func value(_ key: String) -> String? {
            guard let raw = environment[key], !raw.isEmpty else { return nil }
            return raw
        }
        if let raw = value(EnvironmentKey.port) {
            let trimmed = raw.trimmingWhitespace()
            guard let port = Int(trimmed), (Self.disabledPort...65535).contains(port) else {
                throw .init(variable: EnvironmentKey.port, value: raw, reason: EnvironmentKey.portRule)
            }
            self.port = port
        }
        if let raw = value(EnvironmentKey.host) {
            let host = raw.trimmingWhitespace()
            guard !host.isEmpty else {
                throw .init(variable: EnvironmentKey.host, value: raw, reason: "expected an IP address or host name")
            }
            self.host = host
        }
        if let raw = value(EnvironmentKey.healthPath) {
            if let reason = Self.problem(withPath: raw) {
                throw .init(variable: EnvironmentKey.healthPath, value: raw, reason: reason)
            }
            self.healthPath = raw
        }
        if let raw = value(EnvironmentKey.livePath) {
            if let reason = Self.problem(withPath: raw) {
                throw .init(variable: EnvironmentKey.livePath, value: raw, reason: reason)
            }
            self.livePath = raw
        }
        if let raw = value(EnvironmentKey.startingHealthStatus) {
            guard let status = HealthStatus(rawValue: raw.trimmingWhitespace().lowercased()) else {
                throw .init(
                    variable: EnvironmentKey.startingHealthStatus, value: raw, reason: "expected 'ready' or 'notready'"
                )
            }
            self.startingHealthStatus = status
        }
        for (key, property) in [
            (EnvironmentKey.enableOpenMetrics, \Self.enableOpenMetrics),
            (EnvironmentKey.enableOpenMetricsCreatedSamples, \Self.enableOpenMetricsCreatedSamples),
        ] {
            guard let raw = value(key) else { continue }
            guard let flag = Self.parseBool(raw) else {
                throw .init(variable: key, value: raw, reason: Self.booleanRule)
            }
            self[keyPath: property] = flag
        }
        for (key, property) in [
            (EnvironmentKey.idleTimeout, \Self.idleTimeout), (EnvironmentKey.requestTimeout, \Self.requestHeadTimeout),
        ] {
            guard let raw = value(key) else { continue }
            guard let seconds = Double(raw.trimmingWhitespace()), seconds > 0, seconds <= 86_400 * 365 else {
                throw .init(variable: key, value: raw, reason: "expected a positive number of seconds, e.g. 10 or 0.5")
            }
            self[keyPath: property] = .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        for (key, property) in [
            (EnvironmentKey.maxHeaderBytes, \Self.maxHeaderBytes), (EnvironmentKey.maxBodyBytes, \Self.maxBodyBytes),
            (EnvironmentKey.maxConnections, \Self.maxConnections),
            (EnvironmentKey.maxConnectionsPerPeer, \Self.maxConnectionsPerPeer),
            (EnvironmentKey.maxPipelinedRequests, \Self.maxPipelinedRequests),
            (EnvironmentKey.maxUnsentResponseBytes, \Self.maxUnsentResponseBytes),
            (EnvironmentKey.maxConcurrentScrapes, \Self.maxConcurrentScrapes),
        ] {
            guard let raw = value(key) else { continue }
            guard let limit = Int(raw.trimmingWhitespace()), limit > 0 else {
                throw .init(variable: key, value: raw, reason: "expected a positive integer")
            }
            self[keyPath: property] = limit
        }
        if let raw = value(EnvironmentKey.enabled) {
            guard Self.parseBool(raw) != nil else {
                throw .init(variable: EnvironmentKey.enabled, value: raw, reason: Self.booleanRule)
            }
            warnings.append(
                "DYN_SYSTEM_ENABLED is deprecated. System metrics server is now controlled solely by "
                    + "DYN_SYSTEM_PORT: set DYN_SYSTEM_PORT to a port (0 for a free one) to enable it, or -1 to "
                    + "disable it, and remove DYN_SYSTEM_ENABLED."
            )
        }
        if value(EnvironmentKey.useEndpointHealthStatus) != nil {
            warnings.append(
                "DYN_SYSTEM_USE_ENDPOINT_HEALTH_STATUS is deprecated and has no effect; remove it. Readiness is "
                    + "set by the application (MetricsServer.setReady) and starts at DYN_SYSTEM_STARTING_HEALTH_STATUS."
            )
        }
    }

    static let booleanRule = "expected true or false"

    static func parseBool(_ raw: String) -> Bool? {
        switch raw.trimmingWhitespace().lowercased() {
        case "true", "1", "yes", "on": true
        case "false", "0", "no", "off": false
        default: nil
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
