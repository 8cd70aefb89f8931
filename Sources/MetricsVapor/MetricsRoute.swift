import MetricsRuntime
import MetricsServer
import Vapor

extension RoutesBuilder {
    /// Serves `runtime`'s exposition at `path` (default `/metrics`) on the application's own port,
    /// answered exactly as `MetricsServer` answers (`MetricsRouteResponse`): Prometheus text 0.0.4
    /// unless `negotiation` enables OpenMetrics, gzip-compressed when the client's `Accept-Encoding`
    /// allows it (Vapor's own response compressor is turned off for this response, so it is never
    /// compressed twice).
    ///
    /// Enables the process metrics on `runtime` unless its configuration turns them off.
    @discardableResult
    public func metricsRoute(
        _ path: PathComponent..., runtime: MetricsRuntime = .shared,
        negotiation: ExpositionNegotiationOptions = .init()
    ) -> Route {
        if runtime.configuration.processMetrics { runtime.enableProcessMetrics() }
        return get(path.isEmpty ? ["metrics"] : path) { request -> Response in
            let answer = try MetricsRouteResponse(
                runtime: runtime, accept: request.headers[.accept], acceptEncoding: request.headers[.acceptEncoding],
                negotiation: negotiation, compress: request.method != .HEAD)
            var headers = HTTPHeaders()
            for header in answer.headers { headers.add(name: header.name, value: header.value) }
            headers.responseCompression = .disable
            return Response(status: .ok, headers: headers, body: .init(buffer: answer.body))
        }
    }
}
