import MetricsRuntime

/// What the bridge does when a swift-metrics metric cannot be registered: report it with what to
/// change, and count it, so a metric missing from `/metrics` is visible on `/metrics`.
enum RegistrationFailures {
    /// The self-metric's name, after the runtime's built-in prefix.
    static let counterName = "swift_metrics_registration_failures_total"

    static func record(label: String, metric: String, error: any Error, in registry: MetricsRegistry) {
        let reason = (error as? MetricsError)?.description ?? "\(error)"
        registry.report(.swiftMetricsRegistrationFailed(label: label, metric: metric, reason: reason))
        let configuration = registry.configuration
        let prefix = configuration.profile.builtInMetricPrefix(metricPrefix: configuration.metricPrefix)
        do {
            let failures = try registry.withPrefix(prefix).makeIntCounterVec(
                counterName,
                help: "Metrics recorded through swift-metrics that could not be registered and are missing from the exposition, by swift-metrics label",
                labelNames: ["label"])
            failures.labels(label).inc()
        } catch {
            registry.report(error)
        }
    }
}
