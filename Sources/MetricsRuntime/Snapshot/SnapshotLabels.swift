#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The labels of one registration's series as ``MetricLabel`` values, read off their rendered
/// label blocks with the registration's layout known beforehand: the fixed (automatic and
/// constant) labels are built once per registration, so only the variable values are read per
/// series, and a value equal to the previous series' (sorted order makes that common) shares its
/// string too. Used when a registration's series change, to build its ``LabelTable``.
struct SnapshotLabels {
    /// Per label, in rendered order: complete for a fixed label; for a variable one the name.
    let templates: [MetricLabel]
    let fixed: [Bool]
    /// How many labels are variable.
    let variableCount: Int
    /// Per label back to back: fixed `name="escaped value"`, variable `name="`; `renderedEnds`
    /// says where each ends.
    private let rendered: [UInt8]
    private let renderedEnds: [Int]
    /// The previous series' value of each variable label, which an equal value reuses.
    private var previousValues: [String]

    /// The layout ``LabelRenderPlan`` renders `core`'s series with: every label sorted by name,
    /// fixed labels with an empty value left out.
    init(_ core: FamilyCore) {
        var named = [(MetricLabel, Bool, [UInt8])]()
        for (name, value) in core.fixedLabels where !value.isEmpty {
            var bytes = Array(name.utf8)
            bytes.append(contentsOf: "=\"".utf8)
            bytes.append(contentsOf: Escaping.labelValue(value))
            bytes.append(UInt8(ascii: "\""))
            named.append((MetricLabel(name: name, value: value), true, bytes))
        }
        for name in core.descriptor.labelNames {
            named.append((MetricLabel(name: name, value: ""), false, Array((name + "=\"").utf8)))
        }
        named.sort { $0.0.name.utf8.lexicographicallyPrecedes($1.0.name.utf8) }
        templates = named.map(\.0)
        fixed = named.map(\.1)
        variableCount = core.descriptor.labelNames.count
        var bytes = [UInt8]()
        var ends = [Int]()
        for (_, _, part) in named {
            bytes.append(contentsOf: part)
            ends.append(bytes.count)
        }
        rendered = bytes
        renderedEnds = ends
        previousValues = Array(repeating: "", count: named.count)
    }

    /// The labels of the series whose rendered block is `block`; `nil` when the block does not
    /// have this layout (the caller then decodes it without one).
    mutating func labels(_ block: UnsafeRawBufferPointer) -> [MetricLabel]? {
        let templates = templates
        var labels = [MetricLabel]()
        labels.reserveCapacity(templates.count)
        let complete = walk(
            block, fixedLabel: { labels.append(templates[$0]) },
            variableLabel: { labels.append(MetricLabel(name: templates[$0].name, value: $1)) })
        return complete ? labels : nil
    }

    /// Appends the values of the block's variable labels to `values`, in order; `false` (and
    /// nothing appended) when one is absent or the block does not have this layout.
    mutating func appendVariableValues(_ block: UnsafeRawBufferPointer, to values: inout [String]) -> Bool {
        let before = values.count
        let variableCount = variableCount
        let complete = walk(block, fixedLabel: { _ in }, variableLabel: { values.append($1) })
        if complete && values.count - before == variableCount { return true }
        values.removeSubrange(before...)
        return false
    }

    /// Reads `block` label by label with this layout: `fixedLabel(part)` for each fixed label,
    /// `variableLabel(part, value)` for each variable label present (absent when its value is
    /// empty); `false` when the block does not have this layout.
    @inline(__always)
    private mutating func walk(
        _ block: UnsafeRawBufferPointer, fixedLabel: (Int) -> Void, variableLabel: (Int, String) -> Void
    ) -> Bool {
        let count = block.count
        guard let blockBase = block.baseAddress ?? (count == 0 ? UnsafeRawPointer(bitPattern: 1) : nil) else { return false }
        return rendered.withUnsafeBytes { rendered -> Bool in
            guard let renderedBase = rendered.baseAddress else { return templates.isEmpty && count == 0 }
            var index = 0
            var partStart = 0
            for part in 0..<templates.count {
                let partEnd = renderedEnds[part]
                let length = partEnd - partStart
                let isFixed = fixed[part]
                defer { partStart = partEnd }
                // Every label after the first follows a comma.
                let start = index == 0 ? 0 : index + 1
                let present = (index == 0 || (index < count && block[index] == UInt8(ascii: ",")))
                    && start + length <= count
                    && memcmp(blockBase + start, renderedBase + partStart, length) == 0
                guard present else {
                    // An empty variable value is not rendered; a fixed label always is.
                    if isFixed { return false }
                    continue
                }
                if isFixed {
                    fixedLabel(part)
                    index = start + length
                    continue
                }
                let valueStart = start + length
                let (end, escaped) = SnapshotBuilder.valueEnd(block, from: valueStart)
                guard end < count else { return false }
                let raw = UnsafeRawBufferPointer(rebasing: block[valueStart..<end])
                let value: String
                if escaped {
                    value = SnapshotBuilder.unescape(raw)
                } else if SnapshotBuilder.same(previousValues[part], raw) {
                    value = previousValues[part]
                } else {
                    value = String(decoding: raw, as: UTF8.self)
                    previousValues[part] = value
                }
                variableLabel(part, value)
                index = end + 1
            }
            return index == count
        }
    }
}
