import Yams

/// Bounds what aliases can multiply: the composed tree, counted with aliases expanded, may have at
/// most `limit` nodes.
///
/// Yams shares an anchored node between its aliases, so composing `&a [x, x]`, `&b [*a, *a]`, … is
/// cheap, but anything that walks the tree sees every copy. The loader only descends into the shapes
/// it expects, yet `metrics: [*m, *m, …]` with `m` holding `labels: *l` still multiplies. Counting
/// stops at the first node over the budget, so the check itself costs at most `limit` steps.
enum ExpansionBudget {
    /// The smallest budget: far above any real schema (the Dynamo catalog has a few thousand nodes).
    static let minimumLimit = 100_000

    /// The budget for `text`: a document without aliases has fewer nodes than bytes, so it never
    /// exceeds a budget of its own size.
    static func limit(forUTF8Count count: Int) -> Int { max(minimumLimit, count + 1) }

    /// `nil` when the expanded tree of `root` has at most `limit` nodes; otherwise the node whose
    /// children ran over the budget (a copy made by an alias keeps the mark of the anchored original,
    /// so this points into the definition that is being multiplied).
    static func exceeded(_ root: Node, limit: Int) -> Node? {
        var stack: [Node] = [root]
        var count = 1
        while let node = stack.popLast() {
            let children: [Node]
            switch node {
            case .mapping(let mapping): children = mapping.flatMap { [$0.key, $0.value] }
            case .sequence(let sequence): children = Array(sequence)
            case .scalar, .alias: children = []
            }
            count += children.count
            if count > limit { return node }
            stack.append(contentsOf: children)
        }
        return nil
    }
}
