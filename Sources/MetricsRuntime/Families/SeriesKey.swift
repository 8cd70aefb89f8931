#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Label values of one series, passed without building an array on the lookup path.
///
/// The fixed-arity keys borrow the UTF-8 bytes of the caller's strings for the duration of one
/// lookup (``LabelBytes/with(_:_:)``), so generated accessors (`labels(a, b)`) hash and compare
/// each value's bytes once, with no allocation and no reference counting; ``ArrayKey`` serves the
/// variadic and array forms.
protocol SeriesKey {
    var count: Int { get }
    func hash(seed: UInt64) -> UInt64
    /// Whether these values equal the packed key of a stored series.
    func matches(_ key: UnsafeRawPointer) -> Bool
    /// The UTF-8 bytes of the value at `index` (`0..<count`).
    func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result
}

/// Lends the UTF-8 bytes of strings to a closure: in place for native strings (small ones from
/// the borrowed string itself), from a copy for the rare string without contiguous UTF-8 (bridged
/// on Darwin).
enum LabelBytes {
    @inline(__always)
    static func with<Result>(_ value: String, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        // A span borrows the string: no retain and release of its storage around the lookup
        // (`withContiguousStorageIfAvailable` costs one pair per value).
        if #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *), value.isContiguousUTF8 {
            return value.utf8.span.withUnsafeBytes { body($0) }
        }
        if let result = value.utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(value.utf8).withUnsafeBytes(body)
    }
}

struct Key1: SeriesKey {
    let v0: UnsafeRawBufferPointer
    var count: Int { 1 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 { LabelHash.hashBytes(seed, v0) }
    @inline(__always) func matches(_ key: UnsafeRawPointer) -> Bool {
        var cursor = key
        return PackedKey.match(&cursor, v0)
    }
    func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result { body(v0) }
}

struct Key2: SeriesKey {
    let v0: UnsafeRawBufferPointer, v1: UnsafeRawBufferPointer
    var count: Int { 2 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 { LabelHash.hashBytes(LabelHash.hashBytes(seed, v0), v1) }
    @inline(__always) func matches(_ key: UnsafeRawPointer) -> Bool {
        var cursor = key
        return PackedKey.match(&cursor, v0) && PackedKey.match(&cursor, v1)
    }
    func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result { body(index == 0 ? v0 : v1) }
}

struct Key3: SeriesKey {
    let v0: UnsafeRawBufferPointer, v1: UnsafeRawBufferPointer, v2: UnsafeRawBufferPointer
    var count: Int { 3 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 {
        LabelHash.hashBytes(LabelHash.hashBytes(LabelHash.hashBytes(seed, v0), v1), v2)
    }
    @inline(__always) func matches(_ key: UnsafeRawPointer) -> Bool {
        var cursor = key
        return PackedKey.match(&cursor, v0) && PackedKey.match(&cursor, v1) && PackedKey.match(&cursor, v2)
    }
    func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(index == 0 ? v0 : index == 1 ? v1 : v2)
    }
}

struct Key4: SeriesKey {
    let v0: UnsafeRawBufferPointer, v1: UnsafeRawBufferPointer, v2: UnsafeRawBufferPointer, v3: UnsafeRawBufferPointer
    var count: Int { 4 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 {
        LabelHash.hashBytes(LabelHash.hashBytes(LabelHash.hashBytes(LabelHash.hashBytes(seed, v0), v1), v2), v3)
    }
    @inline(__always) func matches(_ key: UnsafeRawPointer) -> Bool {
        var cursor = key
        return PackedKey.match(&cursor, v0) && PackedKey.match(&cursor, v1)
            && PackedKey.match(&cursor, v2) && PackedKey.match(&cursor, v3)
    }
    func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        body(index == 0 ? v0 : index == 1 ? v1 : index == 2 ? v2 : v3)
    }
}

struct ArrayKey: SeriesKey {
    let values: [String]
    var count: Int { values.count }
    func hash(seed: UInt64) -> UInt64 {
        var hash = seed
        for value in values { hash = LabelBytes.with(value) { LabelHash.hashBytes(hash, $0) } }
        return hash
    }
    func matches(_ key: UnsafeRawPointer) -> Bool {
        var cursor = key
        for value in values where !LabelBytes.with(value, { PackedKey.match(&cursor, $0) }) { return false }
        return true
    }
    func withValue<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        LabelBytes.with(values[index], body)
    }
}

/// A fast keyed hash over the UTF-8 bytes of label values, and byte-exact comparison.
///
/// Label values are compared byte for byte (not by Unicode canonical equivalence), because
/// Prometheus treats label values as byte strings. The seed is random per process, so label
/// values chosen by an attacker cannot be precomputed to collide.
enum LabelHash {
    static let processSeed: UInt64 = UInt64.random(in: 1...UInt64.max)

    @inline(__always)
    static func hashBytes(_ seed: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var hash = seed ^ (UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15)
        guard count > 0, let base = bytes.baseAddress else { return mix(hash) }
        if count >= 8 {
            var offset = 0
            while offset &+ 8 < count {
                hash = mix(hash ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset &+= 8
            }
            // The last eight bytes, overlapping the previous word if needed.
            return mix(hash ^ base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        }
        let word: UInt64
        if count >= 4 {
            word = UInt64(base.loadUnaligned(as: UInt32.self))
                | UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) &<< 32
        } else {
            word = UInt64(base.load(as: UInt8.self))
                | UInt64(base.load(fromByteOffset: count &>> 1, as: UInt8.self)) &<< 8
                | UInt64(base.load(fromByteOffset: count &- 1, as: UInt8.self)) &<< 16
        }
        return mix(hash ^ word)
    }

    /// The splitmix64 finalizer.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x &>> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x &>> 31)
    }
}

/// Compares label values with a series' packed key (`[UInt32 length][UTF-8 bytes]…`).
enum PackedKey {
    /// The hash of the `count` values packed at `key`: equal to ``SeriesKey/hash(seed:)`` of the
    /// values it was packed from (a rehash recomputes it instead of every series storing it).
    static func hash(_ key: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        var hash = seed
        var cursor = key
        for _ in 0..<count {
            let length = Int(cursor.loadUnaligned(as: UInt32.self))
            hash = LabelHash.hashBytes(hash, UnsafeRawBufferPointer(start: cursor + 4, count: length))
            cursor += 4 + length
        }
        return hash
    }

    /// Whether the value at `cursor` equals `value` byte for byte; moves `cursor` past it.
    @inline(__always)
    static func match(_ cursor: inout UnsafeRawPointer, _ value: UnsafeRawBufferPointer) -> Bool {
        let length = Int(cursor.loadUnaligned(as: UInt32.self))
        let bytes = cursor + 4
        cursor = bytes + length
        guard value.count == length else { return false }
        guard let base = value.baseAddress else { return true }
        return equal(base, bytes, length)
    }

    /// Byte equality with word loads; short label values never reach `memcmp`.
    @inline(__always)
    static func equal(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            if count > 32 { return memcmp(left, right, count) == 0 }
            var offset = 0
            while offset &+ 8 < count {
                if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset &+= 8
            }
            return left.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
                    == right.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        var index = 0
        while index < count {
            if left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) {
                return false
            }
            index &+= 1
        }
        return true
    }
}
