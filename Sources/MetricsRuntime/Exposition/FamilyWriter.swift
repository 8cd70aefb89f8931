/// Writes one metric family (all same-named registrations merged) in a text format.
///
/// Counter and gauge samples are one copy of the series' pre-rendered `name{labels} ` plus the
/// value; histogram lines are composed from the name, a suffix and the pre-rendered labels.
struct FamilyWriter {
    let format: ExpositionFormat

    private var openMetrics: Bool { format == .openMetrics }

    func write(_ cores: [FamilyCore], into bytes: inout [UInt8]) {
        guard let first = cores.first else { return }
        let series: [Series]
        if cores.count == 1 {
            series = first.sortedSeries()
        } else {
            series = Series.sorted(cores.flatMap { $0.sortedSeries() })
        }
        guard !series.isEmpty else { return }
        let descriptor = first.descriptor
        let family = Array((openMetrics ? descriptor.openMetricsFamilyName : descriptor.name).utf8)
        writeHeader(descriptor, familyName: family, into: &bytes)
        bytes.reserveCapacity(bytes.count + series.count * (series[0].sampleLine.count + 24))
        switch descriptor.kind {
        case .counter, .intCounter:
            writeCounters(series, descriptor: descriptor, family: family, into: &bytes)
        case .gauge:
            for item in series {
                bytes.append(contentsOf: item.sampleLine)
                writeFloat(unsafeDowncast(item.instrument, to: Gauge.self).get(), into: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
        case .intGauge:
            for item in series {
                bytes.append(contentsOf: item.sampleLine)
                FloatFormat.appendInteger(unsafeDowncast(item.instrument, to: IntGauge.self).get(), to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
        case .histogram:
            writeHistograms(series, name: Array(descriptor.name.utf8), into: &bytes)
        }
    }

    private func writeCounters(
        _ series: [Series], descriptor: MetricDescriptor, family: [UInt8], into bytes: inout [UInt8]
    ) {
        // The sample is `name` in the text format; `family_total` in OpenMetrics, which is the
        // pre-rendered name whenever the counter is already called `…_total`.
        let composed = openMetrics && !descriptor.name.hasSuffix("_total")
        let sampleName = family + Array("_total".utf8)
        let createdName = family + Array("_created".utf8)
        let integer = descriptor.kind == .intCounter
        for item in series {
            if composed {
                writeSampleStart(sampleName, item.labelBlock, into: &bytes)
            } else {
                bytes.append(contentsOf: item.sampleLine)
            }
            if integer {
                FloatFormat.appendInteger(unsafeDowncast(item.instrument, to: IntCounter.self).get(), to: &bytes)
            } else {
                writeFloat(unsafeDowncast(item.instrument, to: Counter.self).get(), into: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
            if openMetrics { writeCreated(createdName, item, into: &bytes) }
        }
    }

    private func writeHeader(_ descriptor: MetricDescriptor, familyName: [UInt8], into bytes: inout [UInt8]) {
        bytes.append(contentsOf: "# HELP ".utf8)
        bytes.append(contentsOf: familyName)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: Escaping.help(descriptor.help, openMetrics: openMetrics))
        bytes.append(contentsOf: "\n# TYPE ".utf8)
        bytes.append(contentsOf: familyName)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: descriptor.kind.typeName.utf8)
        bytes.append(UInt8(ascii: "\n"))
        if openMetrics, let unit = descriptor.unit {
            bytes.append(contentsOf: "# UNIT ".utf8)
            bytes.append(contentsOf: familyName)
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: unit.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    private func writeHistograms(_ series: [Series], name: [UInt8], into bytes: inout [UInt8]) {
        let bucketName = name + Array("_bucket{".utf8)
        let sumName = name + Array("_sum".utf8)
        let countName = name + Array("_count".utf8)
        let createdName = name + Array("_created".utf8)
        for item in series {
            let histogram = unsafeDowncast(item.instrument, to: Histogram.self)
            let bounds = openMetrics ? histogram.layout.openMetricsLE : histogram.layout.prometheusLE
            let labels = item.labelBlock
            var total = 0
            histogram.forEachCumulativeCount { index, cumulative in
                bytes.append(contentsOf: bucketName)
                if !labels.isEmpty {
                    bytes.append(contentsOf: labels)
                    bytes.append(UInt8(ascii: ","))
                }
                bytes.append(contentsOf: "le=\"".utf8)
                bytes.append(contentsOf: bounds[index])
                bytes.append(contentsOf: "\"} ".utf8)
                FloatFormat.appendInteger(cumulative, to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
                total = cumulative
            }
            // OpenMetrics: `_sum` must not be negative or NaN, and histograms with negative bounds
            // have none; `_count` may only come with `_sum`. The text format always has both.
            let sum = histogram.sampleSum
            if !openMetrics || (sum >= 0 && !histogram.layout.hasNegativeBound) {
                writeSampleStart(sumName, labels, into: &bytes)
                writeFloat(sum, into: &bytes)
                bytes.append(UInt8(ascii: "\n"))
                writeSampleStart(countName, labels, into: &bytes)
                FloatFormat.appendInteger(total, to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
            }
            if openMetrics { writeCreated(createdName, item, into: &bytes) }
        }
    }

    @inline(__always)
    private func writeSampleStart(_ name: [UInt8], _ labels: UnsafeRawBufferPointer, into bytes: inout [UInt8]) {
        bytes.append(contentsOf: name)
        if !labels.isEmpty {
            bytes.append(UInt8(ascii: "{"))
            bytes.append(contentsOf: labels)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: " "))
    }

    @inline(__always)
    private func writeFloat(_ value: Double, into bytes: inout [UInt8]) {
        if openMetrics {
            FloatFormat.appendOpenMetrics(value, to: &bytes)
        } else {
            FloatFormat.appendPrometheus(value, to: &bytes)
        }
    }

    private func writeCreated(_ name: [UInt8], _ series: Series, into bytes: inout [UInt8]) {
        writeSampleStart(name, series.labelBlock, into: &bytes)
        FloatFormat.appendOpenMetrics(series.created, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
    }
}
