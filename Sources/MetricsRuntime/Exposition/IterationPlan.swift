import Synchronization

/// What a scrape of one subtree walks, computed from its registrations and callbacks and cached
/// until any of them changes: the nodes' callbacks and engine sources, and the families sorted by
/// name with same-named registrations grouped. A scrape of an unchanged hierarchy therefore sorts
/// nothing and takes one lock for the plan instead of several per node.
struct IterationPlan: Sendable {
    let updateCallbacks: [@Sendable () throws -> Void]
    /// Every registration of the subtree, sorted by name (byte order; same-named ones keep
    /// depth-first order).
    let registrations: [FamilyCore]
    /// Where each family (a run of equal names) ends in `registrations`, ascending.
    let familyEnds: [Int]
    let engineSources: [EngineTextSource]
    let textCallbacks: [@Sendable () throws -> String]

    /// The plan of the subtree under `root` as it is now.
    init(root: MetricsNode) {
        let nodes = root.subtree()
        var updates = [@Sendable () throws -> Void]()
        var registrations = [FamilyCore]()
        var sources = [EngineTextSource]()
        var texts = [@Sendable () throws -> String]()
        for node in nodes {
            updates.append(contentsOf: node.currentUpdateCallbacks)
            registrations.append(contentsOf: node.currentRegistrations)
            sources.append(contentsOf: node.currentEngineSources)
            texts.append(contentsOf: node.currentTextCallbacks)
        }
        registrations = FamilyCore.sortedByName(registrations)
        var ends = [Int]()
        for index in registrations.indices
        where index + 1 == registrations.count || !registrations[index + 1].nameBytes.elementsEqual(registrations[index].nameBytes) {
            ends.append(index + 1)
        }
        updateCallbacks = updates
        self.registrations = registrations
        familyEnds = ends
        engineSources = sources
        textCallbacks = texts
    }

    /// The cached plan of `root`'s subtree, rebuilt when the runtime's structure changed since.
    static func current(of root: MetricsNode) -> IterationPlan {
        // Read the generation before the structure: a change made while the plan is built bumps
        // it afterwards, so the next scrape rebuilds.
        let generation = root.core.structureGeneration.load(ordering: .acquiring)
        if let cached = root.cachedPlan.withLock({ $0 }), cached.generation == generation { return cached.plan }
        let plan = IterationPlan(root: root)
        root.cachedPlan.withLock { $0 = CachedPlan(generation: generation, plan: plan) }
        return plan
    }
}

/// A node's ``IterationPlan`` and the runtime's structure generation it was built at.
struct CachedPlan: Sendable {
    let generation: UInt64
    let plan: IterationPlan
}
