import Logging
import NIOCore
import NIOHTTP1

/// The last handler of a connection: queues the requests it receives (pipelining), answers them one at
/// a time and in order, and pushes back on clients that send or read too slowly.
///
/// - Health, liveness, 404 and 405 are answered on the event loop; scrapes go to the
///   ``ScrapeExecutor`` and never block it.
/// - At most `maxPipelinedRequests` received requests wait for their answers; while that many wait, or
///   while more than the write buffer's high-water mark is unsent (the client does not read), the
///   connection stops reading and no further answer is rendered.
/// - A malformed request, an oversized body or one request too many is answered (400, 413, 429) after
///   every answer before it, then the connection is closed; nothing received before it goes unanswered.
final class StatusHTTPHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Pending {
        case request(StatusRequest, keepAlive: Bool)
        /// A final answer: after it, the connection closes.
        case reject(HTTPResponseStatus, String)
    }

    private let router: StatusRouter
    private let executor: ScrapeExecutor
    private let connections: ConnectionRegistry
    private let maxBodyBytes: Int
    private let maxPipelinedRequests: Int
    private let logger: Logger

    private var collecting: HTTPRequestHead?
    private var bodyBytes = 0
    private var queue = CircularBuffer<Pending>(initialCapacity: 4)
    private var isResponding = false
    /// No more input is taken: a final answer is queued, a request asked to close, or the server quiesces.
    private var isInputDone = false
    private var isQuiescing = false
    private var isReadHeld = false

    init(
        router: StatusRouter, executor: ScrapeExecutor, connections: ConnectionRegistry, maxBodyBytes: Int,
        maxPipelinedRequests: Int, logger: Logger
    ) {
        self.router = router
        self.executor = executor
        self.connections = connections
        self.maxBodyBytes = maxBodyBytes
        self.maxPipelinedRequests = maxPipelinedRequests
        self.logger = logger
    }

    // MARK: Input

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isInputDone else { return }
        switch Self.unwrapInboundIn(data) {
        case .head(let requestHead):
            collecting = requestHead
            bodyBytes = 0
        case .body(let chunk):
            bodyBytes += chunk.readableBytes
            if bodyBytes > maxBodyBytes {
                enqueueFinal(.payloadTooLarge, "Request body too large", context: context)
            }
        case .end:
            guard let requestHead = collecting else { return }
            collecting = nil
            guard queue.count < maxPipelinedRequests else {
                enqueueFinal(.tooManyRequests, "Too many pipelined requests", context: context)
                return
            }
            let request = StatusRequest(method: requestHead.method, uri: requestHead.uri, headers: requestHead.headers)
            queue.append(.request(request, keepAlive: requestHead.isKeepAlive))
            if !requestHead.isKeepAlive { isInputDone = true }
            processNext(context: context)
        }
    }

    private func enqueueFinal(_ status: HTTPResponseStatus, _ text: String, context: ChannelHandlerContext) {
        queue.append(.reject(status, text))
        isInputDone = true
        collecting = nil
        processNext(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError {
            // The decoder stops at a malformed request; the requests before it are still answered. After
            // a final answer is queued (or a request asked to close), later garbage changes nothing.
            if !isInputDone { enqueueFinal(.badRequest, "Bad request", context: context) }
            return
        }
        logger.debug("Closing status connection after an error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is ChannelShouldQuiesceEvent else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        isQuiescing = true
        isInputDone = true
        if !isResponding && queue.isEmpty { context.close(promise: nil) }
    }

    // MARK: Backpressure

    private var shouldHoldReads: Bool {
        isInputDone || queue.count >= maxPipelinedRequests
    }

    func read(context: ChannelHandlerContext) {
        if shouldHoldReads || !context.channel.isWritable {
            isReadHeld = true
        } else {
            context.read()
        }
    }

    private func resumeReading(context: ChannelHandlerContext) {
        guard isReadHeld, !shouldHoldReads, context.channel.isWritable else { return }
        isReadHeld = false
        context.read()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            processNext(context: context)
            resumeReading(context: context)
        }
        context.fireChannelWritabilityChanged()
    }

    // MARK: Output

    /// Starts answering the oldest queued request, unless an answer is in progress or the client has
    /// not yet read enough of the previous ones.
    private func processNext(context: ChannelHandlerContext) {
        guard !isResponding, context.channel.isActive, context.channel.isWritable, let next = queue.popFirst() else {
            return
        }
        isResponding = true
        connections.setResponding(context.channel, true)
        switch next {
        case .reject(let status, let text):
            write(StatusRouter.plain(status, text), isHead: false, keepAlive: false, context: context)
        case .request(let request, let keepAlive):
            let isHead = request.method == .HEAD
            switch router.route(request) {
            case .answer(let response):
                write(response, isHead: isHead, keepAlive: keepAlive, context: context)
            case .scrape(let exposition, let gzip):
                executor.scrape(exposition, gzip: gzip, on: context.eventLoop).assumeIsolated().whenSuccess { rendered in
                    let response = StatusRouter.metricsResponse(rendered, exposition, gzip: gzip)
                    self.write(response, isHead: isHead, keepAlive: keepAlive, context: context)
                }
            }
        }
    }

    private func write(_ response: StatusResponse, isHead: Bool, keepAlive requested: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        let keepAlive = requested && !(isQuiescing && queue.isEmpty)
        var headers = response.headers
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let responseHead = HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)
        context.write(Self.wrapOutboundOut(.head(responseHead)), promise: nil)
        if !isHead && response.body.readableBytes > 0 {
            context.write(Self.wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
        }
        let done = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
        guard keepAlive else {
            done.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        isResponding = false
        connections.setResponding(context.channel, false)
        processNext(context: context)
        resumeReading(context: context)
    }
}
