import MetricsRuntime

/// Records HTTP server requests into ``HTTPServerMetrics`` (generated from the bundled
/// `schemas/http-server.metrics.yaml`) following the OpenTelemetry HTTP server conventions in
/// Prometheus form: `http_server_request_duration_seconds{http_request_method, http_route,
/// http_response_status_code}` and `http_server_active_requests{http_request_method}`.
///
/// The Hummingbird and Vapor middleware (products `MetricsHummingbird`, `MetricsVapor`) are thin
/// adapters over this type; any other server can call ``start(method:)`` and
/// ``finish(_:route:statusCode:)`` itself.
public struct HTTPServerRequestRecorder: Sendable {
    /// Where the requests are recorded.
    public let metrics: HTTPServerMetrics

    /// A recorder into `metrics`: ``HTTPServerMetrics/shared`` (the process-wide runtime) by default,
    /// or `HTTPServerMetrics(node)` for a runtime or hierarchy node of your own.
    public init(metrics: HTTPServerMetrics = .shared) {
        self.metrics = metrics
    }

    /// A request that has started and not finished yet.
    public struct InFlight: Sendable {
        let method: HTTPServerMetrics.HttpRequestMethod
        let started: ContinuousClock.Instant
    }

    /// Counts the request as active; call ``finish(_:route:statusCode:)`` exactly once with the result.
    public func start(method: String) -> InFlight {
        let method = Self.method(method)
        metrics.httpServerActiveRequests(httpRequestMethod: method).inc()
        return InFlight(method: method, started: .now)
    }

    /// Records the finished request: its duration under the route template (`/users/{id}`, never the
    /// raw path; empty when no route matched) and status code, and counts it as no longer active.
    public func finish(_ request: InFlight, route: String, statusCode: Int) {
        let elapsed = (ContinuousClock.now - request.started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        metrics.httpServerRequestDurationSeconds(
            httpRequestMethod: request.method, httpRoute: route, httpResponseStatusCode: String(statusCode)
        ).observe(seconds)
        metrics.httpServerActiveRequests(httpRequestMethod: request.method).dec()
    }

    /// The convention's method value: one of the known methods (case-sensitive, as HTTP methods
    /// are), anything else `_OTHER`, so a client cannot create series by inventing methods.
    public static func method(_ method: String) -> HTTPServerMetrics.HttpRequestMethod {
        guard method != HTTPServerMetrics.HttpRequestMethod.other.rawValue else { return .other }
        return HTTPServerMetrics.HttpRequestMethod(rawValue: method) ?? .other
    }
}
