import Logging
import MetricsRuntime
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Synchronization

/// Renders `/metrics` answers on the server's own threads, never on an event loop.
///
/// Scrapes that arrive while an answer in the same format is being rendered wait for that rendering
/// and share its bytes (and its gzip encoding, compressed once), so N concurrent scrapers cost one
/// rendering and at most one copy of the exposition per format. At most `threads` renderings run at
/// once; a blocked update callback therefore ties up at most those threads, while health and liveness
/// probes are answered on the event loop and never wait for them.
final class ScrapeExecutor: Sendable {
    /// The outcome of one rendering, shared by every scrape that waited for it.
    struct Rendered: Sendable {
        /// The exposition, nil when the source failed.
        var body: ByteBuffer?
        /// Its gzip encoding, when a waiter asked for it (and compression succeeded).
        var gzipped: ByteBuffer?
    }

    private struct Waiter {
        var wantsGzip: Bool
        var promise: EventLoopPromise<Rendered>
    }

    /// nil: render on the calling thread (the fuzz test's EmbeddedChannel, which is single-threaded).
    private let pool: NIOThreadPool?
    private let source: any MetricsExpositionSource
    private let logger: Logger
    /// A pthread-based lock that ThreadSanitizer sees (unlike `Synchronization.Mutex` on this toolchain).
    private let waiting = NIOLockedValueBox<[NegotiatedExposition: [Waiter]]>([:])
    /// The size of the last exposition rendered, to size the next one's buffer.
    private let previousSize = Atomic<Int>(0)

    /// - Parameter threads: the most renderings at once; 0 renders inline on the caller's thread (tests).
    init(source: any MetricsExpositionSource, threads: Int, logger: Logger) {
        self.pool = threads > 0 ? NIOThreadPool(numberOfThreads: threads) : nil
        self.source = source
        self.logger = logger
        pool?.start()
    }

    /// The answer in `exposition`, rendered (or joined) off the event loop and delivered on `eventLoop`.
    func scrape(_ exposition: NegotiatedExposition, gzip: Bool, on eventLoop: any EventLoop) -> EventLoopFuture<Rendered> {
        let promise = eventLoop.makePromise(of: Rendered.self)
        let startsRendering = waiting.withLockedValue { waiting -> Bool in
            let isFirst = waiting[exposition] == nil
            waiting[exposition, default: []].append(Waiter(wantsGzip: gzip, promise: promise))
            return isFirst
        }
        guard startsRendering else { return promise.futureResult }
        guard let pool else {
            render(exposition)
            return promise.futureResult
        }
        pool.submit { [self] state in
            guard case .active = state else {
                self.finish(exposition, with: Rendered(body: nil))
                return
            }
            self.render(exposition)
        }
        return promise.futureResult
    }

    private func render(_ exposition: NegotiatedExposition) {
        // Sized by the previous answer, so a steady registry's exposition is written in one
        // allocation, in the buffer that is sent.
        var body = ByteBufferAllocator().buffer(capacity: max(16 * 1024, previousSize.load(ordering: .relaxed) * 9 / 8))
        var rendered = Rendered(body: nil)
        do {
            try source.exposition(into: &body, format: exposition.format, options: exposition.options)
            previousSize.store(body.readableBytes, ordering: .relaxed)
            rendered.body = body
        } catch {
            logger.error("Failed to get metrics", metadata: ["error": "\(error)"])
        }
        finish(exposition, with: rendered)
    }

    /// Hands `rendered` to everyone waiting for `exposition`, compressing once if any of them wants gzip.
    private func finish(_ exposition: NegotiatedExposition, with rendered: Rendered) {
        let waiters = waiting.withLockedValue { $0.removeValue(forKey: exposition) ?? [] }
        var result = rendered
        if let body = rendered.body, waiters.contains(where: \.wantsGzip) {
            result.gzipped = Gzip.compress(body)
        }
        for waiter in waiters { waiter.promise.succeed(result) }
    }

    /// Stops the threads once the renderings in progress end, and waits until they are joined, for at
    /// most `grace`: a callback blocked longer keeps its thread, and shutdown does not hang on it. (Not
    /// waiting let a process exit with threads still unjoined, which ThreadSanitizer reports as a leak.)
    func shutdown(waitingAtMost grace: TimeAmount) async {
        guard let pool else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let pending = NIOLockedValueBox<CheckedContinuation<Void, Never>?>(continuation)
            let resume: @Sendable () -> Void = {
                pending.withLockedValue { pending -> CheckedContinuation<Void, Never>? in
                    defer { pending = nil }
                    return pending
                }?.resume()
            }
            let deadline = MultiThreadedEventLoopGroup.singleton.next().scheduleTask(in: grace) { resume() }
            pool.shutdownGracefully { _ in
                deadline.cancel()
                resume()
            }
        }
    }
}
