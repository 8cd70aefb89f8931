/// One scrape of a subtree: run the update callbacks, merge same-named families across nodes,
/// write them sorted by name, then append the exposition-callback text.
struct Scrape {
    let root: MetricsNode
    let format: ExpositionFormat
    var options = ExpositionOptions()

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
        var registrations = [FamilyCore]()
        for node in nodes { registrations.append(contentsOf: node.currentRegistrations) }
        // Families by name (byte order, stable so same-named ones keep depth-first order), then
        // each run of equal names is one family.
        registrations = FamilyCore.sortedByName(registrations)
        let writer = FamilyWriter(format: format, createdSamples: options.openMetricsCreatedSamples)
        var scratch = ScratchMemory()
        var values = ScratchMemory()
        var start = 0
        while start < registrations.count {
            var end = start + 1
            while end < registrations.count, registrations[end].descriptor.name == registrations[start].descriptor.name {
                end += 1
            }
            writer.write(registrations[start..<end], scratch: &scratch, values: &values, into: &bytes)
            start = end
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
