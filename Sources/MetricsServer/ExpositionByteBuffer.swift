import MetricsRuntime
import NIOCore

/// NIO's `ByteBuffer` as the memory a scrape writes into (`ExpositionBuffer`),
/// so a response body is the exposition as written, never a copy of it.
struct ExpositionByteBuffer: ExpositionBuffer {
    var buffer: ByteBuffer

    init() {
        buffer = ByteBuffer()
    }

    init(_ buffer: ByteBuffer) {
        self.buffer = buffer
    }

    var writtenCount: Int { buffer.writerIndex }

    mutating func appendDirectly(capacity: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        guard capacity > 0 else { return }
        // ByteBuffer grows to the next power of two, so the per-family reservations stay geometric.
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: capacity) { memory in
            min(body(UnsafeMutableRawBufferPointer(rebasing: memory[..<capacity])), capacity)
        }
    }

    mutating func truncate(toCount count: Int) {
        if count < buffer.writerIndex { buffer.moveWriterIndex(to: max(count, buffer.readerIndex)) }
    }
}

extension ByteBuffer {
    /// Appends `write`'s exposition in this buffer's own memory (no intermediate copy).
    mutating func writeExposition<Failure: Error>(_ write: (inout ExpositionByteBuffer) throws(Failure) -> Void) throws(Failure) {
        var output = ExpositionByteBuffer(self)
        self = ByteBuffer()  // the output holds the only reference while writing: no copy on write
        defer { self = output.buffer }
        try write(&output)
    }
}
