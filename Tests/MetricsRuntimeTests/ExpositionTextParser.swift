/// A strict, small parser for the Prometheus text format (0.0.4) and the OpenMetrics text
/// format as this library writes them, written independently of the runtime so tests can check
/// that every line is well formed and that label values round-trip exactly.
struct ExpositionTextParser {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        /// Label names in the order they appear.
        var labelOrder: [String]
        var value: Double
        /// The value as written.
        var valueText: String
    }

    struct ParseError: Error, CustomStringConvertible {
        let line: Int
        let text: String
        let problem: String
        var description: String { "line \(line): \(problem): \(text)" }
    }

    var samples: [Sample] = []
    /// `# TYPE` by family name.
    var types: [String: String] = [:]
    /// `# HELP` by family name, unescaped.
    var help: [String: String] = [:]
    var sawEOF = false

    init(_ text: String, openMetrics: Bool = false) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.last == "" else {
            throw ParseError(line: lines.count, text: String(lines.last ?? ""), problem: "text does not end with a newline")
        }
        for (index, line) in lines.dropLast().enumerated() {
            let number = index + 1
            if sawEOF { throw ParseError(line: number, text: String(line), problem: "content after # EOF") }
            if line.isEmpty {
                if openMetrics { throw ParseError(line: number, text: "", problem: "empty line in OpenMetrics") }
                continue
            }
            if line.hasPrefix("#") {
                try parseComment(Array(line.utf8), number: number, openMetrics: openMetrics)
            } else {
                samples.append(try Self.parseSample(Array(line.utf8), number: number))
            }
        }
        if openMetrics, !sawEOF { throw ParseError(line: lines.count, text: "", problem: "missing # EOF") }
    }

    private mutating func parseComment(_ bytes: [UInt8], number: Int, openMetrics: Bool) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "# EOF" { sawEOF = true; return }
        let parts = text.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "#" else {
            if openMetrics { throw ParseError(line: number, text: text, problem: "malformed comment") }
            return
        }
        let name = String(parts[2])
        switch parts[1] {
        case "HELP":
            let raw = parts.count == 4 ? String(parts[3]) : ""
            help[name] = try Self.unescape(Array(raw.utf8), quotes: openMetrics, number: number, text: text)
        case "TYPE":
            guard parts.count == 4, ["counter", "gauge", "histogram", "summary", "untyped", "unknown", "info", "stateset", "gaugehistogram"].contains(String(parts[3])) else {
                throw ParseError(line: number, text: text, problem: "bad TYPE")
            }
            types[name] = String(parts[3])
        case "UNIT":
            guard openMetrics else { return }
        default:
            if openMetrics { throw ParseError(line: number, text: text, problem: "unknown comment") }
        }
    }

    static func isNameByte(_ byte: UInt8, first: Bool, colon: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return !first
        case UInt8(ascii: ":"): return colon
        default: return false
        }
    }

    static func parseSample(_ bytes: [UInt8], number: Int) throws -> Sample {
        let text = String(decoding: bytes, as: UTF8.self)
        func fail(_ problem: String) -> ParseError { ParseError(line: number, text: text, problem: problem) }
        var index = 0
        while index < bytes.count, isNameByte(bytes[index], first: index == 0, colon: true) { index += 1 }
        guard index > 0 else { throw fail("missing metric name") }
        let name = String(decoding: bytes[0..<index], as: UTF8.self)
        var labels: [String: String] = [:]
        var order: [String] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: "{") {
            index += 1
            while true {
                guard index < bytes.count else { throw fail("unterminated label set") }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                let start = index
                while index < bytes.count, isNameByte(bytes[index], first: index == start, colon: false) { index += 1 }
                guard index > start else { throw fail("bad label name") }
                let label = String(decoding: bytes[start..<index], as: UTF8.self)
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "\"") else {
                    throw fail("expected =\" after label \(label)")
                }
                index += 2
                let valueStart = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\n") { throw fail("raw newline in label value") }
                    index += 1
                }
                guard index < bytes.count else { throw fail("unterminated label value") }
                let value = try unescape(Array(bytes[valueStart..<index]), quotes: true, number: number, text: text)
                index += 1
                guard labels.updateValue(value, forKey: label) == nil else { throw fail("duplicate label \(label)") }
                order.append(label)
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") { index += 1 }
                else if index < bytes.count, bytes[index] != UInt8(ascii: "}") { throw fail("expected , or }") }
            }
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: " ") else { throw fail("expected a space before the value") }
        let valueText = String(decoding: bytes[(index + 1)...], as: UTF8.self)
        guard let value = parseValue(valueText) else { throw fail("bad value '\(valueText)'") }
        return Sample(name: name, labels: labels, labelOrder: order, value: value, valueText: valueText)
    }

    static func parseValue(_ text: String) -> Double? {
        switch text {
        case "+Inf": return .infinity
        case "-Inf": return -.infinity
        case "NaN": return .nan
        default:
            guard !text.isEmpty, text.utf8.allSatisfy({ b in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e")
                    || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
            }) else { return nil }
            return Double(text)
        }
    }

    /// Undoes `\\`, `\n` and (when `quotes`) `\"`; any other escape is an error.
    static func unescape(_ bytes: [UInt8], quotes: Bool, number: Int, text: String) throws -> String {
        var out = [UInt8]()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                guard index + 1 < bytes.count else { throw ParseError(line: number, text: text, problem: "dangling backslash") }
                switch bytes[index + 1] {
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "\"") where quotes: out.append(UInt8(ascii: "\""))
                default: throw ParseError(line: number, text: text, problem: "unknown escape")
                }
                index += 2
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
