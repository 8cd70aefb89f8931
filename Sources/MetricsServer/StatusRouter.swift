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
    /// Whether the body may be gzip-compressed when the client allows it.
    var isCompressible: Bool = false
}

/// Maps requests to responses: `/metrics`, the health and liveness paths, 404 and 405.
///
/// It runs off the event loop because the exposition runs the source's update callbacks.
struct StatusRouter: Sendable {
    let source: any MetricsExpositionSource
    let health: HealthState
    let healthPath: String
    let livePath: String
    let negotiation: ExpositionNegotiationOptions
    let logger: Logger

    static let allowedMethods = "GET, HEAD"

    func respond(to request: StatusRequest) -> StatusResponse {
        let path = Self.path(of: request.uri)
        let isMetrics = path == MetricsRoutes.metricsPath
        let isHealth = path == healthPath || path == livePath
        guard isMetrics || isHealth else {
            return Self.plain(.notFound, "Route not found")
        }
        guard request.method == .GET || request.method == .HEAD else {
            var response = Self.plain(.methodNotAllowed, "Method not allowed")
            response.headers.add(name: "Allow", value: Self.allowedMethods)
            return response
        }
        return isMetrics ? metrics(request) : healthResponse()
    }

    private func metrics(_ request: StatusRequest) -> StatusResponse {
        let answer = ContentNegotiation.negotiate(
            accept: request.headers[canonicalForm: "accept"].map(String.init), options: negotiation
        )
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * 1024)
        do {
            try source.exposition(into: &bytes, format: answer.format, options: answer.options)
        } catch {
            logger.error("Failed to get metrics", metadata: ["error": "\(error)"])
            return Self.plain(.internalServerError, "Failed to get metrics")
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: answer.contentType)
        headers.add(name: "Vary", value: "Accept, Accept-Encoding")
        headers.add(name: "Content-Length", value: String(bytes.count))
        return StatusResponse(status: .ok, headers: headers, body: ByteBuffer(bytes: bytes), isCompressible: true)
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
