/// What one walk over a subtree hands out, in exposition order.
protocol FamilyVisitor: ~Copyable {
    /// Whether the walk should call the exposition callbacks (text writers) or skip them (snapshots).
    static var readsTextCallbacks: Bool { get }
    /// One family: every same-named registration of the subtree, depth-first order.
    mutating func visit(native cores: ArraySlice<FamilyCore>)
    /// The non-empty text of one exposition callback.
    mutating func visit(text: String)
}

/// The one family iteration behind exposition and snapshots: run the update callbacks, merge
/// same-named families across nodes, hand them out sorted by name, then the callback text.
struct FamilyIteration {
    let root: MetricsNode

    func run<Visitor: FamilyVisitor & ~Copyable>(_ visitor: inout Visitor) throws(MetricsError) {
        let nodes = root.subtree()
        let policy = root.core.configuration.callbackFailurePolicy
        for node in nodes {
            for callback in node.currentUpdateCallbacks {
                do {
                    try callback()
                } catch {
                    try fail(.callbackFailed(message: "update callback: \(error)"), policy: policy)
                }
            }
        }
        var registrations = [FamilyCore]()
        for node in nodes { registrations.append(contentsOf: node.currentRegistrations) }
        // Families by name (byte order, stable so same-named ones keep depth-first order), then
        // each run of equal names is one family.
        registrations = FamilyCore.sortedByName(registrations)
        var start = 0
        while start < registrations.count {
            var end = start + 1
            while end < registrations.count, registrations[end].descriptor.name == registrations[start].descriptor.name {
                end += 1
            }
            visitor.visit(native: registrations[start..<end])
            start = end
        }
        guard Visitor.readsTextCallbacks else { return }
        for node in nodes {
            for callback in node.currentTextCallbacks {
                do {
                    let text = try callback()
                    if !text.isEmpty { visitor.visit(text: text) }
                } catch {
                    try fail(.callbackFailed(message: "exposition callback: \(error)"), policy: policy)
                }
            }
        }
    }

    private func fail(_ error: MetricsError, policy: CallbackFailurePolicy) throws(MetricsError) {
        root.core.report(error)
        if policy == .failScrape { throw error }
    }
}
