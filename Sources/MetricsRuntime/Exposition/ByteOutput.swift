/// Where exposition text is written: a `[UInt8]`, or a ``ByteSink`` over reserved memory.
protocol ByteOutput {
    mutating func append(_ byte: UInt8)
    mutating func append(raw bytes: UnsafeRawBufferPointer)
}

extension Array: ByteOutput where Element == UInt8 {
    @inline(__always)
    mutating func append(raw bytes: UnsafeRawBufferPointer) {
        append(contentsOf: UnsafeBufferPointer(start: bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), count: bytes.count))
    }
}

/// Writes through a raw pointer into memory sized for the worst case beforehand, so each piece is
/// one `memcpy` or one store, with no capacity or uniqueness checks.
struct ByteSink: ByteOutput {
    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private(set) var count = 0

    /// Runs `body` with a sink of `capacity` bytes placed directly in `bytes`' spare capacity
    /// (grown geometrically when short), so the text is written once, where it stays: no
    /// intermediate buffer, no copy, no zero-filling. `body` must not write more than `capacity`.
    static func write(capacity: Int, into bytes: inout [UInt8], _ body: (inout ByteSink) -> Void) {
        let needed = bytes.count + capacity
        if bytes.capacity < needed { bytes.reserveCapacity(Swift.max(needed, bytes.capacity * 2)) }
        withoutActuallyEscaping(body) { body in
            bytes.append(contentsOf: DirectWrite(capacity: capacity, body: body))
        }
    }

    /// A sequence whose `_copyContents` (what `Array.append(contentsOf:)` calls with the array's
    /// uninitialized spare capacity) runs the sink over that memory.
    private struct DirectWrite: Sequence {
        let capacity: Int
        let body: (inout ByteSink) -> Void

        var underestimatedCount: Int { 0 }

        func makeIterator() -> IndexingIterator<[UInt8]> { [UInt8]().makeIterator() }

        func _copyContents(initializing buffer: UnsafeMutableBufferPointer<UInt8>) -> (IndexingIterator<[UInt8]>, Int) {
            if let base = buffer.baseAddress, buffer.count >= capacity {
                var sink = ByteSink(base: UnsafeMutableRawPointer(base), capacity: capacity)
                body(&sink)
                return ([UInt8]().makeIterator(), sink.count)
            }
            // Not reached (the capacity was reserved before): write aside, hand over what fits,
            // and the rest through the iterator.
            let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(capacity, 1), alignment: 16)
            defer { memory.deallocate() }
            var sink = ByteSink(base: memory, capacity: capacity)
            body(&sink)
            let written = Swift.min(sink.count, buffer.count)
            if written > 0, let base = buffer.baseAddress {
                UnsafeMutableRawPointer(base).copyMemory(from: memory, byteCount: written)
            }
            let rest = Array(UnsafeRawBufferPointer(start: memory + written, count: sink.count - written))
            return (rest.makeIterator(), written)
        }
    }

    private init(base: UnsafeMutableRawPointer, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count &+= 1
    }

    /// Pieces up to 16 bytes (names, label blocks, `le` values, digits) are copied with two
    /// overlapping loads and stores instead of a `memcpy` call, which costs several times more
    /// for so few bytes. Nothing is read or written outside either range.
    @inline(__always)
    mutating func append(raw bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        let target = base + count
        if length >= 8 && length <= 16 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: length &- 8, as: UInt64.self)
        } else if length >= 4 && length < 8 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: length &- 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: length &- 4, as: UInt32.self)
        } else if length < 4 {
            for index in 0..<length {
                target.storeBytes(of: source.load(fromByteOffset: index, as: UInt8.self), toByteOffset: index, as: UInt8.self)
            }
        } else {
            target.copyMemory(from: source, byteCount: length)
        }
        count &+= length
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(raw: $0) }
    }
}

/// Memory for ``ByteSink`` that one scrape reuses for all its families, growing as needed.
struct ScratchMemory: ~Copyable {
    private var memory: UnsafeMutableRawPointer?
    private var capacity = 0

    init() {}

    mutating func reserve(_ bytes: Int) -> UnsafeMutableRawPointer {
        if let memory, capacity >= bytes { return memory }
        memory?.deallocate()
        capacity = max(bytes, capacity * 2, 4096)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        memory = fresh
        return fresh
    }

    deinit {
        memory?.deallocate()
    }
}
