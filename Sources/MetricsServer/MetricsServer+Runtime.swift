import Logging
import MetricsRuntime

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension MetricsServer {
    /// Serves `runtime`'s whole exposition when `environment` enables the server (`DYN_SYSTEM_PORT` ≥ 0).
    ///
    /// The health routes report `runtime.uptime`. This is the one call an application needs:
    /// ```swift
    /// let server = try await MetricsServer.start(runtime: runtime)   // nil unless DYN_SYSTEM_PORT is set
    /// server?.setReady(true)
    /// ```
    /// - Returns: nil when the server is disabled.
    /// - Throws: ``StatusServerConfigurationError`` for an unusable variable, ``MetricsServerError`` when
    ///   the address cannot be bound.
    public static func start(
        runtime: MetricsRuntime,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = MetricsServer.defaultLogger
    ) async throws -> MetricsServer? {
        try await start(source: runtime.metrics, environment: environment, uptime: { runtime.uptime }, logger: logger)
    }

    /// Serves `runtime`'s whole exposition with settings given in code.
    ///
    /// - Returns: nil when ``StatusServerConfiguration/port`` is `-1`.
    public static func start(
        runtime: MetricsRuntime,
        configuration: StatusServerConfiguration,
        logger: Logger = MetricsServer.defaultLogger
    ) async throws -> MetricsServer? {
        try await start(source: runtime.metrics, configuration: configuration, uptime: { runtime.uptime }, logger: logger)
    }
}
