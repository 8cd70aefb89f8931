import NIOCore
import NIOPosix
import Synchronization

/// A TCP connection to 127.0.0.1 that sends raw bytes and records every byte the server sends back.
///
/// Tests talk HTTP through it byte for byte, so they see exactly what a scraper sees, including
/// responses to requests no HTTP client library would send.
final class RawConnection: Sendable {
    let channel: any Channel
    private let received: EventLoopFuture<[UInt8]>
    private let closedByTimeout = Atomic<Bool>(false)

    private init(channel: any Channel, received: EventLoopFuture<[UInt8]>) {
        self.channel = channel
        self.received = received
    }

    /// - Parameters:
    ///   - autoRead: false makes a client that never reads.
    ///   - from: the local address to connect from (any of 127.0.0.0/8 on Linux), to act as another peer.
    static func open(port: Int, autoRead: Bool = true, from localAddress: String? = nil) async throws -> RawConnection {
        // The channel, its received-bytes promise and `finish`'s timer share one event loop, so
        // the server's close is always seen before a timer that fires after it (on another loop
        // the promise's completion could lag behind the timer on a loaded machine).
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: [UInt8].self)
        let channel: any Channel
        do {
            var bootstrap = ClientBootstrap(group: loop)
                .channelOption(.autoRead, value: autoRead)
            if !autoRead {
                bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: 4096)
            }
            if let localAddress {
                bootstrap = bootstrap.bind(to: try SocketAddress(ipAddress: localAddress, port: 0))
            }
            channel = try await bootstrap
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteCollector(done: promise))
                    }
                }
                .connect(host: "127.0.0.1", port: port)
                .get()
        } catch {
            promise.fail(error)
            throw error
        }
        return RawConnection(channel: channel, received: promise.futureResult)
    }

    func send(_ text: String) async throws {
        try await send(bytes: Array(text.utf8))
    }

    func send(bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Waits until the server closes the connection, or closes it after `timeout`.
    ///
    /// The default is only a guard against a hang: under AddressSanitizer, with every suite
    /// running in parallel on 2 cores, a pipelined exchange that the server does close took
    /// longer than 10 s (a CI run reported it as not closed). Tests that need a shorter wait
    /// pass their own.
    /// - Returns: every byte received, and whether the server (not the timeout) closed the connection.
    func finish(timeout: TimeAmount = .seconds(60)) async throws -> (bytes: [UInt8], serverClosed: Bool) {
        let timer = channel.eventLoop.scheduleTask(in: timeout) {
            // Only a connection still open is closed by the timeout.
            guard self.channel.isActive else { return }
            self.closedByTimeout.store(true, ordering: .sequentiallyConsistent)
            self.channel.close(promise: nil)
        }
        let bytes = try await received.get()
        timer.cancel()
        return (bytes, !closedByTimeout.load(ordering: .sequentiallyConsistent))
    }

    /// Sends one request and returns everything received until the server closes the connection.
    static func exchange(port: Int, _ request: String) async throws -> [UInt8] {
        let connection = try await open(port: port)
        try await connection.send(request)
        // Only a guard against a hang: many exchanges at once under the sanitizers take more than 10 s.
        return try await connection.finish(timeout: .seconds(60)).bytes
    }
}

private final class ByteCollector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var bytes: [UInt8] = []
    private let done: EventLoopPromise<[UInt8]>

    init(done: EventLoopPromise<[UInt8]>) {
        self.done = done
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = Self.unwrapInboundIn(data)
        bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.succeed(bytes)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
