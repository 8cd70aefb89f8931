import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The last handler of a connection: collects one request, has the router answer it on the thread pool
/// (the exposition runs user callbacks, which must not block the event loop) and writes the answer.
///
/// `HTTPServerPipelineHandler` in front of it delivers one request at a time, so at most one request
/// per connection is in flight.
final class StatusHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// Marks responses the compressor may gzip; the compressor's predicate removes it again.
    static let compressibleMarker = "x-metrics-server-compressible"

    private let router: StatusRouter
    private let threadPool: NIOThreadPool
    private let maxBodyBytes: Int
    private let logger: Logger
    private var head: HTTPRequestHead?
    private var bodyBytes = 0
    private var isRejecting = false

    init(router: StatusRouter, threadPool: NIOThreadPool, maxBodyBytes: Int, logger: Logger) {
        self.router = router
        self.threadPool = threadPool
        self.maxBodyBytes = maxBodyBytes
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isRejecting else { return }
        switch Self.unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            bodyBytes = 0
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            if bodyBytes > maxBodyBytes {
                isRejecting = true
                let response = StatusRouter.plain(.payloadTooLarge, "Request body too large")
                write(response, isHead: false, keepAlive: false, context: context)
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            let request = StatusRequest(method: requestHead.method, uri: requestHead.uri, headers: requestHead.headers)
            let router = self.router
            let keepAlive = requestHead.isKeepAlive
            threadPool.runIfActive(eventLoop: context.eventLoop) { router.respond(to: request) }
                .assumeIsolated()
                .whenComplete { result in
                    let response: StatusResponse
                    switch result {
                    case .success(let answer): response = answer
                    case .failure: response = StatusRouter.plain(.serviceUnavailable, "Server shutting down")
                    }
                    self.write(response, isHead: request.method == .HEAD, keepAlive: keepAlive, context: context)
                }
        }
    }

    private func write(_ response: StatusResponse, isHead: Bool, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = response.headers
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        if response.isCompressible && !isHead { headers.add(name: Self.compressibleMarker, value: "1") }
        let responseHead = HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)
        context.write(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
        if !isHead && response.body.readableBytes > 0 {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        let done = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
        if !keepAlive {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Parse errors were already answered with 400 by HTTPServerProtocolErrorHandler.
        logger.debug("Closing status connection after an error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }
}
