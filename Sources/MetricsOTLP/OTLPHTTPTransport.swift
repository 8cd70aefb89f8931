import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SwiftProtobuf

/// OTLP/HTTP with binary protobuf: `POST <endpoint>` with `Content-Type: application/x-protobuf`,
/// over one process-wide AsyncHTTPClient (HTTPS when the URL says so).
struct OTLPHTTPTransport: OTLPTransport {
    let endpoint: URL
    let headers: [(name: String, value: String)]

    /// `HTTPClient.shared`'s configuration, except that a connection that cannot be established
    /// fails the export at once: AsyncHTTPClient would otherwise retry connecting until the
    /// export's deadline, so a receiver that is down held every export for its whole timeout. The
    /// exporter retries with its own backoff, as over gRPC. Never shut down (it lives as long as
    /// the process, like `HTTPClient.shared`).
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The start of an error reply kept for the log line.
    private static let maxErrorBody = 1024

    func export(
        _ request: Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceRequest, timeout: Duration
    ) async throws -> Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceResponse {
        var post = HTTPClientRequest(url: endpoint.absoluteString)
        post.method = .POST
        for header in headers { post.headers.add(name: header.name, value: header.value) }
        post.headers.replaceOrAdd(name: "Content-Type", value: "application/x-protobuf")
        let body: [UInt8] = try request.serializedBytes()
        post.body = .bytes(ByteBuffer(bytes: body))
        let response: HTTPClientResponse
        let reply: ByteBuffer
        do {
            response = try await Self.client.execute(post, timeout: .nanoseconds(timeout.nanoseconds))
            reply = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw OTLPExportError.transport("POST \(endpoint.absoluteString): \(error)")
        }
        guard (200..<300).contains(response.status.code) else {
            let text = String(buffer: reply.getSlice(at: reply.readerIndex, length: min(reply.readableBytes, Self.maxErrorBody)) ?? reply)
            throw OTLPExportError.httpStatus(code: response.status.code, body: text)
        }
        // An empty body is a valid (empty) response; a non-protobuf one (some proxies) is ignored.
        return (try? Opentelemetry_Proto_Collector_Metrics_V1_ExportMetricsServiceResponse(serializedBytes: Array(buffer: reply))) ?? .init()
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
