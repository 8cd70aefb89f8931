/// Where exposition text is written piece by piece: a `[UInt8]`, or a ``ByteSink`` over reserved memory.
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

    /// Runs `body` with a sink of `capacity` bytes placed directly in `buffer`'s spare memory, so
    /// the text is written once, where it stays. `body` must not write more than `capacity`.
    static func write<Buffer: ExpositionBuffer>(capacity: Int, into buffer: inout Buffer, _ body: (inout ByteSink) -> Void) {
        buffer.appendDirectly(capacity: capacity) { memory in
            if let base = memory.baseAddress, memory.count >= capacity {
                var sink = ByteSink(base: base, capacity: capacity)
                body(&sink)
                return sink.count
            }
            // A buffer that broke its contract (offered less than asked): the sink never checks
            // bounds, so write aside and keep what fits rather than write past its memory.
            let aside = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(capacity, 1), alignment: 16)
            defer { aside.deallocate() }
            guard let asideBase = aside.baseAddress else { return 0 }
            var sink = ByteSink(base: asideBase, capacity: capacity)
            body(&sink)
            let kept = Swift.min(sink.count, memory.count)
            if kept > 0, let base = memory.baseAddress { base.copyMemory(from: asideBase, byteCount: kept) }
            return kept
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

    /// Pieces up to 32 bytes (names, a series' own labels, `le` values, digits) are copied with
    /// overlapping loads and stores instead of a `memcpy` call, which costs several times more
    /// for so few bytes. Nothing is read or written outside either range.
    @inline(__always)
    mutating func append(raw bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        let target = base + count
        if length > 16 && length <= 32 {
            let a = source.loadUnaligned(as: UInt64.self)
            let b = source.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let c = source.loadUnaligned(fromByteOffset: length &- 16, as: UInt64.self)
            let d = source.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
            target.storeBytes(of: a, as: UInt64.self)
            target.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            target.storeBytes(of: c, toByteOffset: length &- 16, as: UInt64.self)
            target.storeBytes(of: d, toByteOffset: length &- 8, as: UInt64.self)
        } else if length >= 8 && length <= 16 {
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

    /// Appends again the `length` bytes this sink wrote from offset `start` on (a line start
    /// that several lines share): one copy instead of re-assembling it from its pieces.
    @inline(__always)
    mutating func appendWritten(from start: Int, length: Int) {
        append(raw: UnsafeRawBufferPointer(start: base + start, count: length))
    }

    /// Both pieces, head first.
    @inline(__always)
    mutating func append(_ bytes: SplitBytes) {
        if !bytes.head.isEmpty { append(raw: bytes.head) }
        append(raw: bytes.tail)
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
