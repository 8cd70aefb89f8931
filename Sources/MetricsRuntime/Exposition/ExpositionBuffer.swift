/// A growable byte buffer that a scrape writes its text into directly: each family is written
/// once, into the buffer's own memory, where it stays.
///
/// `[UInt8]` conforms. MetricsServer writes straight into NIO's `ByteBuffer` through this
/// protocol, so the body a scrape answers with is the memory the exposition was written in, not a
/// copy of it. Conform a buffer type of your own (a file's mapped memory, another I/O library's
/// buffer) the same way.
public protocol ExpositionBuffer {
    /// An empty buffer.
    init()

    /// The number of bytes written to the buffer so far.
    var writtenCount: Int { get }

    /// Lets `body` write up to `capacity` bytes into uninitialized memory at the end of the buffer
    /// and keeps the first bytes, as many as `body` returns (at most `capacity`).
    ///
    /// The memory handed to `body` must hold at least `capacity` bytes; if it holds fewer, the
    /// scrape's text is cut to what it holds (never written past it).
    ///
    /// Grow geometrically when the buffer is short: a scrape calls this once per family with a
    /// bound on what the family writes, and keeps only what it wrote.
    mutating func appendDirectly(capacity: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int)

    /// Drops every byte after the first `count` (a failed scrape leaves the buffer as it was).
    mutating func truncate(toCount count: Int)
}

extension ExpositionBuffer {
    /// Appends `bytes` with one copy.
    mutating func append(copying bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        appendDirectly(capacity: bytes.count) { target in
            let kept = Swift.min(bytes.count, target.count)  // never past a buffer that offers too little
            target.baseAddress?.copyMemory(from: source, byteCount: kept)
            return kept
        }
    }
}

extension Array: ExpositionBuffer where Element == UInt8 {
    public var writtenCount: Int { count }

    /// Runs `body` over the array's spare capacity (grown geometrically when short): no
    /// intermediate buffer, no copy, no zero-filling.
    public mutating func appendDirectly(capacity: Int, _ body: (UnsafeMutableRawBufferPointer) -> Int) {
        guard capacity > 0 else { return }
        #if compiler(>=6.2)
        append(addingCapacity: capacity) { span in
            span.withUnsafeMutableBufferPointer { memory, initializedCount in
                // Never claim more than was offered, nor a negative count.
                initializedCount = Swift.min(Swift.max(body(UnsafeMutableRawBufferPointer(memory)), 0), memory.count)
            }
        }
        #else
        let needed = count + capacity
        if self.capacity < needed { reserveCapacity(Swift.max(needed, self.capacity * 2)) }
        withoutActuallyEscaping(body) { body in
            append(contentsOf: DirectWrite(capacity: capacity, body: body))
        }
        #endif
    }

    public mutating func truncate(toCount count: Int) {
        if count < self.count { removeSubrange(Swift.max(count, 0)...) }
    }
}

#if !compiler(>=6.2)
/// Before `OutputSpan` (Swift 6.2): a sequence whose `_copyContents` (what
/// `Array.append(contentsOf:)` calls with the array's uninitialized spare capacity) lets the
/// writer write straight into that memory.
private struct DirectWrite: Sequence {
    let capacity: Int
    let body: (UnsafeMutableRawBufferPointer) -> Int

    var underestimatedCount: Int { 0 }

    func makeIterator() -> IndexingIterator<[UInt8]> { [UInt8]().makeIterator() }

    /// Hands `body` the spare capacity, up to `capacity` bytes. The array reserved `capacity`
    /// before, so the span is never shorter; if it were, `body` gets what there is, and the
    /// scrape's writers (`ByteSink.write`, `append(copying:)`) cut their text to it.
    func _copyContents(initializing buffer: UnsafeMutableBufferPointer<UInt8>) -> (IndexingIterator<[UInt8]>, Int) {
        let span = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[..<Swift.min(capacity, buffer.count)])
        return ([UInt8]().makeIterator(), Swift.min(body(span), span.count))
    }
}
#endif
