import Hummingbird
import MetricsRuntime
import MetricsServer

extension RouterMethods {
    /// Serves `runtime`'s exposition at `path` on the application's own port, negotiated exactly as
    /// ``MetricsServer`` does (``ContentNegotiation/negotiate(accept:options:)``: Prometheus text
    /// 0.0.4 unless `negotiation` enables OpenMetrics).
    ///
    /// Enables the process metrics on `runtime` unless its configuration turns them off.
    @discardableResult
    public func addMetricsRoute(
        _ path: RouterPath = "/metrics", runtime: MetricsRuntime = .shared,
        negotiation: ExpositionNegotiationOptions = .init()
    ) -> Self {
        if runtime.configuration.processMetrics { runtime.enableProcessMetrics() }
        return get(path) { request, _ -> Response in
            let answer = ContentNegotiation.negotiate(accept: request.headers[values: .accept], options: negotiation)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16 * 1024)
            try runtime.metrics.exposition(into: &bytes, format: answer.format, options: answer.options)
            var headers = HTTPFields()
            headers[.contentType] = answer.contentType
            headers[.vary] = "Accept, Accept-Encoding"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
