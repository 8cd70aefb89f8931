/// Renders a passed-through family (values, not instruments) in a text format, with the same
/// spelling rules as ``FamilyWriter``: floats, escapes, `le` values, OpenMetrics names.
struct ForeignFamilyWriter {
    let format: ExpositionFormat
    private var openMetrics: Bool { format == .openMetrics }

    func write(_ family: MetricFamilySnapshot, into bytes: inout [UInt8]) {
        let familyName = openMetrics && family.kind == .counter && family.name.hasSuffix("_total")
            ? String(family.name.dropLast(6)) : family.name
        if !family.help.isEmpty {
            bytes.append(contentsOf: "# HELP \(familyName) ".utf8)
            bytes.append(contentsOf: Escaping.help(family.help, openMetrics: openMetrics))
            bytes.append(UInt8(ascii: "\n"))
        }
        let type = family.kind == .untyped && openMetrics ? "unknown" : family.kind.rawValue
        bytes.append(contentsOf: "# TYPE \(familyName) \(type)\n".utf8)
        if openMetrics, let unit = family.unit {
            bytes.append(contentsOf: "# UNIT \(familyName) \(unit)\n".utf8)
        }
        let valueName = openMetrics && family.kind == .counter ? familyName + "_total" : familyName
        for series in family.series {
            switch series.value {
            case .counter(let number), .gauge(let number), .untyped(let number):
                line(valueName, series.labels, nil, number.doubleValue, into: &bytes)
            case .histogram(let histogram):
                var cumulative: UInt64 = 0
                for (index, count) in histogram.bucketCounts.enumerated() {
                    cumulative &+= count
                    let bound = index < histogram.upperBounds.count ? histogram.upperBounds[index] : .infinity
                    line(familyName + "_bucket", series.labels, ("le", bound), count: cumulative, into: &bytes)
                }
                line(familyName + "_sum", series.labels, nil, histogram.sum, into: &bytes)
                line(familyName + "_count", series.labels, nil, count: histogram.count, into: &bytes)
            case .summary(let summary):
                for quantile in summary.quantiles {
                    line(familyName, series.labels, ("quantile", quantile.quantile), quantile.value, into: &bytes)
                }
                line(familyName + "_sum", series.labels, nil, summary.sum, into: &bytes)
                line(familyName + "_count", series.labels, nil, count: summary.count, into: &bytes)
            }
        }
    }

    private func line(_ name: String, _ labels: SeriesLabels, _ extra: (String, Double)?, _ value: Double = 0, count: UInt64? = nil, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: name.utf8)
        if !labels.isEmpty || extra != nil {
            bytes.append(UInt8(ascii: "{"))
            for (index, label) in labels.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: label.name.utf8)
                bytes.append(contentsOf: "=\"".utf8)
                bytes.append(contentsOf: Escaping.labelValue(label.value))
                bytes.append(UInt8(ascii: "\""))
            }
            if let (label, position) = extra {
                if !labels.isEmpty { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: "\(label)=\"".utf8)
                if position == .infinity {
                    bytes.append(contentsOf: "+Inf".utf8)
                } else if openMetrics {
                    FloatFormat.appendOpenMetrics(position, to: &bytes)
                } else {
                    FloatFormat.appendPrometheus(position, to: &bytes)
                }
                bytes.append(UInt8(ascii: "\""))
            }
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: " "))
        if let count {
            FloatFormat.appendMagnitude(UInt(count), to: &bytes)
        } else if openMetrics {
            FloatFormat.appendOpenMetrics(value, to: &bytes)
        } else {
            FloatFormat.appendPrometheus(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }
}
