import NIOConcurrencyHelpers
import NIOCore

/// The open connections of one server: caps their number, overall and per peer address, and winds them
/// down at shutdown.
///
/// At a cap, a new connection does not get refused: the oldest connection that is not being answered
/// right now (idle, or still sending its request) is closed to make room, so a flood of idle or slow
/// connections cannot lock a scraper out. At the per-peer cap that connection is the new one's peer's
/// own oldest, so one address flooding the server cannot evict other peers' connections (a Prometheus
/// server's kept-alive one). Only when every candidate is being answered is the new one refused.
final class ConnectionRegistry: Sendable {
    /// NIO's pthread-based lock, not `Synchronization.Mutex`: ThreadSanitizer sees its happens-before
    /// edges on this toolchain, so the server suite runs under TSan without a build switch (`.ci/sanitizers.sh`).
    private let state = NIOLockedValueBox<State>(State())
    private let limit: Int
    private let perPeerLimit: Int

    private struct Entry {
        var channel: any Channel
        /// The remote IP address without the port; nil for channels without one (Unix sockets, tests).
        var peer: String?
        var order: UInt64
        var isResponding = false
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var nextOrder: UInt64 = 0
        var isClosed = false

        /// The key of the oldest connection not being answered, among those `isCandidate` accepts.
        func oldestIdle(where isCandidate: (Entry) -> Bool) -> ObjectIdentifier? {
            entries.filter { !$0.value.isResponding && isCandidate($0.value) }
                .min(by: { $0.value.order < $1.value.order })?.key
        }
    }

    /// Which cap a new connection met.
    enum Cap: Sendable {
        case connections, connectionsPerPeer
    }

    /// What ``admit(_:)`` did.
    enum Admission {
        case admitted
        /// Admitted after closing `evicted`, the oldest connection not being answered (of the same
        /// peer when `cap` is ``Cap/connectionsPerPeer``).
        case admittedByEvicting(any Channel, cap: Cap)
        case refused(Cap)
    }

    init(limit: Int, perPeerLimit: Int) {
        self.limit = limit
        self.perPeerLimit = perPeerLimit
    }

    /// Registers `channel`, making room at a cap by evicting the oldest connection not being answered.
    func admit(_ channel: any Channel) -> Admission {
        let id = ObjectIdentifier(channel)
        let peer = channel.remoteAddress?.ipAddress
        let admission = state.withLockedValue { state -> Admission in
            guard !state.isClosed else { return .refused(.connections) }
            var cap = Cap.connections
            var victim: ObjectIdentifier?
            if let peer, state.entries.values.lazy.filter({ $0.peer == peer }).count >= perPeerLimit {
                cap = .connectionsPerPeer
                guard let oldest = state.oldestIdle(where: { $0.peer == peer }) else { return .refused(cap) }
                victim = oldest
            } else if state.entries.count >= limit {
                guard let oldest = state.oldestIdle(where: { _ in true }) else { return .refused(cap) }
                victim = oldest
            }
            let evicted = victim.flatMap { state.entries.removeValue(forKey: $0)?.channel }
            state.entries[id] = Entry(channel: channel, peer: peer, order: state.nextOrder)
            state.nextOrder += 1
            return evicted.map { .admittedByEvicting($0, cap: cap) } ?? .admitted
        }
        switch admission {
        case .refused:
            return admission
        case .admittedByEvicting(let evicted, _):
            evicted.close(promise: nil)
        case .admitted:
            break
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.state.withLockedValue { _ = $0.entries.removeValue(forKey: id) }
        }
        return admission
    }

    /// Marks whether `channel` is writing an answer now (such connections are never evicted).
    func setResponding(_ channel: any Channel, _ isResponding: Bool) {
        let id = ObjectIdentifier(channel)
        state.withLockedValue { state in
            if state.entries[id] != nil { state.entries[id]?.isResponding = isResponding }
        }
    }

    /// The number of connections open now.
    var count: Int { state.withLockedValue { $0.entries.count } }

    /// Refuses new connections and asks the open ones to quiesce: idle connections close now, busy ones
    /// after their current response (NIO's `ChannelShouldQuiesceEvent`). Returns them; nil after the first call.
    func quiesceAll() -> [any Channel]? {
        let channels = state.withLockedValue { state -> [any Channel]? in
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
