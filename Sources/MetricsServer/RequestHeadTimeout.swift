import NIOCore
import NIOHTTP1

/// Closes a connection whose request (head and body) takes longer than a deadline to arrive, counted
/// from its first byte. The idle timeout alone cannot stop a client that trickles a byte now and then
/// ("slowloris"), nor one that sends a complete head and then its body at 1 byte/s.
///
/// Two handlers share one clock: ``RequestHeadTimeout/ByteWatcher`` sits before the HTTP decoder and
/// starts the clock at the first byte of a request; ``RequestHeadTimeout/HeadWatcher`` sits after it and
/// stops the clock when the request's end arrives. Both run on the connection's event loop.
final class RequestHeadTimeout {
    private let limit: TimeAmount
    private var deadline: Scheduled<Void>?
    private var isWaitingForHead = false

    init(limit: TimeAmount) {
        self.limit = limit
    }

    private func bytesArrived(context: ChannelHandlerContext) {
        guard !isWaitingForHead else { return }
        isWaitingForHead = true
        let channel = context.channel
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: limit) {
            channel.close(promise: nil)
        }
    }

    private func requestArrived() {
        deadline?.cancel()
        deadline = nil
    }

    private func requestEnded() {
        isWaitingForHead = false
    }

    private func cancel() {
        deadline?.cancel()
        deadline = nil
    }

    /// Watches raw bytes (before the HTTP decoder).
    final class ByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        private let clock: RequestHeadTimeout

        init(_ clock: RequestHeadTimeout) { self.clock = clock }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            clock.bytesArrived(context: context)
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            clock.cancel()
            context.fireChannelInactive()
        }
    }

    /// Watches decoded request parts (after the HTTP decoder).
    final class HeadWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias InboundOut = HTTPServerRequestPart
        private let clock: RequestHeadTimeout

        init(_ clock: RequestHeadTimeout) { self.clock = clock }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch Self.unwrapInboundIn(data) {
            case .head, .body: break
            case .end:
                clock.requestArrived()
                clock.requestEnded()
            }
            context.fireChannelRead(data)
        }
    }
}
