/// A level of the runtime hierarchy: ``MetricsRuntime`` → ``Namespace`` → ``Component`` →
/// ``Endpoint``. Every level has a ``metrics`` registry; metrics created there get the automatic
/// labels of that level, and its exposition covers it and all its descendants.
public protocol MetricsHierarchy: AnyObject, Sendable {
    /// The factory and exposition of this level.
    var metrics: MetricsRegistry { get }
}

/// A namespace: metrics created here (and below) get `dynamo_namespace="<name>"`.
///
/// Namespaces nest. A nested namespace's label value is the dotted path from the outermost one
/// (`runtime.namespace("a").namespace("b")` gives `dynamo_namespace="a.b"`), so nesting never
/// shifts the component or endpoint labels.
public final class Namespace: MetricsHierarchy {
    let node: MetricsNode

    init(node: MetricsNode) {
        self.node = node
    }

    /// The name given to ``MetricsRuntime/namespace(_:)`` or ``namespace(_:)``.
    public var name: String { node.name }

    /// The dotted path from the outermost namespace, the value of `dynamo_namespace`.
    public var path: String { node.namespacePath ?? node.name }

    /// The nested namespace with this name; asking again returns the same one.
    public func namespace(_ name: String) -> Namespace {
        node.child(.namespace, name, wrap: Namespace.init)
    }

    /// The component with this name; asking again returns the same one.
    public func component(_ name: String) -> Component {
        node.child(.component, name, wrap: Component.init)
    }

    /// The factory and exposition of this namespace.
    public var metrics: MetricsRegistry { MetricsRegistry(node: node) }
}

/// A component: metrics created here (and below) also get `dynamo_component="<name>"`.
public final class Component: MetricsHierarchy {
    let node: MetricsNode

    init(node: MetricsNode) {
        self.node = node
    }

    /// The component's name.
    public var name: String { node.name }

    /// The endpoint with this name; asking again returns the same one.
    public func endpoint(_ name: String) -> Endpoint {
        node.child(.endpoint, name, wrap: Endpoint.init)
    }

    /// The factory and exposition of this component.
    public var metrics: MetricsRegistry { MetricsRegistry(node: node) }
}

/// An endpoint: metrics created here also get `dynamo_endpoint="<name>"`.
public final class Endpoint: MetricsHierarchy {
    let node: MetricsNode

    init(node: MetricsNode) {
        self.node = node
    }

    /// The endpoint's name.
    public var name: String { node.name }

    /// The factory and exposition of this endpoint.
    public var metrics: MetricsRegistry { MetricsRegistry(node: node) }
}

/// The runtime's raw registry (``MetricsRuntime/raw``): metrics created here get no automatic
/// hierarchy labels and no `worker_id`; the label names the hierarchy reserves are free here.
public final class RawMetrics: MetricsHierarchy {
    let node: MetricsNode

    init(node: MetricsNode) {
        self.node = node
    }

    /// The factory and exposition of the raw registry.
    public var metrics: MetricsRegistry { MetricsRegistry(node: node) }
}
