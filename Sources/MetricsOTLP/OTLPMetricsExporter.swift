import Foundation
import Logging
import MetricsRuntime
import ServiceLifecycle

/// Pushes snapshots of a metrics subtree to an OTLP receiver: a swift-service-lifecycle `Service`
/// that exports once at start, then every ``OTLPExportConfiguration/interval``, and once more on
/// graceful shutdown.
///
/// Every export takes a fresh snapshot and sends it whole (cumulative temporality, start time fixed
/// at ``startTime``): a failed export is logged and retried with exponential backoff (from
/// ``RetryPolicy/initialBackoff``, doubling, never longer than the interval), and nothing is queued,
/// because the next successful export carries the totals anyway. Recording never waits for an
/// export: a snapshot reads the instruments like a scrape does. Each export has a deadline
/// (``OTLPExportConfiguration/timeout``) covering connection, request and reply.
public final class OTLPMetricsExporter: Service, Sendable {
    /// Returns the families to export; called once per export (e.g. `{ try runtime.metrics.snapshot() }`).
    public typealias SnapshotSource = @Sendable () throws -> [MetricFamilySnapshot]

    /// How soon a failed export is retried.
    public struct RetryPolicy: Sendable, Equatable {
        /// Delay before the first retry; doubled after each failure up to the export interval.
        public var initialBackoff: Duration
        public init(initialBackoff: Duration = .seconds(1)) { self.initialBackoff = initialBackoff }
    }

    public let configuration: OTLPExportConfiguration
    /// Start of every cumulative point (`start_time_unix_nano`); fixed for the exporter's lifetime.
    public let startTime: Date
    let retry: RetryPolicy
    let snapshot: SnapshotSource
    let transport: any OTLPTransport
    let logger: Logger

    public init(
        configuration: OTLPExportConfiguration, startTime: Date, retry: RetryPolicy = .init(),
        logger: Logger = Logger(label: "MetricsOTLP"), snapshot: @escaping SnapshotSource
    ) {
        self.configuration = configuration
        self.startTime = startTime
        self.retry = retry
        self.logger = logger
        self.snapshot = snapshot
        switch configuration.protocol {
        case .grpc: transport = OTLPGRPCTransport(endpoint: configuration.endpoint, headers: configuration.headers)
        case .httpProtobuf: transport = OTLPHTTPTransport(endpoint: configuration.endpoint, headers: configuration.headers)
        }
    }

    /// Takes a snapshot and sends it now. Throws ``OTLPExportError``; ``run()`` calls this and logs.
    public func export() async throws {
        let families: [MetricFamilySnapshot]
        do { families = try snapshot() } catch { throw OTLPExportError.snapshotFailed("\(error)") }
        let request = OTLPMetricsMapping.request(
            families: families, resourceAttributes: configuration.resourceAttributes,
            startTimeUnixNano: Self.unixNanos(startTime), timeUnixNano: Self.unixNanos(Date()))
        let response = try await transport.export(request, timeout: configuration.timeout)
        if response.hasPartialSuccess, response.partialSuccess.rejectedDataPoints > 0 {
            logger.warning(
                "OTLP receiver rejected data points",
                metadata: [
                    "rejected": "\(response.partialSuccess.rejectedDataPoints)",
                    "reason": "\(response.partialSuccess.errorMessage)",
                ])
        }
    }

    /// Exports until cancelled or gracefully shut down; the graceful shutdown exports once more.
    public func run() async throws {
        var delay = Duration.zero  // the first export right away, as Dynamo's first tick
        var backoff = retry.initialBackoff
        while !Task.isCancelled {
            let wait = delay
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            } catch {
                break  // cancelled or shutting down
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            if await exportLogging(final: false) {
                delay = configuration.interval
                backoff = retry.initialBackoff
            } else {
                delay = min(backoff, configuration.interval)
                backoff = min(backoff * 2, configuration.interval)
            }
        }
        if Task.isShuttingDownGracefully, !Task.isCancelled {
            _ = await exportLogging(final: true)
        }
    }

    /// One export; a failure is logged, never thrown.
    private func exportLogging(final: Bool) async -> Bool {
        do {
            try await export()
            return true
        } catch {
            logger.warning(
                final ? "OTLP metrics final export failed" : "OTLP metrics export failed; retrying",
                metadata: ["error": "\(error)", "endpoint": "\(configuration.endpoint.absoluteString)"])
            return false
        }
    }

    static func unixNanos(_ date: Date) -> UInt64 {
        let nanos = date.timeIntervalSince1970 * 1e9
        return nanos > 0 && nanos < Double(UInt64.max) ? UInt64(nanos) : 0
    }
}
