import NIOCore
import Synchronization

/// The open connections of one server: caps their number and winds them down at shutdown.
final class ConnectionRegistry: Sendable {
    private let state = Mutex<State>(State())
    private let limit: Int

    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var isClosed = false
    }

    init(limit: Int) {
        self.limit = limit
    }

    /// Registers `channel`; false when the limit is reached or the server is shutting down.
    func admit(_ channel: any Channel) -> Bool {
        let admitted = state.withLock { state -> Bool in
            guard !state.isClosed, state.channels.count < limit else { return false }
            state.channels[ObjectIdentifier(channel)] = channel
            return true
        }
        if admitted {
            let id = ObjectIdentifier(channel)
            channel.closeFuture.whenComplete { [weak self] _ in
                self?.state.withLock { _ = $0.channels.removeValue(forKey: id) }
            }
        }
        return admitted
    }

    /// The number of connections open now.
    var count: Int { state.withLock { $0.channels.count } }

    /// Refuses new connections and asks the open ones to quiesce: idle connections close now, busy ones
    /// after their current response (NIO's `ChannelShouldQuiesceEvent`). Returns them; nil after the first call.
    func quiesceAll() -> [any Channel]? {
        let channels = state.withLock { state -> [any Channel]? in
            guard !state.isClosed else { return nil }
            state.isClosed = true
            return Array(state.channels.values)
        }
        for channel in channels ?? [] {
            channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
        }
        return channels
    }
}
