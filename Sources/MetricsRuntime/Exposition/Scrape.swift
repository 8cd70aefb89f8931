/// One scrape of a subtree in a text format: the family iteration written by ``FamilyWriter``,
/// then the exposition-callback text.
struct Scrape {
    let root: MetricsNode
    let format: ExpositionFormat
    var options = ExpositionOptions()

    /// Appends the scrape to `bytes`; on failure `bytes` is left as it was.
    func write(into bytes: inout [UInt8]) throws(MetricsError) {
        let start = bytes.count
        var sink = TextSink(
            writer: FamilyWriter(format: format, createdSamples: options.openMetricsCreatedSamples), bytes: bytes)
        bytes = []  // the sink owns the buffer while writing (no copy on append)
        do {
            try FamilyIteration(root: root).run(&sink)
        } catch {
            bytes = sink.bytes
            bytes.removeSubrange(start...)
            throw error
        }
        bytes = sink.bytes
        if format == .openMetrics {
            bytes.append(contentsOf: "# EOF\n".utf8)
        }
    }

    /// Writes each family of the iteration, and callback text verbatim (line-terminated).
    private struct TextSink: FamilyVisitor, ~Copyable {
        static var readsTextCallbacks: Bool { true }
        let writer: FamilyWriter
        var bytes: [UInt8]
        var values = ScratchMemory()

        mutating func visit(native cores: ArraySlice<FamilyCore>) {
            writer.write(cores, values: &values, into: &bytes)
        }

        mutating func visit(foreign family: MetricFamilySnapshot) {
            ForeignFamilyWriter(format: writer.format).write(family, into: &bytes)
        }

        mutating func visit(text: String) {
            bytes.append(contentsOf: text.utf8)
            if text.utf8.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        }
    }
}
