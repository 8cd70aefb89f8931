import Hummingbird
import MetricsRuntime
import MetricsServer

extension RouterMethods {
    /// Serves `runtime`'s exposition at `path` on the application's own port, answered exactly as
    /// `MetricsServer` answers (`MetricsRouteResponse`): Prometheus text 0.0.4 unless `negotiation`
    /// enables OpenMetrics, gzip-compressed when the client's `Accept-Encoding` allows it.
    ///
    /// Enables the process metrics on `runtime` unless its configuration turns them off.
    @discardableResult
    public func addMetricsRoute(
        _ path: RouterPath = "/metrics", runtime: MetricsRuntime = .shared,
        negotiation: ExpositionNegotiationOptions = .init()
    ) -> Self {
        if runtime.configuration.processMetrics { runtime.enableProcessMetrics() }
        return get(path) { request, _ -> Response in
            let answer = try MetricsRouteResponse(
                runtime: runtime, accept: request.headers[values: .accept],
                acceptEncoding: request.headers[values: .acceptEncoding], negotiation: negotiation,
                compress: request.method != .head)
            var headers = HTTPFields()  // answer.headers, with Hummingbird's field names
            headers[.contentType] = answer.exposition.contentType
            headers[.vary] = MetricsRouteResponse.vary
            if answer.isGzipped { headers[.contentEncoding] = "gzip" }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: answer.body))
        }
    }
}
