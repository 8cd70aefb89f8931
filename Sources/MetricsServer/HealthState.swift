import Synchronization

/// The readiness reported by the health and liveness routes, shared between the application and the
/// server's connections.
public final class HealthState: Sendable {
    private let ready: Atomic<Bool>
    private let uptime: @Sendable () -> Duration

    /// Creates a state starting at `status`; `uptime` reports how long the process has been up.
    public init(status: StatusServerConfiguration.HealthStatus, uptime: @escaping @Sendable () -> Duration) {
        self.ready = Atomic(status == .ready)
        self.uptime = uptime
    }

    /// Whether the routes answer 200 (`ready`) rather than 503 (`notready`).
    public var isReady: Bool { ready.load(ordering: .acquiring) }

    /// The status the routes report now.
    public var status: StatusServerConfiguration.HealthStatus { isReady ? .ready : .notready }

    /// Changes the readiness reported from now on.
    public func setReady(_ isReady: Bool) {
        ready.store(isReady, ordering: .releasing)
    }

    /// Dynamo's body: `{"status":"ready","uptime":{"secs":12,"nanos":5000000}}`.
    func jsonBody() -> String {
        let (seconds, attoseconds) = uptime().components
        let nanos = attoseconds / 1_000_000_000
        return #"{"status":"\#(status.rawValue)","uptime":{"secs":\#(seconds),"nanos":\#(nanos)}}"#
    }
}
