import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The status server: `/metrics`, the health and liveness probes, over HTTP/1.1 on SwiftNIO.
///
/// Start it with ``start(source:environment:uptime:logger:)`` (Dynamo's `DYN_SYSTEM_*` variables) or
/// ``start(source:configuration:uptime:logger:)``. It serves as soon as it is returned; stop it with
/// ``shutdown()``, or hand it to a swift-service-lifecycle `ServiceGroup`, whose graceful shutdown ends
/// ``run()`` and closes the server.
public final class MetricsServer: Service, Sendable {
    /// The configuration the server was started with.
    public let configuration: StatusServerConfiguration
    /// The port actually bound: the configured one, or the one the system picked for port 0.
    public let boundPort: Int
    /// The readiness reported by the health and liveness routes.
    public let health: HealthState

    private let channel: any Channel
    private let connections: ConnectionRegistry
    private let executor: ScrapeExecutor
    private let logger: Logger

    private init(
        configuration: StatusServerConfiguration,
        boundPort: Int,
        health: HealthState,
        channel: any Channel,
        connections: ConnectionRegistry,
        executor: ScrapeExecutor,
        logger: Logger
    ) {
        self.configuration = configuration
        self.boundPort = boundPort
        self.health = health
        self.channel = channel
        self.connections = connections
        self.executor = executor
        self.logger = logger
    }

    /// Starts a server configured by `environment` (`DYN_SYSTEM_PORT` and friends).
    ///
    /// - Returns: nil when the server is disabled (`DYN_SYSTEM_PORT` unset, empty or `-1`).
    /// - Throws: ``StatusServerConfigurationError`` for an unusable variable, ``MetricsServerError`` when
    ///   the address cannot be bound.
    public static func start(
        source: some MetricsExpositionSource,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        uptime: (@Sendable () -> Duration)? = nil,
        logger: Logger = MetricsServer.defaultLogger
    ) async throws -> MetricsServer? {
        let configuration = try StatusServerConfiguration(environment: environment)
        return try await start(source: source, configuration: configuration, uptime: uptime, logger: logger)
    }

    /// Starts a server with settings given in code.
    ///
    /// - Parameters:
    ///   - source: what `/metrics` exposes (a runtime's `metrics` registry, or any other exposition source).
    ///   - configuration: port, address, limits and timeouts; its `warnings` are logged first.
    ///   - uptime: reported by the health routes; by default the time since this call.
    ///   - logger: where the server logs that it is disabled, listening, refusing connections or stopped.
    /// - Returns: nil when ``StatusServerConfiguration/port`` is `-1`.
    public static func start(
        source: some MetricsExpositionSource,
        configuration: StatusServerConfiguration,
        uptime: (@Sendable () -> Duration)? = nil,
        logger: Logger = MetricsServer.defaultLogger
    ) async throws -> MetricsServer? {
        for warning in configuration.warnings {
            logger.warning("\(warning)")
        }
        try configuration.validate()
        guard configuration.isEnabled else {
            logger.info("\(Self.disabledMessage)")
            return nil
        }
        let startedAt = ContinuousClock.now
        let health = HealthState(
            status: configuration.startingHealthStatus,
            uptime: uptime ?? { ContinuousClock.now - startedAt }
        )
        let router = StatusRouter(
            health: health,
            healthPath: configuration.healthPath,
            livePath: configuration.livePath,
            negotiation: configuration.negotiationOptions
        )
        let executor = ScrapeExecutor(source: source, threads: configuration.maxConcurrentScrapes, logger: logger)
        let connections = ConnectionRegistry(
            limit: configuration.maxConnections, perPeerLimit: configuration.maxConnectionsPerPeer
        )
        let unsent = configuration.maxUnsentResponseBytes
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: max(1, unsent / 2), high: unsent))
            .childChannelInitializer { channel in
                switch connections.admit(channel) {
                case .refused(.connections):
                    logger.warning(
                        "Refusing status connection: \(configuration.maxConnections) connections are open and all are being answered"
                    )
                    return channel.eventLoop.makeFailedFuture(MetricsServerError.tooManyConnections)
                case .refused(.connectionsPerPeer):
                    let peer = channel.remoteAddress?.ipAddress ?? "?"
                    logger.warning(
                        "Refusing status connection from \(peer): \(configuration.maxConnectionsPerPeer) connections from it are open and all are being answered"
                    )
                    return channel.eventLoop.makeFailedFuture(MetricsServerError.tooManyConnectionsFromPeer(peer))
                case .admittedByEvicting(_, cap: .connections):
                    logger.debug("Closed the oldest status connection to admit a new one (maxConnections reached)")
                case .admittedByEvicting(_, cap: .connectionsPerPeer):
                    logger.debug("Closed the peer's oldest status connection to admit its new one (maxConnectionsPerPeer reached)")
                case .admitted:
                    break
                }
                return channel.eventLoop.makeCompletedFuture {
                    try Self.configurePipeline(
                        channel, configuration: configuration, router: router, executor: executor,
                        connections: connections, logger: logger
                    )
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            await executor.shutdown(waitingAtMost: Self.shutdownGracePeriod)
            throw MetricsServerError.bindFailed(
                host: configuration.host, port: configuration.port, reason: "\(error)"
            )
        }
        let boundPort = channel.localAddress?.port ?? configuration.port
        logger.info(
            "Metrics server listening",
            metadata: ["host": "\(configuration.host)", "port": "\(boundPort)"]
        )
        return MetricsServer(
            configuration: configuration,
            boundPort: boundPort,
            health: health,
            channel: channel,
            connections: connections,
            executor: executor,
            logger: logger
        )
    }

    /// Installs the handlers of one connection (internal so the HTTP fuzz test can drive it on an EmbeddedChannel).
    static func configurePipeline(
        _ channel: any Channel,
        configuration: StatusServerConfiguration,
        router: StatusRouter,
        executor: ScrapeExecutor,
        connections: ConnectionRegistry,
        logger: Logger
    ) throws {
        let sync = channel.pipeline.syncOperations
        let idle = TimeAmount.nanoseconds(Self.nanoseconds(configuration.idleTimeout))
        try sync.addHandler(IdleStateHandler(allTimeout: idle))
        try sync.addHandler(IdleConnectionCloser())
        let requestTimeout = RequestHeadTimeout(limit: .nanoseconds(Self.nanoseconds(configuration.requestHeadTimeout)))
        try sync.addHandler(RequestHeadTimeout.ByteWatcher(requestTimeout))
        var limits = NIOHTTPDecoderLimitConfiguration()
        limits.maxHeaderListSize = configuration.maxHeaderBytes
        limits.maxHeaderFieldSize = configuration.maxHeaderBytes
        // No pipelining helper and no error handler from NIO: StatusHTTPHandler queues pipelined requests
        // itself (bounded, with backpressure) and answers a malformed one in order.
        try sync.configureHTTPServerPipeline(
            withPipeliningAssistance: false,
            withErrorHandling: false,
            withEncoderConfiguration: HTTPResponseEncoder.Configuration(),
            withDecoderLimitConfiguration: limits
        )
        let decoder = try sync.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
        try sync.addHandler(RequestHeadTimeout.HeadWatcher(requestTimeout), position: .after(decoder.handler))
        try sync.addHandler(
            StatusHTTPHandler(
                router: router,
                executor: executor,
                connections: connections,
                maxBodyBytes: configuration.maxBodyBytes,
                maxPipelinedRequests: configuration.maxPipelinedRequests,
                logger: logger
            )
        )
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? Int64.max : scaled.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }

    /// Changes the readiness reported by the health and liveness routes (200 when ready, 503 otherwise).
    public func setReady(_ isReady: Bool) {
        health.setReady(isReady)
    }

    /// The number of client connections open now.
    public var openConnections: Int { connections.count }

    /// Serves until ``shutdown()`` is called, the task is cancelled, or the `ServiceGroup` shuts down
    /// gracefully; the last two close the server.
    public func run() async throws {
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onCancelOrGracefulShutdown: {
            self.beginShutdown()
        }
        await closeConnections()
    }

    /// Stops listening, lets in-flight responses finish (at most 5 s), closes every connection and waits
    /// until they are closed.
    public func shutdown() async {
        beginShutdown()
        try? await channel.closeFuture.get()
        await closeConnections()
    }

    private func beginShutdown() {
        channel.close(promise: nil)
    }

    /// Lets in-flight responses finish, closes idle connections at once, and force-closes whatever is
    /// still open after ``shutdownGracePeriod``.
    private func closeConnections() async {
        guard let channels = connections.quiesceAll() else { return }
        let deadline = MultiThreadedEventLoopGroup.singleton.next().scheduleTask(in: Self.shutdownGracePeriod) {
            for channel in channels { channel.close(promise: nil) }
        }
        for channel in channels {
            try? await channel.closeFuture.get()
        }
        deadline.cancel()
        await executor.shutdown(waitingAtMost: Self.shutdownGracePeriod)
        logger.info("Metrics server stopped", metadata: ["port": "\(boundPort)"])
    }

    /// The one line `start` logs when the server is off.
    static let disabledMessage =
        "Metrics server is off: \(EnvironmentKey.port) is unset or -1. Set \(EnvironmentKey.port) to a port "
        + "(0 picks a free one) to serve /metrics, /health and /live."

    /// How long shutdown waits for in-flight responses before closing their connections.
    static let shutdownGracePeriod = TimeAmount.seconds(5)

    /// The logger used when none is given: label `dynamo.metrics_server`.
    public static var defaultLogger: Logger { Logger(label: "dynamo.metrics_server") }
}

/// Why the server could not start or refused a connection.
public enum MetricsServerError: Error, Hashable, CustomStringConvertible {
    /// The address could not be bound (in use, not local, or a privileged port).
    case bindFailed(host: String, port: Int, reason: String)
    /// A connection arrived while ``StatusServerConfiguration/maxConnections`` were open and every one of
    /// them was being answered (otherwise the oldest one not being answered is closed instead).
    case tooManyConnections
    /// A connection arrived from `peer` (an IP address) while ``StatusServerConfiguration/maxConnectionsPerPeer``
    /// of its connections were open and every one of them was being answered.
    case tooManyConnectionsFromPeer(String)

    /// A sentence saying what failed and how to fix it.
    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason):
            "Metrics server cannot listen on \(host):\(port): \(reason). Choose another \(EnvironmentKey.port) "
                + "(0 picks a free port) or \(EnvironmentKey.host)."
        case .tooManyConnections:
            "Metrics server refused a connection: maxConnections connections are open and all are being answered"
        case .tooManyConnectionsFromPeer(let peer):
            "Metrics server refused a connection from \(peer): maxConnectionsPerPeer connections from it are open and all are being answered"
        }
    }
}
