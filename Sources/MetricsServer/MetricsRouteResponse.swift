import MetricsRuntime
import NIOCore

/// The answer of a `/metrics` route that a web framework serves on the application's own port
/// (products `MetricsHummingbird`, `MetricsVapor`): the same negotiation and gzip as
/// ``MetricsServer``'s `/metrics`, in one place, so every route answers byte for byte alike.
///
/// ```swift
/// let answer = try MetricsRouteResponse(
///     runtime: runtime, accept: request.headers["Accept"], acceptEncoding: request.headers["Accept-Encoding"])
/// // status 200, answer.headers, answer.body
/// ```
public struct MetricsRouteResponse: Sendable {
    /// The headers to send, in order: `Content-Type`, `Vary: Accept, Accept-Encoding` and, when the
    /// body is compressed, `Content-Encoding: gzip` (the framework adds `Content-Length`).
    public var headers: [(name: String, value: String)] {
        [("Content-Type", exposition.contentType), ("Vary", Self.vary)] + (isGzipped ? [("Content-Encoding", "gzip")] : [])
    }
    /// The `Vary` header's value.
    public static let vary = "Accept, Accept-Encoding"
    /// The exposition, gzip-compressed when ``isGzipped``.
    public var body: ByteBuffer
    /// Whether ``body`` is the gzip encoding of the exposition.
    public var isGzipped: Bool
    /// The negotiated format and options.
    public var exposition: NegotiatedExposition

    /// Renders `runtime`'s exposition for a request with these `Accept` and `Accept-Encoding`
    /// headers (each header line as received; empty when absent).
    ///
    /// The format is ``ContentNegotiation/negotiate(accept:options:)``'s; the body is gzip-compressed
    /// when `Accept-Encoding` allows gzip (`gzip`, `x-gzip` or `*` with a `q` above 0) and `compress`
    /// is true (pass false for `HEAD`, whose length must be the uncompressed one). If compression
    /// fails the body is sent uncompressed.
    ///
    /// - Throws: `MetricsError` from the exposition (a failing callback under
    ///   `CallbackFailurePolicy.failScrape`); the route should answer 500.
    public init(
        runtime: MetricsRuntime, accept: [String], acceptEncoding: [String],
        negotiation: ExpositionNegotiationOptions = .init(), compress: Bool = true
    ) throws(MetricsError) {
        let exposition = ContentNegotiation.negotiate(accept: accept, options: negotiation)
        var plain = ByteBufferAllocator().buffer(capacity: 16 * 1024)
        try plain.writeExposition { (output: inout ExpositionByteBuffer) throws(MetricsError) in
            try runtime.metrics.exposition(into: &output, format: exposition.format, options: exposition.options)
        }
        if compress, Gzip.isAccepted(acceptEncoding), let gzipped = Gzip.compress(plain) {
            self.init(body: gzipped, isGzipped: true, exposition: exposition)
        } else {
            self.init(body: plain, isGzipped: false, exposition: exposition)
        }
    }

    private init(body: ByteBuffer, isGzipped: Bool, exposition: NegotiatedExposition) {
        self.body = body
        self.isGzipped = isGzipped
        self.exposition = exposition
    }
}
