import Synchronization

/// The root of a metrics hierarchy: `runtime.namespace("ns").component("comp").endpoint("ep")`.
///
/// Metrics created on the root carry no hierarchy labels (only `worker_id` when
/// ``MetricsConfiguration/instanceID`` is set). The root always has
/// `<built-in prefix>_uptime_seconds`, refreshed at every scrape,
/// `<built-in prefix>_cardinality_overflow_total` for families that hit their series limit, and
/// `<built-in prefix>_engine_metrics_conflicts_total` for engine families whose name is taken
/// (the prefix is ``MetricsProfile/builtInMetricPrefix(metricPrefix:)``: the runtime's prefix, or
/// `metrics_runtime` for the neutral profile).
public final class MetricsRuntime: MetricsHierarchy {
    let core: RuntimeCore
    let root: MetricsNode

    /// How this runtime names and labels metrics.
    public var configuration: MetricsConfiguration { core.configuration }

    /// Creates a runtime.
    public init(configuration: MetricsConfiguration = MetricsConfiguration()) {
        core = RuntimeCore(configuration: configuration)
        root = MetricsNode(root: core)
        do {
            try configuration.validate()
        } catch {
            core.report(error)
        }
        core.root.withLock { $0.node = root }
        installBuiltInMetrics()
    }

    /// The process-wide default runtime that generated static accessors use.
    ///
    /// It is created with the default configuration on first use, unless
    /// ``bootstrapShared(_:)`` gave another one before.
    public static var shared: MetricsRuntime {
        sharedState.withLock { state in
            if let runtime = state.runtime { return runtime }
            let runtime = MetricsRuntime(configuration: state.configuration ?? MetricsConfiguration())
            state.runtime = runtime
            return runtime
        }
    }

    /// Sets the configuration of ``shared``; call it once, before anything uses ``shared``.
    ///
    /// - Throws: ``MetricsError/sharedRuntimeAlreadyCreated`` when ``shared`` already exists.
    public static func bootstrapShared(_ configuration: MetricsConfiguration) throws(MetricsError) {
        try sharedState.withLock { state throws(MetricsError) in
            guard state.runtime == nil else { throw .sharedRuntimeAlreadyCreated }
            state.configuration = configuration
        }
    }

    private struct SharedState {
        var configuration: MetricsConfiguration?
        var runtime: MetricsRuntime?
    }

    private static let sharedState = Mutex(SharedState())

    /// The namespace with this name; asking again returns the same one.
    public func namespace(_ name: String) -> Namespace {
        root.child(.namespace, name, wrap: Namespace.init)
    }

    /// The raw registry: metrics created here carry no automatic labels (not even `worker_id`),
    /// like the families Dynamo registers on a plain `prometheus::Registry` (the frontend's
    /// `dynamo_frontend_*`, the raw work-handler histograms). They are part of the runtime's
    /// exposition; `runtime.raw.metrics.exposition()` has only them (to serve them on their own
    /// port, as Dynamo's frontend does).
    public var raw: RawMetrics { root.child(.raw, "", wrap: RawMetrics.init) }

    /// The factory and exposition of the whole runtime.
    public var metrics: MetricsRegistry { MetricsRegistry(node: root) }

    /// When the runtime was created (wall clock, seconds since the Unix epoch): the start time of
    /// every cumulative series it exports (OTLP `start_time_unix_nano`).
    public var startTime: Double { core.startTime }

    /// Time since the runtime was created.
    public var uptime: Duration { ContinuousClock.now - core.started }

    private func installBuiltInMetrics() {
        let profile = configuration.profile
        let registry = metrics.withPrefix(profile.builtInMetricPrefix(metricPrefix: configuration.metricPrefix))
        do {
            let uptime = try registry.makeGauge("uptime_seconds", help: profile.uptimeHelp)
            let started = core.started
            registry.addUpdateCallback {
                let elapsed = (ContinuousClock.now - started).components
                uptime.set(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
            }
            let overflow = try registry.makeUnlimitedIntCounterVec(
                "cardinality_overflow_total",
                help: "Label-value lookups redirected to a family's overflow series because the family reached its series limit",
                labelNames: ["metric"])
            core.overflowCounter.withLock { $0 = overflow }
            let conflicts = try registry.makeUnlimitedIntCounterVec(
                "engine_metrics_conflicts_total",
                help: "Engine metrics families not exposed because a native family, or another source's family of another type, has their name",
                labelNames: ["metric"])
            core.engineConflictCounter.withLock { $0 = conflicts }
        } catch {
            core.report(error)
        }
    }
}
