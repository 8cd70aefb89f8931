import Foundation

/// A minimal indenting line writer: the generated Swift is built as plain text, no syntax tree.
struct SwiftSourceWriter {
    private(set) var text = ""
    private var indentation = 0

    /// Appends one line at the current indentation (an empty line stays empty).
    mutating func line(_ content: String = "") {
        if content.isEmpty {
            text += "\n"
        } else {
            text += String(repeating: "    ", count: indentation) + content + "\n"
        }
    }

    /// Appends a `///` documentation comment, one line per line of `doc`, wrapping words so that
    /// comment lines stay within about 100 columns.
    mutating func doc(_ doc: String) {
        let width = max(40, 100 - indentation * 4 - 4)
        let lines = Self.commentSafe(doc.replacingOccurrences(of: "\r\n", with: "\n"), keepingNewlines: true)
        for docLine in lines.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = docLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                line("///")
                continue
            }
            var current = ""
            for word in trimmed.split(separator: " ", omittingEmptySubsequences: true) {
                if !current.isEmpty, current.count + 1 + word.count > width {
                    line("/// " + current)
                    current = ""
                }
                current += current.isEmpty ? String(word) : " " + word
            }
            if !current.isEmpty { line("/// " + current) }
        }
    }

    /// `text` with every character that could end a `//` comment line (CR, LF unless kept, other
    /// control characters, U+2028/U+2029) replaced by a space, so schema text can never become code.
    static func commentSafe(_ text: String, keepingNewlines: Bool = false) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n", keepingNewlines {
                result.unicodeScalars.append(scalar)
            } else if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            {
                result.unicodeScalars.append(" ")
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `opening {` (or just `opening` when it already ends in an opening brace or `in`), the body
    /// one level deeper, then `}` (plus `closingSuffix`, e.g. `()`).
    mutating func block(
        _ opening: String, closingSuffix: String = "", opensWithBrace: Bool = true, _ body: (inout SwiftSourceWriter) -> Void
    ) {
        line(opensWithBrace ? opening + " {" : opening)
        indentation += 1
        body(&self)
        indentation -= 1
        line("}" + closingSuffix)
    }
}

/// Swift literal spelling.
enum SwiftLiteral {
    /// A double-quoted string literal; backslashes, quotes and control characters are escaped, so
    /// the text can never end the literal or start an interpolation.
    static func string(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}"
                {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// `["a", "b"]`.
    static func stringArray(_ values: [String]) -> String {
        "[" + values.map(string).joined(separator: ", ") + "]"
    }

    /// A double literal that reads back as the same value (Swift's shortest round-trip spelling).
    static func double(_ value: Double) -> String {
        value.description
    }

    /// `[0.1, 1.0]`.
    static func doubleArray(_ values: [Double]) -> String {
        "[" + values.map(double).joined(separator: ", ") + "]"
    }
}
