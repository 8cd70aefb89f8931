/// Renders a series' labels once, at creation: every label sorted by name, values escaped.
struct LabelRenderPlan: Sendable {
    private enum Part: Sendable {
        case fixed(name: [UInt8], escapedValue: [UInt8])
        case variable(name: [UInt8], index: Int)
    }

    private let parts: [Part]

    init(fixed: [(String, String)], variable: [String]) {
        var named: [(String, Part)] = fixed.compactMap { label in
            label.1.isEmpty ? nil : (label.0, .fixed(name: Array(label.0.utf8), escapedValue: Escaping.labelValue(label.1)))
        }
        for (index, name) in variable.enumerated() {
            named.append((name, .variable(name: Array(name.utf8), index: index)))
        }
        named.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        parts = named.map(\.1)
    }

    /// `a="x",b="y"` for the given variable label values; labels with an empty value are left
    /// out, since Prometheus treats an empty value as an absent label.
    func render(_ values: [String]) -> [UInt8] {
        var bytes = [UInt8]()
        for part in parts {
            switch part {
            case .fixed(let name, let escapedValue):
                append(name: name, escapedValue: escapedValue, to: &bytes)
            case .variable(let name, let index):
                guard index < values.count, !values[index].isEmpty else { continue }
                append(name: name, escapedValue: Escaping.labelValue(values[index]), to: &bytes)
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
