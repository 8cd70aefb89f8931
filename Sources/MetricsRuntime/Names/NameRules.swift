/// The Prometheus name grammar (legacy, ASCII) and the names this library reserves.
enum NameRules {
    /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
    static func isValidMetricName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            if !isNameByte(byte, first: first, colonAllowed: true) { return false }
            first = false
        }
        return !first
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`
    static func isValidLabelName(_ name: String) -> Bool {
        var first = true
        for byte in name.utf8 {
            if !isNameByte(byte, first: first, colonAllowed: false) { return false }
            first = false
        }
        return !first
    }

    /// A unit is one or more name parts: `[a-zA-Z0-9_]+`, not starting or ending with `_`.
    static func isValidUnit(_ unit: String) -> Bool {
        guard let first = unit.utf8.first, let last = unit.utf8.last,
              first != UInt8(ascii: "_"), last != UInt8(ascii: "_") else { return false }
        return unit.utf8.allSatisfy { isNameByte($0, first: false, colonAllowed: false) }
    }

    @inline(__always)
    static func isNameByte(_ byte: UInt8, first: Bool, colonAllowed: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return !first
        case UInt8(ascii: ":"):
            return colonAllowed
        default:
            return false
        }
    }
}
