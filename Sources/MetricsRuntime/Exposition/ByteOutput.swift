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

    /// Runs `body` with a sink of `capacity` bytes in `scratch`, then appends what it wrote to
    /// `bytes`. `body` must not write more than `capacity` bytes.
    static func write(
        capacity: Int, scratch: inout ScratchMemory, into bytes: inout [UInt8], _ body: (inout ByteSink) -> Void
    ) {
        let memory = scratch.reserve(capacity)
        var sink = ByteSink(base: memory, capacity: capacity)
        body(&sink)
        bytes.append(raw: UnsafeRawBufferPointer(start: memory, count: sink.count))
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

    @inline(__always)
    mutating func append(raw bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count &+= bytes.count
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
