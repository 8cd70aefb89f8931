/// Label values of one series, passed without building an array on the lookup path.
///
/// The fixed-arity keys let generated accessors (`labels(a, b)`) look a series up with no
/// allocation; ``ArrayKey`` serves the variadic and array forms.
protocol SeriesKey {
    var count: Int { get }
    func hash(seed: UInt64) -> UInt64
    func matches(_ values: [String]) -> Bool
    func materialize() -> [String]
}

struct Key1: SeriesKey {
    let v0: String
    var count: Int { 1 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 { LabelHash.combine(seed, v0) }
    @inline(__always) func matches(_ values: [String]) -> Bool { LabelHash.sameBytes(values[0], v0) }
    func materialize() -> [String] { [v0] }
}

struct Key2: SeriesKey {
    let v0: String, v1: String
    var count: Int { 2 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 { LabelHash.combine(LabelHash.combine(seed, v0), v1) }
    @inline(__always) func matches(_ values: [String]) -> Bool {
        LabelHash.sameBytes(values[0], v0) && LabelHash.sameBytes(values[1], v1)
    }
    func materialize() -> [String] { [v0, v1] }
}

struct Key3: SeriesKey {
    let v0: String, v1: String, v2: String
    var count: Int { 3 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 {
        LabelHash.combine(LabelHash.combine(LabelHash.combine(seed, v0), v1), v2)
    }
    @inline(__always) func matches(_ values: [String]) -> Bool {
        LabelHash.sameBytes(values[0], v0) && LabelHash.sameBytes(values[1], v1) && LabelHash.sameBytes(values[2], v2)
    }
    func materialize() -> [String] { [v0, v1, v2] }
}

struct Key4: SeriesKey {
    let v0: String, v1: String, v2: String, v3: String
    var count: Int { 4 }
    @inline(__always) func hash(seed: UInt64) -> UInt64 {
        LabelHash.combine(LabelHash.combine(LabelHash.combine(LabelHash.combine(seed, v0), v1), v2), v3)
    }
    @inline(__always) func matches(_ values: [String]) -> Bool {
        LabelHash.sameBytes(values[0], v0) && LabelHash.sameBytes(values[1], v1)
            && LabelHash.sameBytes(values[2], v2) && LabelHash.sameBytes(values[3], v3)
    }
    func materialize() -> [String] { [v0, v1, v2, v3] }
}

struct ArrayKey: SeriesKey {
    let values: [String]
    var count: Int { values.count }
    func hash(seed: UInt64) -> UInt64 {
        var hash = seed
        for value in values { hash = LabelHash.combine(hash, value) }
        return hash
    }
    func matches(_ other: [String]) -> Bool {
        for index in values.indices where !LabelHash.sameBytes(other[index], values[index]) { return false }
        return true
    }
    func materialize() -> [String] { values }
}

/// A fast keyed hash over the UTF-8 bytes of label values, and byte-exact comparison.
///
/// Label values are compared byte for byte (not by Unicode canonical equivalence), because
/// Prometheus treats label values as byte strings. The seed is random per process, so label
/// values chosen by an attacker cannot be precomputed to collide.
enum LabelHash {
    static let processSeed: UInt64 = UInt64.random(in: 1...UInt64.max)

    @inline(__always)
    static func combine(_ hash: UInt64, _ value: String) -> UInt64 {
        if let result = value.utf8.withContiguousStorageIfAvailable({ hashBytes(hash, UnsafeRawBufferPointer($0)) }) {
            return result
        }
        let copy = Array(value.utf8)
        return copy.withUnsafeBytes { hashBytes(hash, $0) }
    }

    @inline(__always)
    static func hashBytes(_ seed: UInt64, _ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = seed ^ (UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        var offset = 0
        let count = bytes.count
        while offset &+ 8 <= count {
            hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset &+= 8
        }
        if offset < count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while offset < count {
                word |= UInt64(bytes[offset]) &<< shift
                shift &+= 8
                offset &+= 1
            }
            hash = mix(hash ^ word)
        }
        return hash
    }

    /// The splitmix64 finalizer.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x &>> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x &>> 31)
    }

    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        guard left.count == right.count else { return false }
        let fast = left.withContiguousStorageIfAvailable { l in
            right.withContiguousStorageIfAvailable { r in l.elementsEqual(r) }
        }
        if let fast, let result = fast { return result }
        return left.elementsEqual(right)
    }
}
