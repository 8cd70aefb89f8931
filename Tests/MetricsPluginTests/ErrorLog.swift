import MetricsRuntime
import Synchronization

/// Collects the errors a runtime reports, so a test can also fail on a reported error.
final class ErrorLog: Sendable {
    private let errors = Mutex<[MetricsError]>([])

    /// Everything reported so far.
    var reported: [MetricsError] { errors.withLock { $0 } }

    /// A private runtime whose error handler appends to this log.
    func makeRuntime(instanceID: UInt64? = nil, environment: [String: String] = [:]) -> MetricsRuntime {
        var configuration = MetricsConfiguration()
        configuration.instanceID = instanceID
        configuration.environment = environment
        configuration.errorHandler = { error in self.errors.withLock { $0.append(error) } }
        return MetricsRuntime(configuration: configuration)
    }
}
