/// The fixed text of one family, rendered once at registration: its header in each format and
/// the names of its samples. A class: a scrape hands it around without retaining each array.
final class FamilyText: Sendable {
    /// `# HELP …` and `# TYPE …` lines of the text format.
    let prometheusHeader: [UInt8]
    /// `# HELP`, `# TYPE` and `# UNIT` lines of OpenMetrics (family name without `_total`).
    let openMetricsHeader: [UInt8]
    /// The name every pre-rendered sample line starts with.
    let name: [UInt8]
    /// OpenMetrics counter samples: `family_total`.
    let openMetricsTotal: [UInt8]
    /// Whether `openMetricsTotal` differs from `name`, so counter lines must be composed.
    let openMetricsTotalDiffers: Bool
    /// `…_created`, then, for histograms only (empty for other kinds, so they allocate nothing),
    /// `…_bucket`, `…_sum`, `…_count`.
    let created: [UInt8]
    let bucket: [UInt8]
    let sum: [UInt8]
    let count: [UInt8]
    /// `…_bucket{`, the start of every bucket line (histograms only, as the rest below).
    let bucketOpen: [UInt8]
    /// Histograms: the end of each bucket line's labels, `le="0.005"} ` … `le="+Inf"} `, back to
    /// back, per format; `bucketSuffixEnds` says where each ends.
    let prometheusBucketSuffixes: [UInt8]
    let openMetricsBucketSuffixes: [UInt8]
    let prometheusBucketSuffixEnds: [Int]
    let openMetricsBucketSuffixEnds: [Int]

    init(_ descriptor: MetricDescriptor) {
        let family = descriptor.openMetricsFamilyName
        prometheusHeader = Self.header(descriptor, family: descriptor.name, openMetrics: false)
        openMetricsHeader = Self.header(descriptor, family: family, openMetrics: true)
        name = Array(descriptor.name.utf8)
        openMetricsTotal = Array((family + "_total").utf8)
        openMetricsTotalDiffers = openMetricsTotal != name
        let base = descriptor.kind == .histogram ? descriptor.name : family
        created = Array((base + "_created").utf8)
        guard descriptor.kind == .histogram else {
            (bucket, sum, count, bucketOpen) = ([], [], [], [])
            (prometheusBucketSuffixes, prometheusBucketSuffixEnds, openMetricsBucketSuffixes, openMetricsBucketSuffixEnds) = ([], [], [], [])
            return
        }
        bucket = Array((descriptor.name + "_bucket").utf8)
        sum = Array((descriptor.name + "_sum").utf8)
        count = Array((descriptor.name + "_count").utf8)
        bucketOpen = bucket + [UInt8(ascii: "{")]
        let bounds = descriptor.buckets ?? []
        (prometheusBucketSuffixes, prometheusBucketSuffixEnds) = Self.bucketSuffixes(bounds.map(FloatFormat.prometheus))
        (openMetricsBucketSuffixes, openMetricsBucketSuffixEnds) = Self.bucketSuffixes(bounds.map(FloatFormat.openMetricsCanonical))
    }

    private static func bucketSuffixes(_ values: [String]) -> ([UInt8], [Int]) {
        var bytes = [UInt8]()
        var ends = [Int]()
        for value in values + ["+Inf"] {
            bytes.append(contentsOf: "le=\"".utf8)
            bytes.append(contentsOf: value.utf8)
            bytes.append(contentsOf: "\"} ".utf8)
            ends.append(bytes.count)
        }
        return (bytes, ends)
    }

    /// The longest sample name, for sizing the output.
    var longestName: Int { max(name.count, openMetricsTotal.count, created.count, bucket.count) }

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
        // Kept for the family's lifetime: without the growth slack `append` left.
        return bytes.withUnsafeBufferPointer { Array($0) }
    }
}
