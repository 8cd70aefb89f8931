/// Renders a series' labels once, at creation: every label sorted by name, values escaped.
struct LabelRenderPlan: Sendable {
    /// One label: a fixed one with its escaped value, or a variable one with the index of its
    /// value. A struct rather than a two-case enum with array payloads: Swift keeps such an
    /// enum's case in spare bits of the array pointer, which LeakSanitizer then cannot follow
    /// (it reported the label bytes of the process-lifetime shared runtime as leaked).
    private struct Part: Sendable {
        let name: [UInt8]
        /// The escaped value of a fixed label; `nil` for a variable one.
        let escapedValue: [UInt8]?
        /// Where a variable label's value is in the values given to ``render(_:)``.
        let index: Int
    }

    private let parts: [Part]

    init(fixed: [(String, String)], variable: [String]) {
        var named: [(String, Part)] = fixed.compactMap { label in
            label.1.isEmpty ? nil : (label.0, Part(name: Array(label.0.utf8), escapedValue: Escaping.labelValue(label.1), index: 0))
        }
        for (index, name) in variable.enumerated() {
            named.append((name, Part(name: Array(name.utf8), escapedValue: nil, index: index)))
        }
        named.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        parts = named.map(\.1)
    }

    /// `a="x",b="y"` for the given variable label values; labels with an empty value are left
    /// out, since Prometheus treats an empty value as an absent label.
    func render(_ values: [String]) -> [UInt8] {
        var bytes = [UInt8]()
        for part in parts {
            if let escapedValue = part.escapedValue {
                append(name: part.name, escapedValue: escapedValue, to: &bytes)
            } else {
                guard part.index < values.count, !values[part.index].isEmpty else { continue }
                append(name: part.name, escapedValue: Escaping.labelValue(values[part.index]), to: &bytes)
            }
        }
        return bytes
    }

    private func append(name: [UInt8], escapedValue: [UInt8], to bytes: inout [UInt8]) {
        if !bytes.isEmpty { bytes.append(UInt8(ascii: ",")) }
        bytes.append(contentsOf: name)
        bytes.append(UInt8(ascii: "="))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: escapedValue)
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Escaping rules of the exposition formats.
enum Escaping {
    /// Label values: `\` → `\\`, `"` → `\"`, line feed → `\n`; everything else, UTF-8 included, raw.
    static func labelValue(_ value: String) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [92, 110])
            default: bytes.append(byte)
            }
        }
        return bytes
    }

    /// HELP text: `\` → `\\` and line feed → `\n`; OpenMetrics also escapes `"` → `\"`.
    static func help(_ text: String, openMetrics: Bool) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [92, 110])
            case UInt8(ascii: "\"") where openMetrics: bytes.append(contentsOf: [92, 34])
            default: bytes.append(byte)
            }
        }
        return bytes
    }
}
