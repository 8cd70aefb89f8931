/// Parses Prometheus text 0.0.4 and OpenMetrics 1.0 exposition into families.
///
/// Lenient where scrapers are (blank runs between tokens, a trailing comma in a label set,
/// `\r\n` line ends, unknown escapes kept as written) and never failing: a line that cannot be
/// read is skipped and recorded in ``ParsedExposition/problems`` with its line number, and the
/// rest of the body is still parsed.
///
/// ```swift
/// let parsed = ExpositionParser.parse(body)                 // Prometheus text
/// let om = ExpositionParser.parse(body, dialect: .openMetrics)
/// for family in parsed.families { … family.series … }
/// ```
public enum ExpositionParser {
    public static func parse(_ text: String, dialect: ExpositionDialect = .prometheusText) -> ParsedExposition {
        var text = text
        return text.withUTF8 { parse(utf8: $0, dialect: dialect) }
    }

    /// Parses raw bytes; invalid UTF-8 inside names or values is replaced by U+FFFD.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>, dialect: ExpositionDialect = .prometheusText) -> ParsedExposition {
        parse(utf8: Array(bytes), dialect: dialect)
    }

    public static func parse(utf8 bytes: [UInt8], dialect: ExpositionDialect = .prometheusText) -> ParsedExposition {
        var assembler = FamilyAssembler(dialect: dialect)
        var lineStart = 0
        var number = 0
        var sawEOF = false
        while lineStart < bytes.count {
            number += 1
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            let terminated = lineEnd < bytes.count
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") { contentEnd -= 1 }
            let line = bytes[lineStart..<contentEnd]
            lineStart = lineEnd + 1
            if !terminated { assembler.problem(number, line, "text does not end with a newline") }
            if sawEOF {
                assembler.problem(number, line, "content after # EOF")
                continue
            }
            sawEOF = parseLine(line, number: number, assembler: &assembler)
        }
        if dialect == .openMetrics, !sawEOF {
            assembler.problem(max(number, 1), [], "missing # EOF at the end of OpenMetrics text")
        }
        return assembler.finish(sawEOF: sawEOF)
    }

    /// Parses one line; true when it is OpenMetrics' `# EOF`.
    private static func parseLine(_ line: ArraySlice<UInt8>, number: Int, assembler: inout FamilyAssembler) -> Bool {
        var lexer = LineLexer(line)
        let openMetrics = assembler.dialect == .openMetrics
        if !openMetrics { lexer.skipBlanks() }
        guard let first = lexer.current else {
            if openMetrics { assembler.problem(number, line, "empty line in OpenMetrics text") }
            return false
        }
        do throws(LineError) {
            if first == UInt8(ascii: "#") {
                return try comment(&lexer, number: number, assembler: &assembler)
            }
            try assembler.add(try sample(&lexer, number: number, openMetrics: openMetrics))
        } catch {
            assembler.problem(number, line, error.reason)
        }
        return false
    }

    private static func comment(_ lexer: inout LineLexer, number: Int, assembler: inout FamilyAssembler) throws(LineError) -> Bool {
        let openMetrics = assembler.dialect == .openMetrics
        lexer.index += 1
        guard lexer.current == UInt8(ascii: " ") else {
            if openMetrics { throw LineError("a comment must start with '# ' in OpenMetrics") }
            return false
        }
        lexer.skipBlanks()
        let keyword = String(decoding: lexer.token(), as: UTF8.self)
        if keyword == "EOF", openMetrics {
            lexer.skipBlanks()
            guard lexer.atEnd else { throw LineError("text after # EOF on its line") }
            return true
        }
        guard keyword == "HELP" || keyword == "TYPE" || (keyword == "UNIT" && openMetrics) else {
            if openMetrics { throw LineError("unknown comment '# \(keyword)' (OpenMetrics allows HELP, TYPE, UNIT, EOF)") }
            return false  // an ordinary comment in the text format
        }
        lexer.skipBlanks()
        guard let name = lexer.name(colons: true) else { throw LineError("# \(keyword) without a valid metric name") }
        guard lexer.atEnd || lexer.current == UInt8(ascii: " ") || lexer.current == UInt8(ascii: "\t") else {
            throw LineError("invalid metric name in # \(keyword)")
        }
        switch keyword {
        case "HELP":
            if lexer.current != nil { lexer.index += 1 }
            let raw = lexer.rest()
            let help = raw.contains(UInt8(ascii: "\\")) ? LineLexer.unescape(raw, quotes: openMetrics) : String(decoding: raw, as: UTF8.self)
            try assembler.setHelp(help, family: name, line: number)
        case "TYPE":
            lexer.skipBlanks()
            let word = String(decoding: lexer.token(), as: UTF8.self)
            lexer.skipBlanks()
            guard let type = ParsedMetricType(rawValue: word), lexer.atEnd,
                  openMetrics || [.counter, .gauge, .histogram, .summary, .untyped].contains(type)
            else { throw LineError("unknown type '\(word)' for \(name)") }
            try assembler.setType(type, family: name, line: number)
        default:
            lexer.skipBlanks()
            try assembler.setUnit(String(decoding: lexer.rest(), as: UTF8.self), family: name, line: number)
        }
        return false
    }

    /// `name{labels} value [timestamp] [# exemplar]`.
    private static func sample(_ lexer: inout LineLexer, number: Int, openMetrics: Bool) throws(LineError) -> ParsedSample {
        guard let name = lexer.name(colons: true) else { throw LineError("a sample line must start with a metric name") }
        if !openMetrics {  // the text format allows blanks before the label set
            let afterName = lexer.index
            lexer.skipBlanks()
            if lexer.current != UInt8(ascii: "{") { lexer.index = afterName }
        }
        var labels = [ParsedLabel]()
        if lexer.current == UInt8(ascii: "{") { labels = try lexer.labelSet() }
        guard lexer.current == UInt8(ascii: " ") || lexer.current == UInt8(ascii: "\t") else {
            throw LineError(lexer.atEnd ? "sample of \(name) has no value" : "expected a blank before the value of \(name)")
        }
        lexer.skipBlanks()
        let valueToken = lexer.token()
        guard let value = LineLexer.number(valueToken) else {
            throw LineError(valueToken.isEmpty ? "sample of \(name) has no value" : "invalid value '\(String(decoding: valueToken.prefix(64), as: UTF8.self))'")
        }
        lexer.skipBlanks()
        var timestamp: Double?
        if let byte = lexer.current, byte != UInt8(ascii: "#") {
            let token = lexer.token()
            guard let stamp = LineLexer.number(token), stamp.isFinite else {
                throw LineError("invalid timestamp '\(String(decoding: token.prefix(64), as: UTF8.self))'")
            }
            timestamp = stamp
            lexer.skipBlanks()
        }
        if lexer.current == UInt8(ascii: "#") {
            guard openMetrics else { throw LineError("unexpected text after the value of \(name)") }
            // An exemplar (`# {trace_id="…"} 1.0 [ts]`): well-formed ones are accepted and not kept.
            lexer.index += 1
            lexer.skipBlanks()
            guard lexer.current == UInt8(ascii: "{") else { throw LineError("malformed exemplar") }
            _ = try lexer.labelSet()
        } else if !lexer.atEnd {
            throw LineError("unexpected text after the value of \(name)")
        }
        let valueText = String(decoding: valueToken, as: UTF8.self)
        return ParsedSample(name: name, labels: labels, value: value, valueText: valueText, timestamp: timestamp, line: number)
    }
}
