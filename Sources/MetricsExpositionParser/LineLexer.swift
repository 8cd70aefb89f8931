/// Why one line was skipped.
struct LineError: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// Reads the tokens of one line (a slice of the body without its `\n`). Every access is
/// bounds-checked: any byte sequence yields a token or a ``LineError``, never a trap.
struct LineLexer {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    var atEnd: Bool { index >= bytes.endIndex }
    var current: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    mutating func skipBlanks() {
        while let byte = current, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
    }

    /// `[a-zA-Z_:][a-zA-Z0-9_:]*` (metric names) or, without colons, a label name.
    mutating func name(colons: Bool) -> String? {
        let start = index
        while let byte = current, Self.isNameByte(byte, first: index == start, colons: colons) { index += 1 }
        guard index > start else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The bytes up to the next blank or the end.
    mutating func token() -> ArraySlice<UInt8> {
        let start = index
        while let byte = current, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { index += 1 }
        return bytes[start..<index]
    }

    /// The rest of the line.
    mutating func rest() -> ArraySlice<UInt8> {
        let rest = bytes[min(index, bytes.endIndex)...]
        index = bytes.endIndex
        return rest
    }

    /// `{name="value",…}` (the lexer stands on `{`), labels in text order.
    mutating func labelSet() throws(LineError) -> [ParsedLabel] {
        index += 1
        var labels = [ParsedLabel]()
        while true {
            skipBlanks()
            guard let byte = current else { throw LineError("unterminated label set (missing '}')") }
            if byte == UInt8(ascii: "}") {
                index += 1
                return labels
            }
            guard let label = name(colons: false) else {
                throw LineError("invalid label name at byte \(index - bytes.startIndex + 1) (expected [a-zA-Z_][a-zA-Z0-9_]*)")
            }
            skipBlanks()
            guard current == UInt8(ascii: "=") else { throw LineError("expected '=' after label name '\(label)'") }
            index += 1
            skipBlanks()
            guard current == UInt8(ascii: "\"") else { throw LineError("expected '\"' to open the value of label '\(label)'") }
            index += 1
            let value = try quotedValue(label: label)
            if labels.contains(where: { $0.name == label }) { throw LineError("duplicate label '\(label)'") }
            labels.append(ParsedLabel(name: label, value: value))
            skipBlanks()
            if current == UInt8(ascii: ",") {
                index += 1
            } else if current != UInt8(ascii: "}") {
                throw LineError("expected ',' or '}' after the value of label '\(label)'")
            }
        }
    }

    /// A label value up to its closing quote (consumed), unescaped.
    private mutating func quotedValue(label: String) throws(LineError) -> String {
        let start = index
        var escaped = false
        while let byte = current {
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                let raw = bytes[start..<index]
                index += 1
                return escaped ? Self.unescape(raw, quotes: true) : String(decoding: raw, as: UTF8.self)
            }
            index += 1
        }
        throw LineError("unterminated value of label '\(label)' (missing '\"')")
    }

    static func isNameByte(_ byte: UInt8, first: Bool, colons: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return !first
        case UInt8(ascii: ":"): return colons
        default: return false
        }
    }

    /// Undoes `\\`, `\n` and (when `quotes`) `\"`. Any other escape is kept as written, as the
    /// Prometheus server does.
    static func unescape(_ raw: ArraySlice<UInt8>, quotes: Bool) -> String {
        var out = [UInt8]()
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            let next = index + 1 < raw.endIndex ? raw[index + 1] : nil
            if byte == UInt8(ascii: "\\"), let next {
                switch next {
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\"") where quotes: out.append(UInt8(ascii: "\""))
                default: out.append(byte); out.append(next)
                }
                index += 2
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A sample value or timestamp: Go's ParseFloat spellings (`+Inf`, `-Inf`, `NaN`, exponents).
    static func number(_ token: ArraySlice<UInt8>) -> Double? {
        guard !token.isEmpty, token.count <= 64 else { return nil }
        return Double(String(decoding: token, as: UTF8.self))
    }
}
