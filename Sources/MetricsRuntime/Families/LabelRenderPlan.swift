/// Renders a series' labels once, at creation: every label sorted by name, values escaped.
struct LabelRenderPlan: Sendable {
    /// One label: a fixed one, rendered whole (`name="value"`), or a variable one with its
    /// `name="` and the index of its value. Its bytes are a range of the label bytes that follow
    /// the parts in ``storage``, so a plan is one allocation whatever its label count. A struct
    /// rather than a two-case enum with array payloads: Swift keeps such an enum's case in spare
    /// bits of the array pointer, which LeakSanitizer then cannot follow (it reported the label
    /// bytes of the process-lifetime shared runtime as leaked).
    ///
    /// 32-bit fields (12 bytes a part, not 24): every family keeps its plan, and a family's
    /// label text is far below 4 GiB.
    private struct Part: Sendable {
        private let storedStart: UInt32
        private let storedCount: UInt32
        private let storedIndex: Int32

        init(start: Int, count: Int, index: Int) {
            storedStart = UInt32(truncatingIfNeeded: start)
            storedCount = UInt32(truncatingIfNeeded: count)
            storedIndex = Int32(truncatingIfNeeded: index)
        }

        /// The bytes a part takes at the start of ``LabelRenderPlan/storage``.
        static var size: Int { 12 }

        /// The part stored at `offset` of `storage`.
        init(loadingFrom storage: UnsafeRawBufferPointer, at offset: Int) {
            storedStart = storage.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            storedCount = storage.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            storedIndex = storage.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self)
        }

        /// Appends the part's fields to `storage`.
        func append(to storage: inout [UInt8]) {
            withUnsafeBytes(of: storedStart) { storage.append(contentsOf: $0) }
            withUnsafeBytes(of: storedCount) { storage.append(contentsOf: $0) }
            withUnsafeBytes(of: storedIndex) { storage.append(contentsOf: $0) }
        }

        /// Where `name="value"` of a fixed label, or `name="` of a variable one, is in the label bytes.
        var start: Int { Int(storedStart) }
        var count: Int { Int(storedCount) }
        /// Where a variable label's value is among the values given to ``render(_:to:)``;
        /// -1 for a fixed label.
        var index: Int { Int(storedIndex) }
    }

    /// The parts (``Part/size`` bytes each, in label order), then every part's bytes one after
    /// the other: one array, since every family keeps its plan.
    private let storage: [UInt8]
    private let storedPartCount: Int32
    private let storedLeadingFixedCount: Int32

    /// How many labels the plan renders, fixed and variable.
    private var partCount: Int { Int(storedPartCount) }
    /// How many fixed labels sort before the first variable one: they render the same for every
    /// series, so a family can keep them once (``SeriesPrefix``).
    var leadingFixedCount: Int { Int(storedLeadingFixedCount) }

    init(fixed: [(String, String)], variable: [String]) {
        var named: [(name: String, bytes: [UInt8], index: Int)] = fixed.compactMap { label in
            label.1.isEmpty ? nil : (label.0, Array("\(label.0)=\"".utf8) + Escaping.labelValue(label.1) + [UInt8(ascii: "\"")], -1)
        }
        for (index, name) in variable.enumerated() {
            named.append((name, Array("\(name)=\"".utf8), index))
        }
        named.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        var storage = [UInt8]()
        storage.reserveCapacity(named.count * Part.size + named.reduce(0) { $0 + $1.bytes.count })
        var start = 0
        for label in named {
            Part(start: start, count: label.bytes.count, index: label.index).append(to: &storage)
            start += label.bytes.count
        }
        for label in named { storage.append(contentsOf: label.bytes) }
        self.storage = storage
        storedPartCount = Int32(truncatingIfNeeded: named.count)
        storedLeadingFixedCount = Int32(truncatingIfNeeded: named.firstIndex { $0.index >= 0 } ?? named.count)
    }

    /// Calls `body` with the parts in `range` and each one's bytes.
    @inline(__always)
    private func forEachPart(in range: Range<Int>, _ body: (Part, UnsafeRawBufferPointer) -> Void) {
        storage.withUnsafeBytes { all in
            let labelBytes = partCount * Part.size
            guard labelBytes <= all.count else { return }
            for position in range.clamped(to: 0..<partCount) {
                let part = Part(loadingFrom: all, at: position * Part.size)
                let start = labelBytes + part.start
                // Always true below 4 GiB of label text (the parts' 32-bit fields).
                guard start + part.count <= all.count else { continue }
                body(part, UnsafeRawBufferPointer(rebasing: all[start..<start + part.count]))
            }
        }
    }

    /// `a="x",b="y"` of the leading fixed labels (``leadingFixedCount``), the same for every series.
    func renderLeadingFixed() -> [UInt8] {
        let key = ArrayKey(values: [])
        let length = renderedLength(key, parts: 0..<leadingFixedCount)
        guard length > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            guard let base = buffer.baseAddress else { return count = 0 }
            count = render(key, parts: 0..<leadingFixedCount, to: UnsafeMutableRawPointer(base)) - UnsafeMutableRawPointer(base)
        }
    }

    /// `a="x",b="y"` for the given variable label values; labels with an empty value are left
    /// out, since Prometheus treats an empty value as an absent label.
    func render(_ values: [String]) -> [UInt8] {
        let key = ArrayKey(values: values)
        let length = renderedLength(key)
        // `Array(unsafeUninitializedCapacity: 0)` stores its count into the shared empty-array
        // singleton, so two threads creating label-less series would race on that global
        // (ThreadSanitizer reports it); an empty rendering never needs the buffer.
        guard length > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            guard let base = buffer.baseAddress else { return count = 0 }
            count = render(key, to: UnsafeMutableRawPointer(base)) - UnsafeMutableRawPointer(base)
        }
    }

    /// The length of what ``render(_:to:)`` writes for `values`.
    func renderedLength<Key: SeriesKey>(_ values: Key) -> Int {
        renderedLength(values, from: 0)
    }

    /// The length of what ``render(_:from:to:)`` writes for `values` from part `first` on.
    func renderedLength<Key: SeriesKey>(_ values: Key, from first: Int) -> Int {
        renderedLength(values, parts: first..<partCount)
    }

    private func renderedLength<Key: SeriesKey>(_ values: Key, parts range: Range<Int>) -> Int {
        var length = 0
        forEachPart(in: range) { part, _ in
            if part.index >= 0 {
                let index = part.index
                let escaped = index < values.count ? values.withValue(index, Escaping.escapedLength) : 0
                guard escaped > 0 else { return }
                length += part.count + escaped + 1
            } else {
                length += part.count
            }
            length += 1  // the comma before every label but the first, counted once too many here
        }
        return max(length - 1, 0)
    }

    /// Writes `a="x",b="y"` for `values` at `out`, which has room for ``renderedLength(_:)``
    /// bytes; returns the position after them.
    func render<Key: SeriesKey>(_ values: Key, to start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        render(values, parts: 0..<partCount, to: start)
    }

    /// Writes the labels from part `first` on (``renderedLength(_:from:)`` bytes), with no comma
    /// before the first one written; returns the position after them.
    func render<Key: SeriesKey>(_ values: Key, from first: Int, to start: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        render(values, parts: first..<partCount, to: start)
    }

    private func render<Key: SeriesKey>(
        _ values: Key, parts range: Range<Int>, to start: UnsafeMutableRawPointer
    ) -> UnsafeMutableRawPointer {
        var out = start
        forEachPart(in: range) { part, partBytes in
            if part.index >= 0 {
                let index = part.index
                guard index < values.count else { return }
                values.withValue(index) { value in
                    guard value.count > 0 else { return }
                    if out != start { out = Bytes.put(UInt8(ascii: ","), at: out) }
                    out = Bytes.put(partBytes, at: out)
                    out = Escaping.writeLabelValue(value, to: out)
                    out = Bytes.put(UInt8(ascii: "\""), at: out)
                }
            } else {
                if out != start { out = Bytes.put(UInt8(ascii: ","), at: out) }
                out = Bytes.put(partBytes, at: out)
            }
        }
        return out
    }
}

/// Copies bytes to raw memory sized beforehand; each returns the position after what it wrote.
enum Bytes {
    @inline(__always)
    static func put(_ byte: UInt8, at out: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        out.storeBytes(of: byte, as: UInt8.self)
        return out + 1
    }

    @inline(__always)
    static func put(_ bytes: UnsafeRawBufferPointer, at out: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return out }
        out.copyMemory(from: source, byteCount: bytes.count)
        return out + bytes.count
    }

    @inline(__always)
    static func put(_ bytes: [UInt8], at out: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        bytes.withUnsafeBytes { put($0, at: out) }
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

    /// The length of a label value once escaped.
    static func escapedLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        var length = bytes.count
        for byte in bytes where byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") {
            length += 1
        }
        return length
    }

    /// Writes the escaped label value at `out` (room for ``escapedLength(_:)`` bytes); returns the
    /// position after it. A value with nothing to escape is one copy.
    static func writeLabelValue(_ bytes: UnsafeRawBufferPointer, to out: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard escapedLength(bytes) != bytes.count else { return Bytes.put(bytes, at: out) }
        var out = out
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): out = Bytes.put(92, at: Bytes.put(92, at: out))
            case UInt8(ascii: "\""): out = Bytes.put(34, at: Bytes.put(92, at: out))
            case UInt8(ascii: "\n"): out = Bytes.put(110, at: Bytes.put(92, at: out))
            default: out = Bytes.put(byte, at: out)
            }
        }
        return out
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
