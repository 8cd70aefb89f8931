import Logging
import NIOConcurrencyHelpers

/// A swift-log handler that keeps every message, to check what the server logs.
struct CapturingLogHandler: LogHandler {
    final class Store: Sendable {
        let entries = NIOLockedValueBox<[(level: Logger.Level, message: String)]>([])
        var messages: [String] { entries.withLockedValue { $0.map(\.message) } }
        func messages(at level: Logger.Level) -> [String] {
            entries.withLockedValue { $0.filter { $0.level == level }.map(\.message) }
        }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.entries.withLockedValue { $0.append((event.level, "\(event.message)")) }
    }

    static func logger() -> (Logger, Store) {
        let store = Store()
        return (Logger(label: "capture") { _ in CapturingLogHandler(store: store) }, store)
    }
}
