#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes kept in two pieces, read as one run: a part shared by a family's series
/// (``SeriesPrefix``), then a series' own part. The head may be empty.
struct SplitBytes {
    let head: UnsafeRawBufferPointer
    let tail: UnsafeRawBufferPointer

    /// One piece: `bytes` alone.
    @inline(__always)
    init(_ bytes: UnsafeRawBufferPointer) {
        head = UnsafeRawBufferPointer(start: nil, count: 0)
        tail = bytes
    }

    @inline(__always)
    init(head: UnsafeRawBufferPointer, tail: UnsafeRawBufferPointer) {
        self.head = head
        self.tail = tail
    }

    @inline(__always)
    var count: Int { head.count &+ tail.count }

    @inline(__always)
    var isEmpty: Bool { head.isEmpty && tail.isEmpty }

    /// Calls `body` with the bytes in one piece: the tail itself when the head is empty, else a
    /// copy in `scratch` (reused from call to call).
    func withContiguousBytes<Result>(
        scratch: inout [UInt8], _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        guard !head.isEmpty else { return body(tail) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(raw: head)
        scratch.append(raw: tail)
        return scratch.withUnsafeBytes(body)
    }

    /// Byte-wise lexicographic order of the two runs (a proper prefix sorts first): negative,
    /// zero or positive. Two runs sharing one head compare by their tails alone.
    static func compare(_ left: SplitBytes, _ right: SplitBytes) -> Int {
        if left.head.baseAddress == right.head.baseAddress && left.head.count == right.head.count {
            return compare(left.tail, right.tail)
        }
        // Walk both runs piece by piece: at most three comparisons of contiguous ranges.
        var leftPieces = (left.head, left.tail)
        var rightPieces = (right.head, right.tail)
        while true {
            if leftPieces.0.isEmpty && !leftPieces.1.isEmpty { leftPieces = (leftPieces.1, UnsafeRawBufferPointer(start: nil, count: 0)) }
            if rightPieces.0.isEmpty && !rightPieces.1.isEmpty { rightPieces = (rightPieces.1, UnsafeRawBufferPointer(start: nil, count: 0)) }
            let a = leftPieces.0
            let b = rightPieces.0
            if a.isEmpty || b.isEmpty { return (a.isEmpty ? 0 : 1) - (b.isEmpty ? 0 : 1) }
            let common = min(a.count, b.count)
            let order = memcmp(a.baseAddress.unsafelyUnwrapped, b.baseAddress.unsafelyUnwrapped, common)
            if order != 0 { return Int(order) }
            leftPieces.0 = UnsafeRawBufferPointer(rebasing: a[common...])
            rightPieces.0 = UnsafeRawBufferPointer(rebasing: b[common...])
        }
    }

    @inline(__always)
    private static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = min(left.count, right.count)
        if common > 0 {
            let order = memcmp(left.baseAddress.unsafelyUnwrapped, right.baseAddress.unsafelyUnwrapped, common)
            if order != 0 { return Int(order) }
        }
        return left.count - right.count
    }
}
