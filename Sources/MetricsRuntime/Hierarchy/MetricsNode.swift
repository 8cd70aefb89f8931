import Synchronization

/// One level of the hierarchy (root, namespace, component or endpoint): its automatic labels,
/// its children, its registrations and its callbacks.
final class MetricsNode: Sendable {
    enum Kind: Sendable { case root, namespace, component, endpoint, raw }

    let kind: Kind
    let name: String
    let core: RuntimeCore
    /// The labels every metric registered here gets, by the *kind* of each ancestor.
    let automaticLabels: [(String, String)]
    /// ``automaticLabels`` sorted by name: the fixed labels of every family registered here
    /// without constant labels, one array they all share.
    let sortedAutomaticLabels: [(String, String)]
    /// For namespaces, the dotted path from the outermost namespace (`outer.inner`).
    let namespacePath: String?

    private let children = Mutex(Children())
    private let registrations = Mutex<[FamilyCore]>([])
    private let updateCallbacks = Mutex<[@Sendable () throws -> Void]>([])
    private let textCallbacks = Mutex<[@Sendable () throws -> String]>([])
    private let engineSources = Mutex<[EngineTextSource]>([])
    /// The scrape plan of this node's subtree (``IterationPlan/current(of:)``).
    let cachedPlan = Mutex<CachedPlan?>(nil)

    private struct Children {
        var byKey: [ChildKey: AnyObject & Sendable] = [:]
        var inOrder: [MetricsNode] = []
    }

    private struct ChildKey: Hashable {
        let kind: Kind
        let name: String
    }

    /// The root of a runtime.
    init(root core: RuntimeCore) {
        kind = .root
        name = ""
        self.core = core
        namespacePath = nil
        if let id = core.configuration.instanceID {
            automaticLabels = [(core.configuration.labelNames.workerID, String(id, radix: 16))]
        } else {
            automaticLabels = []
        }
        sortedAutomaticLabels = Self.sortedByName(automaticLabels)
    }

    private init(kind: Kind, name: String, parent: MetricsNode) {
        self.kind = kind
        self.name = name
        core = parent.core
        let names = core.configuration.labelNames
        let spelling = core.configuration.hierarchyLabelValues
        var labels = parent.automaticLabels
        switch kind {
        case .root:
            namespacePath = nil
        case .raw:
            // The raw registry: Dynamo's plain `prometheus::Registry`, no automatic labels at all.
            namespacePath = nil
            labels = []
        case .namespace:
            let path = parent.namespacePath.map { "\($0).\(name)" } ?? name
            namespacePath = path
            labels.removeAll { $0.0 == names.namespace }
            labels.append((names.namespace, spelling.value(path)))
        case .component:
            namespacePath = parent.namespacePath
            labels.removeAll { $0.0 == names.component }
            labels.append((names.component, spelling.value(name)))
        case .endpoint:
            namespacePath = parent.namespacePath
            labels.removeAll { $0.0 == names.endpoint }
            labels.append((names.endpoint, spelling.value(name)))
        }
        automaticLabels = labels
        sortedAutomaticLabels = Self.sortedByName(labels)
    }

    /// `labels` sorted by name, byte for byte.
    static func sortedByName(_ labels: [(String, String)]) -> [(String, String)] {
        labels.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
    }

    /// The child of this kind and name, created on first request; `wrap` builds its public handle.
    func child<Handle: AnyObject & Sendable>(_ kind: Kind, _ name: String, wrap: (MetricsNode) -> Handle) -> Handle {
        children.withLock { children in
            let key = ChildKey(kind: kind, name: name)
            if let existing = children.byKey[key] {
                return unsafeDowncast(existing, to: Handle.self)
            }
            let node = MetricsNode(kind: kind, name: name, parent: self)
            let handle = wrap(node)
            children.byKey[key] = handle
            children.inOrder.append(node)
            core.structureChanged()
            return handle
        }
    }

    func append(_ registration: FamilyCore) {
        registrations.withLock { $0.append(registration) }
        core.structureChanged()
    }

    func addUpdateCallback(_ callback: @escaping @Sendable () throws -> Void) {
        updateCallbacks.withLock { $0.append(callback) }
        core.structureChanged()
    }

    func addTextCallback(_ callback: @escaping @Sendable () throws -> String) {
        textCallbacks.withLock { $0.append(callback) }
        core.structureChanged()
    }

    func addEngineSource(_ source: EngineTextSource) {
        engineSources.withLock { $0.append(source) }
        core.structureChanged()
    }

    /// This node and every descendant, depth first, each once.
    func subtree() -> [MetricsNode] {
        var work = 0
        return subtree(work: &work)
    }

    /// ``subtree()``, adding to `work` every array element it writes (result appends and stack
    /// pushes), so a test can check the walk stays linear: at most two writes per node. An
    /// explicit stack (children pushed in reverse so the first child comes next) replaces the
    /// insertion into the middle of the result that made large hierarchies quadratic.
    func subtree(work: inout Int) -> [MetricsNode] {
        var result = [MetricsNode]()
        var stack = [self]
        work += 1
        while let node = stack.popLast() {
            result.append(node)
            let kids = node.children.withLock { $0.inOrder }
            stack.append(contentsOf: kids.reversed())
            work += 1 + kids.count
        }
        return result
    }

    var currentRegistrations: [FamilyCore] { registrations.withLock { $0 } }
    var currentUpdateCallbacks: [@Sendable () throws -> Void] { updateCallbacks.withLock { $0 } }
    var currentTextCallbacks: [@Sendable () throws -> String] { textCallbacks.withLock { $0 } }
    var currentEngineSources: [EngineTextSource] { engineSources.withLock { $0 } }
}
