/// The fixed text of one family, rendered once at registration: its header in each format and
/// the names of its samples. A class: a scrape hands it around without retaining each part.
///
/// Every part lives in one allocation, `[part ends][bucket suffix ends][bytes]`, read through
/// borrowed buffers that stay valid while the text does: a family keeps it for its lifetime, so
/// a dozen small arrays (each with its own header and allocator overhead) would cost several
/// hundred bytes a family for a few dozen bytes of text.
final class FamilyText: @unchecked Sendable {
    // @unchecked: `storage` is written in init, never again, and freed in deinit.

    /// The parts, in storage order.
    private enum Part: Int, CaseIterable {
        /// `# HELP …` and `# TYPE …` lines of the text format.
        case prometheusHeader
        /// `# HELP`, `# TYPE` and `# UNIT` lines of OpenMetrics (family name without `_total`).
        case openMetricsHeader
        case name
        /// `{` and the labels every series shares (``SeriesPrefix``), or nothing; right after
        /// ``name``, so `name{a="x"` is one run of bytes.
        case sharedLabels
        case openMetricsTotal, created
        // Histograms only; empty for other kinds.
        case sum, count, bucketOpen, prometheusBucketSuffixes, openMetricsBucketSuffixes
    }

    /// `[part ends: UInt32 each][bucket suffix ends: 2 × suffixCount × UInt32][bytes]`. 32 bits
    /// each, as a family's text is far below 4 GiB: part reads are clamped, and the suffix ends
    /// saturate, so they never decrease and never pass the suffix bytes (the writer slices by
    /// them on every bucket line without checking).
    private let storage: UnsafeMutableRawPointer
    /// Bucket suffixes per format (a histogram's bounds and `+Inf`; 0 for other kinds), bytes
    /// of text, and the longest sample name; 32 bits each, like the part ends, and saturating,
    /// so a text past 2 GiB reads wrong bytes of itself, never memory outside it.
    private let storedSuffixCount: Int32
    private let storedByteCount: Int32
    private let storedLongestName: Int32
    /// Whether ``openMetricsTotal`` differs from ``name``, so counter lines must be composed.
    let openMetricsTotalDiffers: Bool

    /// The text of `descriptor`'s family; `sharedLabels` are the rendered labels every series
    /// shares (`a="x",b="y"`, ``LabelRenderPlan/renderLeadingFixed()``), empty for none.
    init(_ descriptor: MetricDescriptor, sharedLabels: [UInt8]) {
        let family = descriptor.openMetricsFamilyName
        var parts = [[UInt8]](repeating: [], count: Part.allCases.count)
        parts[Part.prometheusHeader.rawValue] = Self.header(descriptor, family: descriptor.name, openMetrics: false)
        parts[Part.openMetricsHeader.rawValue] = Self.header(descriptor, family: family, openMetrics: true)
        let name = Array(descriptor.name.utf8)
        parts[Part.name.rawValue] = name
        if !sharedLabels.isEmpty { parts[Part.sharedLabels.rawValue] = [UInt8(ascii: "{")] + sharedLabels }
        let total = Array((family + "_total").utf8)
        parts[Part.openMetricsTotal.rawValue] = total
        openMetricsTotalDiffers = total != name
        let base = descriptor.kind == .histogram ? descriptor.name : family
        parts[Part.created.rawValue] = Array((base + "_created").utf8)
        var suffixEnds = [UInt32]()
        if descriptor.kind == .histogram {
            parts[Part.sum.rawValue] = Array((descriptor.name + "_sum").utf8)
            parts[Part.count.rawValue] = Array((descriptor.name + "_count").utf8)
            parts[Part.bucketOpen.rawValue] = Array((descriptor.name + "_bucket{").utf8)
            let bounds = descriptor.buckets ?? []
            let prometheus = Self.bucketSuffixes(bounds.map(FloatFormat.prometheus))
            let openMetrics = Self.bucketSuffixes(bounds.map(FloatFormat.openMetricsCanonical))
            parts[Part.prometheusBucketSuffixes.rawValue] = prometheus.bytes
            parts[Part.openMetricsBucketSuffixes.rawValue] = openMetrics.bytes
            suffixEnds = prometheus.ends + openMetrics.ends
        }
        let suffixCount = suffixEnds.count / 2
        let byteCount = parts.reduce(0) { $0 + $1.count }
        storedSuffixCount = Int32(clamping: suffixCount)
        storedByteCount = Int32(clamping: byteCount)
        storage = UnsafeMutableRawPointer.allocate(byteCount: Self.bytesOffset(suffixCount) + byteCount, alignment: MemoryLayout<Int>.alignment)
        let ends = storage.bindMemory(to: UInt32.self, capacity: parts.count)
        let suffixes = (storage + Self.suffixEndsOffset).bindMemory(to: UInt32.self, capacity: suffixEnds.count)
        for (index, suffixEnd) in suffixEnds.enumerated() { suffixes[index] = suffixEnd }
        // `…_bucket{` counts its brace: a bound, as the writers use it.
        storedLongestName = Int32(clamping: [Part.name, .openMetricsTotal, .created, .bucketOpen].map { parts[$0.rawValue].count }.max() ?? 0)
        var end = 0
        var out = storage + Self.bytesOffset(suffixCount)
        for (index, part) in parts.enumerated() {
            out = Bytes.put(part, at: out)
            end += part.count
            ends[index] = UInt32(truncatingIfNeeded: end)
        }
    }

    /// Where the suffix ends start: right after the part ends (both `UInt32`).
    private static var suffixEndsOffset: Int {
        Part.allCases.count * MemoryLayout<UInt32>.stride
    }

    private static func bytesOffset(_ suffixCount: Int) -> Int {
        suffixEndsOffset + 2 * suffixCount * MemoryLayout<UInt32>.stride
    }

    deinit {
        storage.deallocate()
    }

    private var suffixCount: Int { Int(storedSuffixCount) }
    private var byteCount: Int { Int(storedByteCount) }
    /// The longest sample name, for sizing the output.
    var longestName: Int { Int(storedLongestName) }

    /// Where the text's bytes start.
    @inline(__always)
    private var bytes: UnsafeRawPointer { UnsafeRawPointer(storage) + Self.bytesOffset(suffixCount) }

    /// Where `part` starts and ends in the text. Clamped: 32-bit ends could only wrap past 4 GiB
    /// of text; a part would then read wrong bytes of the text, never outside it.
    @inline(__always)
    private func bounds(_ part: Part) -> (start: Int, end: Int) {
        let ends = UnsafePointer(storage.assumingMemoryBound(to: UInt32.self))
        let start = min(part.rawValue == 0 ? 0 : Int(ends[part.rawValue &- 1]), byteCount)
        return (start, min(max(Int(ends[part.rawValue]), start), byteCount))
    }

    @inline(__always)
    private func part(_ part: Part) -> UnsafeRawBufferPointer {
        let (start, end) = bounds(part)
        return UnsafeRawBufferPointer(start: bytes + start, count: end - start)
    }

    /// `# HELP …` and `# TYPE …` lines of the text format.
    var prometheusHeader: UnsafeRawBufferPointer { part(.prometheusHeader) }
    /// `# HELP`, `# TYPE` and `# UNIT` lines of OpenMetrics (family name without `_total`).
    var openMetricsHeader: UnsafeRawBufferPointer { part(.openMetricsHeader) }
    /// The name every pre-rendered sample line starts with.
    var name: UnsafeRawBufferPointer { part(.name) }
    /// The start of the sample lines every series shares, `name{a="x"`, and its labels, `a="x"`;
    /// nil when no label is shared.
    /// Read for every family at every scrape: two part bounds, no slicing.
    @inline(__always)
    var sharedLine: (line: UnsafeRawBufferPointer, labels: UnsafeRawBufferPointer)? {
        let name = bounds(.name)
        let shared = bounds(.sharedLabels)
        // `{` and at least one label, right after the name (clamped bounds keep that order
        // below 4 GiB; past it, no shared line rather than a negative count).
        guard shared.end - shared.start > 1, shared.start >= name.start else { return nil }
        let base = bytes
        return (
            UnsafeRawBufferPointer(start: base + name.start, count: shared.end - name.start),
            UnsafeRawBufferPointer(start: base + shared.start + 1, count: shared.end - shared.start - 1)
        )
    }
    /// OpenMetrics counter samples: `family_total`.
    var openMetricsTotal: UnsafeRawBufferPointer { part(.openMetricsTotal) }
    /// `…_created`.
    var created: UnsafeRawBufferPointer { part(.created) }
    /// Histograms only (empty for other kinds, as the rest below): `…_sum`, `…_count`.
    var sum: UnsafeRawBufferPointer { part(.sum) }
    var count: UnsafeRawBufferPointer { part(.count) }
    /// `…_bucket{`, the start of every bucket line.
    var bucketOpen: UnsafeRawBufferPointer { part(.bucketOpen) }
    /// The end of each bucket line's labels, `le="0.005"} ` … `le="+Inf"} `, back to back, per
    /// format; the suffix ends say where each ends.
    var prometheusBucketSuffixes: UnsafeRawBufferPointer { part(.prometheusBucketSuffixes) }
    var openMetricsBucketSuffixes: UnsafeRawBufferPointer { part(.openMetricsBucketSuffixes) }
    var prometheusBucketSuffixEnds: UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(start: (storage + Self.suffixEndsOffset).assumingMemoryBound(to: UInt32.self), count: suffixCount)
    }
    var openMetricsBucketSuffixEnds: UnsafeBufferPointer<UInt32> {
        UnsafeBufferPointer(start: (storage + Self.suffixEndsOffset).assumingMemoryBound(to: UInt32.self) + suffixCount, count: suffixCount)
    }

    private static func bucketSuffixes(_ values: [String]) -> (bytes: [UInt8], ends: [UInt32]) {
        var bytes = [UInt8]()
        var ends = [UInt32]()
        for value in values + ["+Inf"] {
            bytes.append(contentsOf: "le=\"".utf8)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: "\"} ".utf8)
            ends.append(UInt32(clamping: bytes.count))
        }
        return (bytes, ends)
    }

    private static func header(_ descriptor: MetricDescriptor, family: String, openMetrics: Bool) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.append(contentsOf: "# HELP ".utf8)
        bytes.append(contentsOf: family.utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: Escaping.help(descriptor.help, openMetrics: openMetrics))
        bytes.append(contentsOf: "\n# TYPE ".utf8)
        bytes.append(contentsOf: family.utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: descriptor.kind.typeName.utf8)
        bytes.append(UInt8(ascii: "\n"))
        if openMetrics, let unit = descriptor.unit {
            bytes.append(contentsOf: "# UNIT ".utf8)
            bytes.append(contentsOf: family.utf8)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: unit.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}
