/// Settings of the status server: where it listens, which paths answer health probes, and the limits
/// that protect it from slow or misbehaving clients.
///
/// Build it in code with the memberwise initializer, or from the environment exactly as Dynamo does
/// with ``init(environment:)``.
public struct StatusServerConfiguration: Sendable, Hashable {
    /// The readiness the server reports before the application changes it.
    public enum HealthStatus: String, Sendable, Hashable, CaseIterable {
        /// `/health` and `/live` answer 200.
        case ready
        /// `/health` and `/live` answer 503.
        case notready
    }

    /// The port to listen on: `-1` disables the server, `0` picks a free port (see
    /// ``MetricsServer/boundPort``), `1...65535` binds that port.
    public var port: Int
    /// The address to bind, `0.0.0.0` by default (all IPv4 interfaces).
    public var host: String
    /// The path that answers the health probe; it replaces `/health` (which then answers 404).
    public var healthPath: String
    /// The path that answers the liveness probe; it replaces `/live` (which then answers 404).
    public var livePath: String
    /// The readiness reported until the application calls ``MetricsServer/setReady(_:)``.
    public var startingHealthStatus: HealthStatus
    /// A connection that neither reads nor writes for this long is closed.
    public var idleTimeout: Duration
    /// A request, head and body, must arrive completely within this time from its first byte, or the
    /// connection is closed; this stops clients that trickle bytes (head or body) to keep it open.
    public var requestHeadTimeout: Duration
    /// The largest request head (all header names and values together) accepted; larger requests get 400.
    public var maxHeaderBytes: Int
    /// The largest request body accepted; the server needs none, so larger bodies get 413 and a close.
    public var maxBodyBytes: Int
    /// The most connections open at once. At the cap, a new connection closes the oldest one that is not
    /// being answered (idle or still sending its request); it is refused only when all are being answered.
    public var maxConnections: Int
    /// The most connections open at once from one IP address. At this cap, a new connection from that
    /// address closes that address's oldest connection not being answered, so one peer cannot hold or
    /// evict the connections of others (a Prometheus server's); it is refused only when all are being answered.
    public var maxConnectionsPerPeer: Int
    /// The most requests of one connection received and not yet answered (pipelining). While that many
    /// wait the connection is not read; one more in the same read gets 429 and a close, after the others.
    public var maxPipelinedRequests: Int
    /// While more answer bytes than this are unsent on a connection (its client does not read), the
    /// server neither reads from it nor renders its next answer (the write buffer's high-water mark).
    public var maxUnsentResponseBytes: Int
    /// The most `/metrics` renderings running at once, on the server's own threads. Scrapes arriving
    /// while one renders the same format share it. Health and liveness never wait for them.
    public var maxConcurrentScrapes: Int
    /// Answer OpenMetrics to scrapers that prefer it; off by default, so `/metrics` answers Prometheus
    /// text 0.0.4 and the names Prometheus stores are the registered ones (client_golang's default).
    public var enableOpenMetrics: Bool
    /// With ``enableOpenMetrics``, also write `_created` samples (one more series per counter and
    /// histogram series in Prometheus); off by default.
    public var enableOpenMetricsCreatedSamples: Bool
    /// Warnings produced while reading the environment (deprecated variables); the server logs them.
    public var warnings: [String]

    /// What `/metrics` may answer, for ``ContentNegotiation/negotiate(accept:options:)``.
    public var negotiationOptions: ExpositionNegotiationOptions {
        ExpositionNegotiationOptions(
            enableOpenMetrics: enableOpenMetrics, enableOpenMetricsCreatedSamples: enableOpenMetricsCreatedSamples
        )
    }

    /// The server is enabled unless ``port`` is `-1`.
    public var isEnabled: Bool { port >= 0 }

    /// The value of `DYN_SYSTEM_PORT` (and ``port``) that disables the server.
    public static let disabledPort = -1

    /// Creates a configuration in code. The defaults are Dynamo's: disabled, `0.0.0.0`, `/health`,
    /// `/live`, `notready`.
    public init(
        port: Int = StatusServerConfiguration.disabledPort,
        host: String = "0.0.0.0",
        healthPath: String = "/health",
        livePath: String = "/live",
        startingHealthStatus: HealthStatus = .notready,
        idleTimeout: Duration = .seconds(60),
        requestHeadTimeout: Duration = .seconds(10),
        maxHeaderBytes: Int = 16 * 1024,
        maxBodyBytes: Int = 64 * 1024,
        maxConnections: Int = 256,
        maxConnectionsPerPeer: Int = 64,
        maxPipelinedRequests: Int = 16,
        maxUnsentResponseBytes: Int = 64 * 1024,
        maxConcurrentScrapes: Int = 2,
        enableOpenMetrics: Bool = false,
        enableOpenMetricsCreatedSamples: Bool = false
    ) {
        self.port = port
        self.host = host
        self.healthPath = healthPath
        self.livePath = livePath
        self.startingHealthStatus = startingHealthStatus
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxConnections = maxConnections
        self.maxConnectionsPerPeer = maxConnectionsPerPeer
        self.maxPipelinedRequests = maxPipelinedRequests
        self.maxUnsentResponseBytes = maxUnsentResponseBytes
        self.maxConcurrentScrapes = maxConcurrentScrapes
        self.enableOpenMetrics = enableOpenMetrics
        self.enableOpenMetricsCreatedSamples = enableOpenMetricsCreatedSamples
        self.warnings = []
    }

    /// Checks the settings that cannot be expressed in the types: port range, path shapes and limits.
    public func validate() throws(StatusServerConfigurationError) {
        if !(Self.disabledPort...65535).contains(port) {
            throw .init(variable: EnvironmentKey.port, value: String(port), reason: EnvironmentKey.portRule)
        }
        if host.isEmpty {
            throw .init(variable: EnvironmentKey.host, value: host, reason: "the host must not be empty")
        }
        for (variable, path) in [(EnvironmentKey.healthPath, healthPath), (EnvironmentKey.livePath, livePath)] {
            if let reason = Self.problem(withPath: path) {
                throw .init(variable: variable, value: path, reason: reason)
            }
        }
        let limits: [(String, Int)] = [
            ("maxHeaderBytes", maxHeaderBytes), ("maxBodyBytes", maxBodyBytes), ("maxConnections", maxConnections),
            ("maxConnectionsPerPeer", maxConnectionsPerPeer),
            ("maxPipelinedRequests", maxPipelinedRequests), ("maxUnsentResponseBytes", maxUnsentResponseBytes),
            ("maxConcurrentScrapes", maxConcurrentScrapes),
        ]
        for (name, value) in limits where value <= 0 {
            throw .init(variable: name, value: String(value), reason: "the limit must be a positive number")
        }
        for (name, value) in [("idleTimeout", idleTimeout), ("requestHeadTimeout", requestHeadTimeout)] where value <= .zero {
            throw .init(variable: name, value: "\(value)", reason: "the timeout must be positive")
        }
    }

    static func problem(withPath path: String) -> String? {
        guard path.hasPrefix("/") else { return "the path must start with '/', for example /health" }
        if path.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace }) {
            return "the path must not contain '?', '#' or whitespace"
        }
        if path == MetricsRoutes.metricsPath { return "the path is already used by the metrics endpoint" }
        return nil
    }
}

/// A setting that cannot be used, naming the variable (or property), the value and what is expected.
public struct StatusServerConfigurationError: Error, Hashable, CustomStringConvertible {
    /// The environment variable (or configuration property) that holds the bad value.
    public var variable: String
    /// The value as given.
    public var value: String
    /// What is wrong and what would be accepted.
    public var reason: String

    /// Creates an error for `variable` holding `value`.
    public init(variable: String, value: String, reason: String) {
        self.variable = variable
        self.value = value
        self.reason = reason
    }

    /// For example `invalid DYN_SYSTEM_PORT="70000": expected an integer port 0...65535, or -1 to disable`.
    public var description: String { "invalid \(variable)=\"\(value)\": \(reason)" }
}

/// The routes whose paths are not configurable.
enum MetricsRoutes {
    static let metricsPath = "/metrics"
}
