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
    /// The health routes report `runtime.uptime`. Unless `MetricsConfiguration.processMetrics` is
    /// false, the runtime also gets the process metrics (`MetricsRuntime.enableProcessMetrics()`). This is the one call an application needs:
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
        logger: Logger? = nil
    ) async throws -> MetricsServer? {
        if runtime.configuration.processMetrics { runtime.enableProcessMetrics() }
        return try await start(
            source: runtime.metrics, environment: environment, uptime: { runtime.uptime },
            logger: logger ?? defaultLogger(for: runtime))
    }

    /// Serves `runtime`'s whole exposition with settings given in code.
    ///
    /// - Returns: nil when ``StatusServerConfiguration/port`` is `-1`.
    public static func start(
        runtime: MetricsRuntime,
        configuration: StatusServerConfiguration,
        logger: Logger? = nil
    ) async throws -> MetricsServer? {
        if runtime.configuration.processMetrics { runtime.enableProcessMetrics() }
        return try await start(
            source: runtime.metrics, configuration: configuration, uptime: { runtime.uptime },
            logger: logger ?? defaultLogger(for: runtime))
    }

    /// The logger used when none is given: labelled by the runtime's profile, `dynamo.metrics_server`
    /// (Dynamo) or `metrics.server` (neutral).
    public static func defaultLogger(for runtime: MetricsRuntime) -> Logger {
        Logger(label: runtime.configuration.profile.loggerLabel("server"))
    }
}
