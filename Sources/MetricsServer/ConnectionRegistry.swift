import NIOCore
import Synchronization

/// The open connections of one server: caps their number and winds them down at shutdown.
///
/// At the cap, a new connection does not get refused: the oldest connection that is not being answered
/// right now (idle, or still sending its request) is closed to make room, so a flood of idle or slow
/// connections cannot lock a scraper out. Only when every connection is being answered is the new one
/// refused.
final class ConnectionRegistry: Sendable {
    private let state = Mutex<State>(State())
    private let limit: Int

    private struct Entry {
        var channel: any Channel
        var order: UInt64
        var isResponding = false
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var nextOrder: UInt64 = 0
        var isClosed = false
    }

    /// What ``admit(_:)`` did.
    enum Admission {
        case admitted
        /// Admitted after closing `evicted`, the oldest connection not being answered.
        case admittedByEvicting(any Channel)
        case refused
    }

    init(limit: Int) {
        self.limit = limit
    }

    /// Registers `channel`, making room at the cap by evicting the oldest connection not being answered.
    func admit(_ channel: any Channel) -> Admission {
        let id = ObjectIdentifier(channel)
        let admission = state.withLock { state -> Admission in
            guard !state.isClosed else { return .refused }
            var evicted: (any Channel)?
            if state.entries.count >= limit {
                guard let oldest = state.entries.filter({ !$0.value.isResponding }).min(by: { $0.value.order < $1.value.order })
                else { return .refused }
                state.entries.removeValue(forKey: oldest.key)
                evicted = oldest.value.channel
            }
            state.entries[id] = Entry(channel: channel, order: state.nextOrder)
            state.nextOrder += 1
            return evicted.map { .admittedByEvicting($0) } ?? .admitted
        }
        switch admission {
        case .refused:
            return admission
        case .admittedByEvicting(let evicted):
            evicted.close(promise: nil)
        case .admitted:
            break
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.state.withLock { _ = $0.entries.removeValue(forKey: id) }
        }
        return admission
    }

    /// Marks whether `channel` is writing an answer now (such connections are never evicted).
    func setResponding(_ channel: any Channel, _ isResponding: Bool) {
        let id = ObjectIdentifier(channel)
        state.withLock { state in
            if state.entries[id] != nil { state.entries[id]?.isResponding = isResponding }
        }
    }

    /// The number of connections open now.
    var count: Int { state.withLock { $0.entries.count } }

    /// Refuses new connections and asks the open ones to quiesce: idle connections close now, busy ones
    /// after their current response (NIO's `ChannelShouldQuiesceEvent`). Returns them; nil after the first call.
    func quiesceAll() -> [any Channel]? {
        let channels = state.withLock { state -> [any Channel]? in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            return state.entries.values.map(\.channel)
        }
        for channel in channels ?? [] {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        return channels
    }
}
