#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How a ``MetricsRuntime`` names and labels its metrics and reports problems.
///
/// Start from a preset: ``dynamo`` (the default, also `MetricsConfiguration()`) or ``neutral``.
public struct MetricsConfiguration: Sendable {
    /// The conventions of the runtime's own metrics and log labels; see ``MetricsProfile``.
    public var profile: MetricsProfile
    /// Prepended with `_` to every metric name; `nil` for none. Default: `dynamo_component`.
    public var metricPrefix: String?
    /// The names of the automatic hierarchy labels.
    public var labelNames: HierarchyLabelNames
    /// The runtime instance; when set, every metric gets `worker_id="<lower-case hex>"`.
    public var instanceID: UInt64?
    /// The most series one labeled family may hold. Beyond it, new label combinations are
    /// recorded into one overflow series whose label values are all `__overflow__`, and
    /// `<prefix>_cardinality_overflow_total{metric="…"}` counts each redirected lookup (that
    /// counter itself has no limit: it has one series per family name).
    ///
    /// Must be at least 1: a runtime given less reports ``MetricsError/invalidSeriesLimit(_:)``
    /// to ``errorHandler`` and uses 1 (``validate()`` checks a configuration beforehand).
    public var seriesLimitPerFamily: Int
    /// Whether serving `/metrics` (`MetricsServer`, the Hummingbird and Vapor routes) enables the
    /// client_golang-compatible process metrics (`process_cpu_seconds_total`, …) on the runtime.
    /// Default `true`; see ``MetricsRuntime/enableProcessMetrics()``.
    public var processMetrics: Bool
    /// What a failing callback does to a scrape.
    public var callbackFailurePolicy: CallbackFailurePolicy
    /// Receives the problems that cannot be thrown: failing callbacks, label-count mismatches on
    /// the non-throwing lookup paths, registration conflicts met by generated code.
    /// The default writes one line to standard error.
    public var errorHandler: @Sendable (MetricsError) -> Void
    /// The environment generated types read when they are bound (log buckets with `env:`, such
    /// as Dynamo's `DYN_METRICS_TTFT_{MIN,MAX,COUNT}`). Default: the process environment when the
    /// configuration is created; replace it to configure (or test) without touching the process.
    public var environment: [String: String] = EnvironmentVariables.current()
    /// How namespace, component and endpoint names are spelled as values of the hierarchy labels.
    /// Default ``HierarchyLabelValueSpelling/verbatim``; ``HierarchyLabelValueSpelling/dynamo``
    /// for fleets that mix Swift and Rust (Dynamo) workers.
    public var hierarchyLabelValues: HierarchyLabelValueSpelling = .verbatim

    /// The defaults (``dynamo``): Dynamo's prefix and label names, no instance ID, 10,000 series per family.
    public init() {
        profile = .dynamo
        metricPrefix = PrometheusNames.Prefix.component
        labelNames = HierarchyLabelNames()
        instanceID = nil
        seriesLimitPerFamily = 10_000
        processMetrics = true
        callbackFailurePolicy = .logAndContinue
        errorHandler = { error in
            let line = "MetricsRuntime: \(error)\n"
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        }
    }
}

extension MetricsConfiguration {
    /// Checks what ``MetricsRuntime/init(configuration:)`` would otherwise correct and report.
    ///
    /// - Throws: ``MetricsError/invalidSeriesLimit(_:)`` when ``seriesLimitPerFamily`` is below 1.
    public func validate() throws(MetricsError) {
        guard seriesLimitPerFamily >= 1 else { throw .invalidSeriesLimit(seriesLimitPerFamily) }
    }
}

/// Names of the labels the hierarchy adds automatically.
public struct HierarchyLabelNames: Sendable, Equatable {
    /// Default `dynamo_namespace`.
    public var namespace: String
    /// Default `dynamo_component`.
    public var component: String
    /// Default `dynamo_endpoint`.
    public var endpoint: String
    /// Default `worker_id`.
    public var workerID: String

    /// Dynamo's label names.
    public init(
        namespace: String = PrometheusNames.Label.namespace,
        component: String = PrometheusNames.Label.component,
        endpoint: String = PrometheusNames.Label.endpoint,
        workerID: String = PrometheusNames.Label.workerID
    ) {
        self.namespace = namespace
        self.component = component
        self.endpoint = endpoint
        self.workerID = workerID
    }

    var all: [String] { [namespace, component, endpoint, workerID] }
}

/// What a failing update or exposition-text callback does to a scrape.
public enum CallbackFailurePolicy: Sendable, Equatable {
    /// Report the error to ``MetricsConfiguration/errorHandler`` and go on (Dynamo's behaviour).
    case logAndContinue
    /// Report it and fail the scrape with ``MetricsError/callbackFailed(message:)``.
    case failScrape
}

/// How hierarchy names become values of `dynamo_namespace`, `dynamo_component`, `dynamo_endpoint`.
public enum HierarchyLabelValueSpelling: Sendable, Equatable {
    /// The name exactly as given (`my-ns` stays `my-ns`): label values may hold any text.
    case verbatim
    /// As Dynamo spells them: its label-*name* sanitizer applied to the value
    /// (``sanitizePrometheusLabel(_:)``: `my-ns` → `my_ns`, `@@123` → `_123`), so Swift and Rust
    /// workers of one deployment share the values. A name the sanitizer rejects (only invalid
    /// characters, e.g. `@#$`) stays verbatim.
    case dynamo

    /// The label value for the hierarchy name `name`.
    func value(_ name: String) -> String {
        switch self {
        case .verbatim: return name
        case .dynamo: return (try? sanitizePrometheusLabel(name)) ?? name
        }
    }
}
