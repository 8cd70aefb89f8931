import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPCompression

/// gzip for `/metrics` bodies, run by the scrape executor (never on an event loop).
///
/// swift-nio-extras' `HTTPResponseCompressor` does the work (its zlib is not public on its own): one
/// response goes through it in a private `EmbeddedChannel`, which runs on the calling thread.
enum Gzip {
    /// The gzip encoding of `body`; nil if the compressor failed (the answer is then sent uncompressed).
    static func compress(_ body: ByteBuffer) -> ByteBuffer? {
        let channel = EmbeddedChannel(handler: HTTPResponseCompressor(initialByteBufferCapacity: 0))
        defer { _ = try? channel.finish() }
        do {
            var request = HTTPRequestHead(version: .http1_1, method: .GET, uri: "/")
            request.headers.add(name: "Accept-Encoding", value: "gzip")
            try channel.writeInbound(HTTPServerRequestPart.head(request))
            var head = HTTPResponseHead(version: .http1_1, status: .ok)
            head.headers.add(name: "Content-Length", value: String(body.readableBytes))
            try channel.writeOutbound(HTTPServerResponsePart.head(head))
            try channel.writeOutbound(HTTPServerResponsePart.body(.byteBuffer(body)))
            try channel.writeOutbound(HTTPServerResponsePart.end(nil))
            var output = ByteBuffer()
            var sawGzip = false
            while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
                switch part {
                case .head(let responseHead): sawGzip = responseHead.headers["content-encoding"] == ["gzip"]
                case .body(.byteBuffer(var chunk)): output.writeBuffer(&chunk)
                case .body: return nil
                case .end: break
                }
            }
            return sawGzip ? output : nil
        } catch {
            return nil
        }
    }

    /// Whether an `Accept-Encoding` header allows gzip: `gzip` (or `x-gzip`, or `*` when gzip is not
    /// named) with a `q` above 0.
    static func isAccepted(_ acceptEncoding: [String]) -> Bool {
        var gzip: Double?
        var wildcard: Double?
        for header in acceptEncoding {
            for item in header.split(separator: ",") {
                let parts = item.split(separator: ";")
                guard let first = parts.first else { continue }
                let coding = first.trimmingWhitespace().lowercased()
                var q = 1.0
                for parameter in parts.dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1)
                    if pair.count == 2, pair[0].trimmingWhitespace().lowercased() == "q" {
                        q = Double(pair[1].trimmingWhitespace()) ?? 0
                    }
                }
                if coding == "gzip" || coding == "x-gzip" { gzip = max(gzip ?? 0, q) }
                if coding == "*" { wildcard = q }
            }
        }
        return (gzip ?? wildcard ?? 0) > 0
    }
}
