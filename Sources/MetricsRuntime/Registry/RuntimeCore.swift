import Synchronization

/// State shared by every node of one runtime: configuration, start time, and the table of
/// registered families that makes registration get-or-create and conflicts errors.
final class RuntimeCore: Sendable {
    let configuration: MetricsConfiguration
    let started = ContinuousClock.now
    /// `started` on the wall clock, in seconds since the Unix epoch.
    let startTime = WallClock.now()
    private let families = Mutex(FamilyTable())
    /// `<prefix>_cardinality_overflow_total`, set once the root exists.
    let overflowCounter = Mutex<IntCounterVec?>(nil)
    /// `<prefix>_engine_metrics_conflicts_total`, set once the root exists.
    let engineConflictCounter = Mutex<IntCounterVec?>(nil)
    /// The runtime's root, weakly (nodes keep the core alive, not the other way round).
    let root = Mutex(WeakNode())

    struct WeakNode {
        weak var node: MetricsNode?
    }
    /// Bumped after every new node, registration or callback, so cached scrape plans
    /// (``IterationPlan``) know when to rebuild.
    let structureGeneration = Atomic<UInt64>(0)

    func structureChanged() {
        structureGeneration.wrappingAdd(1, ordering: .releasing)
    }

    /// Whether ``MetricsRuntime/enableProcessMetrics()`` ran.
    let processMetricsEnabled = Mutex(false)

    private struct RegisteredFamily {
        /// Registrations by their fixed-label signature; the first one's descriptor is the
        /// family's (every other registration of the name has an identical one).
        var registrations: Registrations
        /// Whether a registration on the root (no hierarchy labels) and one under a namespace
        /// exist, and whether that mix was reported.
        var onRoot = false
        var underNamespace = false
        var mixReported = false

        var descriptor: MetricDescriptor { registrations.first.descriptor }

        /// Notes a registration at `node`; true the first time the family is on both levels.
        mutating func noteLevel(of node: MetricsNode) -> Bool {
            if node.kind == .root { onRoot = true } else { underNamespace = true }
            guard onRoot && underNamespace && !mixReported else { return false }
            mixReported = true
            return true
        }
    }

    /// A family's registrations by fixed-label signature (``RuntimeCore/signature(of:)``). Most
    /// names are registered once, so the first is kept beside the dictionary of the others, which
    /// stays the shared empty one (a one-entry dictionary costs ≈ 400 bytes a name); the first's
    /// signature is rendered again when asked for rather than kept. A struct, not a two-case enum:
    /// Swift may keep an enum's case in spare bits of its pointers, which LeakSanitizer cannot follow.
    private struct Registrations {
        let first: FamilyCore
        var others: [String: FamilyCore] = [:]

        subscript(signature: String) -> FamilyCore? {
            RuntimeCore.signature(of: first.fixedLabels) == signature ? first : others[signature]
        }

        /// Adds a registration whose signature is not there yet.
        mutating func add(_ core: FamilyCore, signature: String) {
            others[signature] = core
        }
    }

    private struct FamilyTable {
        var byName: [String: RegisteredFamily] = [:]

        /// The family that writes `exposed` (a sample or family name) in either format, if any;
        /// the names it could be are derived from `exposed` (``ExposedNames``), so that `h_count`
        /// next to a histogram `h` is refused at registration.
        func owner(ofExposedName exposed: String) -> MetricDescriptor? {
            for candidate in ExposedNames.possibleOwners(of: exposed) {
                if let descriptor = byName[candidate]?.descriptor, descriptor.exposedNames.contains(exposed) { return descriptor }
            }
            return nil
        }
    }

    /// The signature of a registration's fixed labels: their rendering, `a="x",b="y"` (empty
    /// values left out, as in the exposition).
    static func signature(of fixed: [(String, String)]) -> String {
        String(decoding: LabelRenderPlan(fixed: fixed, variable: []).render([]), as: UTF8.self)
    }

    /// `configuration` with a ``MetricsConfiguration/seriesLimitPerFamily`` below 1 raised to 1
    /// (``MetricsRuntime/init(configuration:)`` reports it).
    init(configuration: MetricsConfiguration) {
        var effective = configuration
        effective.seriesLimitPerFamily = max(1, configuration.seriesLimitPerFamily)
        self.configuration = effective
    }

    /// The native family that writes `name` in the exposition (a sample or family name), if any.
    func nativeOwner(ofExposedName name: String) -> String? {
        families.withLock { $0.owner(ofExposedName: name)?.name }
    }

    func report(_ error: MetricsError) {
        configuration.errorHandler(error)
    }

    /// Registers `descriptor` at `node`, or returns the identical registration made there before.
    /// `seriesLimit` overrides the configured limit (for built-in families).
    func register(
        _ descriptor: MetricDescriptor, at node: MetricsNode, constantLabels: [(String, String)],
        seriesLimit: Int? = nil
    ) throws(MetricsError) -> FamilyCore {
        // Raw registrations get no automatic labels, so those names are free there (Dynamo's
        // frontend gauges carry their own `worker_id`).
        let reserved = node.kind == .raw ? [] : configuration.labelNames.all
        try descriptor.validate(constantLabels: constantLabels, reserved: reserved)
        var automatic = Set<String>()
        for name in configuration.labelNames.all {
            guard NameRules.isValidLabelName(name), !name.hasPrefix("__") else {
                throw .invalidLabelName(name, metric: descriptor.name)
            }
            guard automatic.insert(name).inserted else { throw .duplicateLabelName(name, metric: descriptor.name) }
        }
        let fixed = constantLabels.isEmpty ? node.sortedAutomaticLabels : MetricsNode.sortedByName(node.automaticLabels + constantLabels)
        let signature = Self.signature(of: fixed)
        let nodeID = ObjectIdentifier(node)
        let limit = seriesLimit ?? configuration.seriesLimitPerFamily
        var mixed = false
        defer { if mixed { report(.mixedHierarchyRegistration(metric: descriptor.name)) } }
        return try families.withLock { table throws(MetricsError) -> FamilyCore in
            if let entry = table.byName[descriptor.name] {
                if let difference = entry.descriptor.difference(from: descriptor) {
                    throw .conflictingRegistration(metric: descriptor.name, difference: difference)
                }
                if let existing = entry.registrations[signature] {
                    guard existing.node == nodeID else {
                        throw .duplicateSeries(metric: descriptor.name, labels: signature)
                    }
                    return existing
                }
            } else {
                for exposed in descriptor.exposedNames {
                    if let owner = table.owner(ofExposedName: exposed) {
                        throw .conflictingRegistration(
                            metric: descriptor.name,
                            difference: "a name that \(owner.kind.typeName) '\(owner.name)' writes in the exposition ('\(exposed)')")
                    }
                }
            }
            let core = FamilyCore(
                descriptor: descriptor, fixedLabels: fixed, node: nodeID, limit: limit, runtime: self)
            if table.byName[descriptor.name] == nil {
                table.byName[descriptor.name] = RegisteredFamily(registrations: Registrations(first: core))
            } else {
                table.byName[descriptor.name]?.registrations.add(core, signature: signature)
            }
            mixed = table.byName[descriptor.name]?.noteLevel(of: node) ?? false
            node.append(core)
            return core
        }
    }

    /// Counts an engine metrics family that is not exposed because its name is taken (by a
    /// native family, or by another source's family of another type).
    func countEngineConflict(of name: String) {
        engineConflictCounter.withLock { $0 }?.labels(name).inc()
    }

    /// Counts a lookup of `name` sent to its overflow series.
    func countOverflow(of name: String) {
        // The overflow counter has no limit (one series per family name); never count itself.
        guard let counter = overflowCounter.withLock({ $0 }), counter.name != name else { return }
        counter.labels(name).inc()
    }
}
