/// One scrape of a subtree: run the update callbacks, merge same-named families across nodes,
/// write them sorted by name, then append the exposition-callback text.
struct Scrape {
    let root: MetricsNode
    let format: ExpositionFormat

    /// Appends the scrape to `bytes`; on failure `bytes` is left as it was.
    func write(into bytes: inout [UInt8]) throws(MetricsError) {
        let start = bytes.count
        do {
            try writeUnchecked(into: &bytes)
        } catch {
            bytes.removeSubrange(start...)
            throw error
        }
    }

    private func writeUnchecked(into bytes: inout [UInt8]) throws(MetricsError) {
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
        var groups = [String: [FamilyCore]]()
        for node in nodes {
            for registration in node.currentRegistrations {
                groups[registration.descriptor.name, default: []].append(registration)
            }
        }
        let writer = FamilyWriter(format: format)
        for name in groups.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard let cores = groups[name] else { continue }
            writer.write(cores, into: &bytes)
        }
        for node in nodes {
            for callback in node.currentTextCallbacks {
                do {
                    let text = try callback()
                    guard !text.isEmpty else { continue }
                    bytes.append(contentsOf: text.utf8)
                    if text.utf8.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
                } catch {
                    try fail(.callbackFailed(message: "exposition callback: \(error)"), policy: policy)
                }
            }
        }
        if format == .openMetrics {
            bytes.append(contentsOf: "# EOF\n".utf8)
        }
    }

    private func fail(_ error: MetricsError, policy: CallbackFailurePolicy) throws(MetricsError) {
        root.core.report(error)
        if policy == .failScrape { throw error }
    }
}
