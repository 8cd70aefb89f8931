/// What one walk over a subtree hands out, in exposition order.
protocol FamilyVisitor: ~Copyable {
    /// Whether the walk should call the exposition callbacks (text writers) or skip them (snapshots).
    static var readsTextCallbacks: Bool { get }
    /// One family: every same-named registration of the subtree, depth-first order.
    mutating func visit(native cores: ArraySlice<FamilyCore>)
    /// One passed-through family (``MetricsRegistry/addEngineMetrics(prefixes:labels:format:source:)``),
    /// merged by name among the native ones.
    mutating func visit(foreign family: MetricFamilySnapshot)
    /// The non-empty text of one exposition callback.
    mutating func visit(text: String)
}

/// The one family iteration behind exposition and snapshots: run the update callbacks, merge
/// same-named families across nodes, hand them out sorted by name, then the callback text.
struct FamilyIteration {
    let root: MetricsNode

    func run<Visitor: FamilyVisitor & ~Copyable>(_ visitor: inout Visitor) throws(MetricsError) {
        let policy = root.core.configuration.callbackFailurePolicy
        for callback in IterationPlan.current(of: root).updateCallbacks {
            do {
                try callback()
            } catch {
                try fail(.callbackFailed(message: "update callback: \(error)"), policy: policy)
            }
        }
        // Read after the update callbacks, which may register families (cheap when they did not:
        // the cached plan is still current).
        let plan = IterationPlan.current(of: root)
        let registrations = plan.registrations
        let foreign = plan.engineSources.isEmpty ? [] : try foreignFamilies(plan.engineSources, policy: policy)
        var next = 0
        var start = 0
        for end in plan.familyEnds {
            if next < foreign.count {
                let name = registrations[start].descriptor.name
                while next < foreign.count, foreign[next].name.utf8.lexicographicallyPrecedes(name.utf8) {
                    visitor.visit(foreign: foreign[next])
                    next += 1
                }
            }
            visitor.visit(native: registrations[start..<end])
            start = end
        }
        while next < foreign.count {
            visitor.visit(foreign: foreign[next])
            next += 1
        }
        guard Visitor.readsTextCallbacks else { return }
        for callback in plan.textCallbacks {
            do {
                let text = try callback()
                if !text.isEmpty { visitor.visit(text: text) }
            } catch {
                try fail(.callbackFailed(message: "exposition callback: \(error)"), policy: policy)
            }
        }
    }

    /// Every engine source's families, same-named ones merged, sorted by name; a family whose
    /// name a native family writes, or that another source declares with another type, is
    /// dropped and reported (once per source and family name, not at every scrape).
    private func foreignFamilies(_ sources: [EngineTextSource], policy: CallbackFailurePolicy) throws(MetricsError) -> [MetricFamilySnapshot] {
        var merged = [MetricFamilySnapshot]()
        var byName = [String: Int]()
        for source in sources {
            let text: String
            do {
                text = try source.read()
            } catch {
                try fail(.callbackFailed(message: "engine metrics source: \(error)"), policy: policy)
                continue
            }
            for family in source.families(from: text) {
                if let native = root.core.nativeOwner(ofExposedName: family.name) {
                    if source.firstConflict(family.name) {
                        root.core.countEngineConflict(of: family.name)
                        root.core.report(.conflictingRegistration(
                            metric: family.name,
                            difference: "engine metrics family '\(family.name)' has the name of native family '\(native)'; the engine's is not exposed"))
                    }
                    continue
                }
                if let index = byName[family.name] {
                    guard merged[index].kind == family.kind else {
                        if source.firstConflict(family.name) {
                            root.core.countEngineConflict(of: family.name)
                            root.core.report(.conflictingRegistration(
                                metric: family.name,
                                difference: "engine metrics family '\(family.name)' is a \(family.kind.rawValue) in one source and a \(merged[index].kind.rawValue) in another; the later is not exposed"))
                        }
                        continue
                    }
                    merged[index].series.append(contentsOf: family.series)
                } else {
                    byName[family.name] = merged.count
                    merged.append(family)
                }
            }
        }
        merged.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return merged
    }

    private func fail(_ error: MetricsError, policy: CallbackFailurePolicy) throws(MetricsError) {
        root.core.report(error)
        if policy == .failScrape { throw error }
    }
}
