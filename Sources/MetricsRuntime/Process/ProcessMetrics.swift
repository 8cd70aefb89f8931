import Synchronization

/// Process metrics with Prometheus client_golang's names, types and help, so the standard
/// dashboards and alerts work unchanged:
///
/// | metric | type |
/// |---|---|
/// | `process_cpu_seconds_total` | counter |
/// | `process_resident_memory_bytes` | gauge |
/// | `process_virtual_memory_bytes` | gauge |
/// | `process_open_fds` | gauge |
/// | `process_max_fds` | gauge |
/// | `process_start_time_seconds` | gauge |
///
/// They are registered on the runtime root without prefix or hierarchy labels (only `worker_id`
/// when ``MetricsConfiguration/instanceID`` is set), refreshed before every scrape. A value the
/// platform does not provide (see ``ProcessMetricsSample``) is not registered at all.
/// `MetricsServer` and the Hummingbird and Vapor `/metrics` routes enable them unless
/// ``MetricsConfiguration/processMetrics`` is `false`.
extension MetricsRuntime {
    /// Registers the process metrics; calling it again does nothing.
    public func enableProcessMetrics() {
        enableProcessMetrics(reading: ProcessMetricsSample.current)
    }

    /// Registers the process metrics, taking values from `read` (tests give a fixed reader).
    public func enableProcessMetrics(reading read: @escaping @Sendable () -> ProcessMetricsSample) {
        let first = core.processMetricsEnabled.withLock { enabled in
            defer { enabled = true }
            return !enabled
        }
        guard first else { return }
        let registry = metrics.withPrefix(nil)
        do {
            let collector = try ProcessMetricsCollector(registry: registry, available: read())
            registry.addUpdateCallback { collector.update(read()) }
        } catch {
            core.report(error)
        }
    }
}

/// The registered instruments; a metric whose first reading was `nil` has none.
final class ProcessMetricsCollector: Sendable {
    private let cpu: Counter?
    private let gauges: [(KeyPath<ProcessMetricsSample, Double?> & Sendable, Gauge)]
    /// The CPU time already added to `cpu`, to add only the difference (counters only go up).
    private let cpuReported = Mutex<Double>(0)

    init(registry: MetricsRegistry, available sample: ProcessMetricsSample) throws(MetricsError) {
        cpu = sample.cpuSeconds == nil ? nil : try registry.makeCounter(
            "process_cpu_seconds_total", help: "Total user and system CPU time spent in seconds.")
        let definitions: [(KeyPath<ProcessMetricsSample, Double?> & Sendable, String, String)] = [
            (\.residentMemoryBytes, "process_resident_memory_bytes", "Resident memory size in bytes."),
            (\.virtualMemoryBytes, "process_virtual_memory_bytes", "Virtual memory size in bytes."),
            (\.openFileDescriptors, "process_open_fds", "Number of open file descriptors."),
            (\.maxFileDescriptors, "process_max_fds", "Maximum number of open file descriptors."),
            (\.startTimeSeconds, "process_start_time_seconds", "Start time of the process since unix epoch in seconds."),
        ]
        var gauges: [(KeyPath<ProcessMetricsSample, Double?> & Sendable, Gauge)] = []
        for (path, name, help) in definitions where sample[keyPath: path] != nil {
            gauges.append((path, try registry.makeGauge(name, help: help)))
        }
        self.gauges = gauges
        update(sample)
    }

    func update(_ sample: ProcessMetricsSample) {
        if let cpu, let seconds = sample.cpuSeconds {
            cpuReported.withLock { reported in
                guard seconds > reported else { return }
                cpu.inc(by: seconds - reported)
                reported = seconds
            }
        }
        for (path, gauge) in gauges {
            if let value = sample[keyPath: path] { gauge.set(value) }
        }
    }
}
