import MetricsRuntime
import Logging
import NIOCore
import NIOHTTP1

/// A decoded request, as much of it as the routes need.
struct StatusRequest: Sendable {
    var method: HTTPMethod
    var uri: String
    var headers: HTTPHeaders
}

/// A complete response; the handler writes it and never looks inside.
struct StatusResponse: Sendable {
    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer
}

/// What a request needs: an answer known at once (health, 404, 405), or a scrape.
enum StatusRoute: Sendable {
    case answer(StatusResponse)
    case scrape(NegotiatedExposition, gzip: Bool)
}

/// Maps requests to routes: `/metrics`, the health and liveness paths, 404 and 405.
///
/// Routing is cheap and runs on the event loop; only scrapes go to the ``ScrapeExecutor``.
struct StatusRouter: Sendable {
    let health: HealthState
    let healthPath: String
    let livePath: String
    let negotiation: ExpositionNegotiationOptions

    static let allowedMethods = "GET, HEAD"

    func route(_ request: StatusRequest) -> StatusRoute {
        let path = Self.path(of: request.uri)
        let isMetrics = path == MetricsRoutes.metricsPath
        let isHealth = path == healthPath || path == livePath
        guard isMetrics || isHealth else {
            return .answer(Self.plain(.notFound, "Route not found"))
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = Self.plain(.methodNotAllowed, "Method not allowed")
            response.headers.add(name: "Allow", value: Self.allowedMethods)
            return .answer(response)
        }
        guard isMetrics else { return .answer(healthResponse()) }
        let exposition = ContentNegotiation.negotiate(
            accept: request.headers[canonicalForm: "accept"].map(String.init), options: negotiation
        )
        // HEAD answers are never compressed, so their Content-Length is the uncompressed size.
        let gzip = request.method == .GET && Gzip.isAccepted(request.headers[canonicalForm: "accept-encoding"].map(String.init))
        return .scrape(exposition, gzip: gzip)
    }

    /// The answer to a scrape from a (shared) rendering.
    static func metricsResponse(_ rendered: ScrapeExecutor.Rendered, _ exposition: NegotiatedExposition, gzip: Bool) -> StatusResponse {
        guard let body = rendered.body else {
            return plain(.internalServerError, "Failed to get metrics")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: exposition.contentType)
        headers.add(name: "Vary", value: "Accept, Accept-Encoding")
        if gzip, let gzipped = rendered.gzipped {
            headers.add(name: "Content-Encoding", value: "gzip")
            headers.add(name: "Content-Length", value: String(gzipped.readableBytes))
            return StatusResponse(status: .ok, headers: headers, body: gzipped)
        }
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        return StatusResponse(status: .ok, headers: headers, body: body)
    }

    private func healthResponse() -> StatusResponse {
        let body = health.jsonBody()
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        let status: HTTPResponseStatus = health.isReady ? .ok : .serviceUnavailable
        return StatusResponse(status: status, headers: headers, body: ByteBuffer(string: body))
    }

    /// A short `text/plain` response.
    static func plain(_ status: HTTPResponseStatus, _ text: String) -> StatusResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        return StatusResponse(status: status, headers: headers, body: ByteBuffer(string: text))
    }

    /// The path without query string or fragment; an absolute-form target (`http://host/metrics`, as
    /// sent through proxies) is reduced to its path.
    static func path(of uri: String) -> Substring {
        var target = Substring(uri)
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let afterScheme = target.dropFirst(scheme.count)
            target = afterScheme[(afterScheme.firstIndex(of: "/") ?? afterScheme.endIndex)...]
        }
        let end = target.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? target.endIndex
        return target[..<end]
    }
}
