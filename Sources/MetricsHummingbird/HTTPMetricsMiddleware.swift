import Hummingbird
import MetricsHTTP

/// Records every request into the bundled HTTP server schema (`HTTPServerMetrics`):
/// `http_server_request_duration_seconds{http_request_method, http_route, http_response_status_code}`
/// with the matched route template (`/users/{id}`) and `http_server_active_requests{http_request_method}`.
///
/// ```swift
/// let router = Router()
/// router.add(middleware: HTTPMetricsMiddleware())
/// router.addMetricsRoute()
/// ```
///
/// The duration runs until the handler returned its response (the body may still be streaming).
/// A thrown error is recorded with its `HTTPResponseError` status, or 500.
public struct HTTPMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let recorder: HTTPServerRequestRecorder

    /// Records into `metrics` (default: `HTTPServerMetrics.shared`, on `MetricsRuntime.shared`).
    public init(metrics: HTTPServerMetrics = .shared) {
        recorder = HTTPServerRequestRecorder(metrics: metrics)
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let inFlight = recorder.start(method: request.method.rawValue)
        do {
            let response = try await next(request, context)
            recorder.finish(inFlight, route: context.endpointPath ?? "", statusCode: response.status.code)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            recorder.finish(inFlight, route: context.endpointPath ?? "", statusCode: status)
            throw error
        }
    }
}
