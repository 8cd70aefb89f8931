import NIOCore
import Synchronization

/// The open connections of one server: caps their number and closes them all at shutdown.
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

    /// Refuses new connections and closes the open ones.
    func closeAll() -> [EventLoopFuture<Void>] {
        let channels = state.withLock { state in
            state.isClosed = true
            return Array(state.channels.values)
        }
        return channels.map { $0.close() }
    }
}
