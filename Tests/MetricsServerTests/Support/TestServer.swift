import MetricsRuntime
import Logging
import MetricsServer
import Synchronization

/// A source whose exposition is fixed text, that can be told to fail.
final class FakeSource: MetricsExpositionSource {
    static let text = "# HELP fake_requests_total Requests.\n# TYPE fake_requests_total counter\nfake_requests_total 7\n"
    private let failing = Atomic<Bool>(false)

    func setFailing(_ value: Bool) { failing.store(value, ordering: .sequentiallyConsistent) }

    struct Failure: Error {}

    func exposition(into buffer: inout [UInt8], format: ExpositionFormat) throws {
        if failing.load(ordering: .sequentiallyConsistent) { throw Failure() }
        buffer += Array(Self.text.utf8)
        if format == .openMetrics { buffer += Array("# EOF\n".utf8) }
    }
}

/// A loopback configuration on a free port.
func loopbackConfiguration(_ adjust: (inout StatusServerConfiguration) -> Void = { _ in }) -> StatusServerConfiguration {
    var configuration = StatusServerConfiguration(port: 0, host: "127.0.0.1")
    adjust(&configuration)
    return configuration
}

struct ServerDidNotStart: Error {}

/// Starts a server on 127.0.0.1 with a free port, runs `body`, and shuts the server down even when `body` throws.
func withServer<T>(
    source: some MetricsExpositionSource = FakeSource(),
    configuration: StatusServerConfiguration = loopbackConfiguration(),
    uptime: (@Sendable () -> Duration)? = { .seconds(12) + .nanoseconds(345) },
    _ body: (MetricsServer) async throws -> T
) async throws -> T {
    var logger = Logger(label: "metrics-server-tests")
    logger.logLevel = .critical
    guard
        let server = try await MetricsServer.start(
            source: source, configuration: configuration, uptime: uptime, logger: logger
        )
    else { throw ServerDidNotStart() }
    do {
        let result = try await body(server)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Sends `request` on a fresh connection and parses the single response.
func request(_ server: MetricsServer, _ request: String, bodiless: Bool = false) async throws -> ParsedResponse {
    try ParsedResponse.parseOne(try await RawConnection.exchange(port: server.boundPort, request), bodiless: bodiless)
}

/// `GET`-style request text with `Connection: close` and the given extra header lines.
func http(_ method: String, _ path: String, _ headers: String...) -> String {
    var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for header in headers { text += header + "\r\n" }
    return text + "Connection: close\r\n\r\n"
}
