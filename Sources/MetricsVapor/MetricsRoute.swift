import MetricsRuntime
import MetricsServer
import Vapor

extension RoutesBuilder {
    /// Serves `runtime`'s exposition at `path` on the application's own port, negotiated exactly as
    /// ``MetricsServer`` does (``ContentNegotiation/negotiate(accept:options:)``), gzip-compressed
    /// when the client accepts it (through Vapor's response compressor, which the default server
    /// configuration lets a response turn on).
    ///
    /// Enables the process metrics on `runtime` unless its configuration turns them off.
    @discardableResult
    public func metricsRoute(
        _ path: PathComponent..., runtime: MetricsRuntime = .shared,
        negotiation: ExpositionNegotiationOptions = .init()
    ) -> Route {
        if runtime.configuration.processMetrics { runtime.enableProcessMetrics() }
        return get(path.isEmpty ? ["metrics"] : path) { request -> Response in
            let answer = ContentNegotiation.negotiate(accept: request.headers[.accept], options: negotiation)
            var bytes: [UInt8] = []
            bytes.reserveCapacity(16 * 1024)
            try runtime.metrics.exposition(into: &bytes, format: answer.format, options: answer.options)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: answer.contentType)
            headers.replaceOrAdd(name: .vary, value: "Accept, Accept-Encoding")
            headers.responseCompression = .enable
            return Response(status: .ok, headers: headers, body: .init(buffer: ByteBuffer(bytes: bytes)))
        }
    }
}
