import MetricsHTTP
import Vapor

/// Records every request into the bundled HTTP server schema (`HTTPServerMetrics`):
/// `http_server_request_duration_seconds{http_request_method, http_route, http_response_status_code}`
/// with the matched route template (Vapor's syntax, `/users/:id`) and
/// `http_server_active_requests{http_request_method}`.
///
/// ```swift
/// app.middleware.use(HTTPMetricsMiddleware(), at: .beginning)
/// app.metricsRoute()
/// ```
///
/// A thrown error is recorded with its `AbortError` status, or 500.
public struct HTTPMetricsMiddleware: AsyncMiddleware {
    let recorder: HTTPServerRequestRecorder

    /// Records into `metrics` (default: `HTTPServerMetrics.shared`, on `MetricsRuntime.shared`).
    public init(metrics: HTTPServerMetrics = .shared) {
        recorder = HTTPServerRequestRecorder(metrics: metrics)
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let inFlight = recorder.start(method: request.method.rawValue)
        do {
            let response = try await next.respond(to: request)
            recorder.finish(inFlight, route: Self.route(of: request), statusCode: Int(response.status.code))
            return response
        } catch {
            let status = (error as? any AbortError)?.status.code ?? 500
            recorder.finish(inFlight, route: Self.route(of: request), statusCode: Int(status))
            throw error
        }
    }

    /// The matched route's template, `/hello/:name`; empty when no route matched.
    static func route(of request: Request) -> String {
        guard let route = request.route else { return "" }
        return "/" + route.path.map(\.description).joined(separator: "/")
    }
}
