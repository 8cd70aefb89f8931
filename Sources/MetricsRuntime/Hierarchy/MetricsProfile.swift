/// Which conventions a runtime follows: NVIDIA Dynamo's, or neutral ones for any Swift service.
///
/// The profile is the one seam for Dynamo specifics in the runtime. ``MetricsConfiguration/dynamo``
/// and ``MetricsConfiguration/neutral`` are the two presets built on it:
///
/// | | `.dynamo` (the default) | `.neutral` |
/// |---|---|---|
/// | prefix of `makeCounter(…)` names | `dynamo_component` | none |
/// | hierarchy labels | `dynamo_namespace`, `dynamo_component`, `dynamo_endpoint` | `namespace`, `component`, `endpoint` |
/// | built-in metrics (runtime prefix for Dynamo) | `dynamo_component_uptime_seconds`, `dynamo_component_cardinality_overflow_total`, … | `metrics_runtime_uptime_seconds`, `metrics_runtime_cardinality_overflow_total`, … |
/// | uptime help | `Total uptime of the DistributedRuntime in seconds` | `Time since the metrics runtime started, in seconds` |
/// | logger labels | `dynamo.metrics_server` | `metrics.server` |
public enum MetricsProfile: String, Sendable, Equatable, CaseIterable {
    /// Dynamo's names, labels and help texts, byte for byte.
    case dynamo
    /// No Dynamo names anywhere: for a service that has never heard of Dynamo.
    case neutral

    /// The prefix of the runtime's own metrics (uptime, cardinality overflow, bridge conflicts)
    /// when the configured prefix is `metricPrefix`: Dynamo uses the runtime's prefix, neutral
    /// always `metrics_runtime` (a service's own names stay unprefixed, the runtime's are grouped).
    public func builtInMetricPrefix(metricPrefix: String?) -> String? {
        switch self {
        case .dynamo: metricPrefix
        case .neutral: "metrics_runtime"
        }
    }

    /// The help text of `<built-in prefix>_uptime_seconds`.
    public var uptimeHelp: String {
        switch self {
        case .dynamo: "Total uptime of the DistributedRuntime in seconds"
        case .neutral: "Time since the metrics runtime started, in seconds"
        }
    }

    /// The swift-log label for one of this package's components (`metrics_server` → `dynamo.metrics_server`
    /// or `metrics.server`).
    public func loggerLabel(_ component: String) -> String {
        switch self {
        case .dynamo: "dynamo.metrics_\(component)"
        case .neutral: "metrics.\(component)"
        }
    }
}

extension MetricsConfiguration {
    /// Dynamo's conventions (the same as `MetricsConfiguration()`): prefix `dynamo_component`,
    /// labels `dynamo_namespace` / `dynamo_component` / `dynamo_endpoint` / `worker_id`.
    public static var dynamo: MetricsConfiguration { MetricsConfiguration() }

    /// Neutral conventions for any service: no prefix, hierarchy labels `namespace` / `component` /
    /// `endpoint` / `worker_id`, built-in metrics under `metrics_runtime_`, neutral help and logger labels.
    ///
    /// Metrics created on the runtime root (and the static accessors of generated types) carry no
    /// hierarchy label at all; the labels appear only on metrics created under a namespace.
    public static var neutral: MetricsConfiguration {
        var configuration = MetricsConfiguration()
        configuration.profile = .neutral
        configuration.metricPrefix = nil
        configuration.labelNames = HierarchyLabelNames(namespace: "namespace", component: "component", endpoint: "endpoint")
        return configuration
    }
}
