/// One scrape of a subtree in a text format: the family iteration written by ``FamilyWriter``,
/// then the exposition-callback text.
struct Scrape {
    let root: MetricsNode
    let format: ExpositionFormat
    var options = ExpositionOptions()

    private static let eof = Array("# EOF\n".utf8)
    private static let newline = [UInt8(ascii: "\n")]

    /// Appends the scrape to `buffer`; on failure `buffer` is left as it was.
    func write<Buffer: ExpositionBuffer>(into buffer: inout Buffer) throws(MetricsError) {
        let start = buffer.writtenCount
        var sink = TextSink(writer: FamilyWriter(format: format, createdSamples: options.openMetricsCreatedSamples), buffer: Buffer())
        swap(&sink.buffer, &buffer)  // the sink owns the buffer while writing (no copy on write)
        do {
            try FamilyIteration(root: root).run(&sink)
        } catch {
            swap(&sink.buffer, &buffer)
            buffer.truncate(toCount: start)
            throw error
        }
        swap(&sink.buffer, &buffer)
        if format == .openMetrics {
            Self.eof.withUnsafeBytes { buffer.append(copying: $0) }
        }
    }

    /// Writes each family of the iteration, and callback text verbatim (line-terminated).
    private struct TextSink<Buffer: ExpositionBuffer>: FamilyVisitor, ~Copyable {
        static var readsTextCallbacks: Bool { true }
        let writer: FamilyWriter
        var buffer: Buffer
        var values = ScratchMemory()

        mutating func visit(native cores: ArraySlice<FamilyCore>) {
            writer.write(cores, values: &values, into: &buffer)
        }

        /// Passed-through families are rendered aside and copied once: they are values, not
        /// pre-rendered lines, and rare.
        mutating func visit(foreign family: MetricFamilySnapshot) {
            var bytes: [UInt8] = []
            ForeignFamilyWriter(format: writer.format).write(family, into: &bytes)
            bytes.withUnsafeBytes { buffer.append(copying: $0) }
        }

        mutating func visit(text: String) {
            var text = text
            text.withUTF8 { buffer.append(copying: UnsafeRawBufferPointer($0)) }
            if text.utf8.last != UInt8(ascii: "\n") { Scrape.newline.withUnsafeBytes { buffer.append(copying: $0) } }
        }
    }
}
