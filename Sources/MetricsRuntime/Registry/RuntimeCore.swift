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

    private struct RegisteredFamily {
        let descriptor: MetricDescriptor
        /// Registrations by their fixed-label signature.
        var registrations: [String: FamilyCore]
    }

    private struct FamilyTable {
        var byName: [String: RegisteredFamily] = [:]
        /// Every name a family writes in either format (samples, OpenMetrics family name) → the
        /// family's name, so that `h_count` next to a histogram `h` is refused at registration.
        var exposedNames: [String: MetricDescriptor] = [:]
    }

    init(configuration: MetricsConfiguration) {
        self.configuration = configuration
    }

    /// The native family that writes `name` in the exposition (a sample or family name), if any.
    func nativeOwner(ofExposedName name: String) -> String? {
        families.withLock { $0.exposedNames[name]?.name }
    }

    func report(_ error: MetricsError) {
        configuration.errorHandler(error)
    }

    /// Registers `descriptor` at `node`, or returns the identical registration made there before.
    func register(
        _ descriptor: MetricDescriptor, at node: MetricsNode, constantLabels: [(String, String)]
    ) throws(MetricsError) -> FamilyCore {
        try descriptor.validate(constantLabels: constantLabels, reserved: configuration.labelNames.all)
        var automatic = Set<String>()
        for name in configuration.labelNames.all {
            guard NameRules.isValidLabelName(name), !name.hasPrefix("__") else {
                throw .invalidLabelName(name, metric: descriptor.name)
            }
            guard automatic.insert(name).inserted else { throw .duplicateLabelName(name, metric: descriptor.name) }
        }
        let fixed = (node.automaticLabels + constantLabels).sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        let signature = String(decoding: LabelRenderPlan(fixed: fixed, variable: []).render([]), as: UTF8.self)
        let nodeID = ObjectIdentifier(node)
        let limit = configuration.seriesLimitPerFamily
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
                    if let owner = table.exposedNames[exposed], owner.name != descriptor.name {
                        throw .conflictingRegistration(
                            metric: descriptor.name,
                            difference: "a name that \(owner.kind.typeName) '\(owner.name)' writes in the exposition ('\(exposed)')")
                    }
                }
                for exposed in descriptor.exposedNames { table.exposedNames[exposed] = descriptor }
            }
            let core = FamilyCore(
                descriptor: descriptor, fixedLabels: fixed, node: nodeID, limit: limit,
                onOverflow: { [weak self] name in self?.countOverflow(of: name) },
                report: { [weak self] error in self?.report(error) })
            table.byName[descriptor.name, default: RegisteredFamily(descriptor: descriptor, registrations: [:])]
                .registrations[signature] = core
            node.append(core)
            return core
        }
    }

    private func countOverflow(of name: String) {
        // The overflow counter's own overflow is not counted: that would recurse.
        guard let counter = overflowCounter.withLock({ $0 }), counter.name != name else { return }
        counter.labels(name).inc()
    }
}
