/// Writes one metric family (all same-named registrations merged) in a text format.
///
/// The family's header comes pre-rendered; counter and gauge samples are one copy of the series'
/// pre-rendered `name{labels} ` plus the value; histogram lines are composed from the sample
/// names, the pre-rendered labels and the `le` values. Everything goes through a ``ByteSink``
/// sized for the worst case, then into the caller's buffer in one copy.
struct FamilyWriter {
    let format: ExpositionFormat
    /// OpenMetrics only: write `_created` samples.
    var createdSamples = true

    private var openMetrics: Bool { format == .openMetrics }

    func write(
        _ cores: ArraySlice<FamilyCore>, scratch: inout ScratchMemory, values: inout ScratchMemory,
        into bytes: inout [UInt8]
    ) {
        guard let first = cores.first else { return }
        let sorted = cores.count == 1
            ? first.sortedSeries()
            : SortedSeries(Series.sorted(cores.flatMap { $0.sortedSeries().series }))
        guard sorted.count > 0 else { return }
        let text = first.text
        let descriptor = first.descriptor
        let header = openMetrics ? text.openMetricsHeader : text.prometheusHeader
        let capacity = header.count + sorted.count * worstCasePerSeries(first, sorted)
        ByteSink.write(capacity: capacity, scratch: &scratch, into: &bytes) { sink in
            sink.append(header)
            switch descriptor.kind {
            case .counter, .intCounter:
                writeCounters(sorted, text: text, integer: descriptor.kind == .intCounter, values: &values, into: &sink)
            case .gauge:
                writeLines(
                    sorted, values: &values, into: &sink,
                    read: { unsafeDowncast($0, to: Gauge.self).get().bitPattern },
                    format: { writeFloat(Double(bitPattern: $0), into: &$1) })
            case .intGauge:
                writeLines(
                    sorted, values: &values, into: &sink,
                    read: { UInt64(bitPattern: Int64(unsafeDowncast($0, to: IntGauge.self).get())) },
                    format: { FloatFormat.appendInteger(Int(Int64(bitPattern: $0)), to: &$1) })
            case .histogram:
                writeHistograms(sorted, text: text, into: &sink)
            }
        }
    }

    /// The most bytes one series can take: every sample line with the longest name, labels,
    /// `le` value and number.
    private func worstCasePerSeries(_ core: FamilyCore, _ sorted: SortedSeries) -> Int {
        let line = sorted.longestLine + core.text.longestName + FloatFormat.maximumLength + 40
        switch core.descriptor.kind {
        case .counter, .intCounter: return openMetrics ? 2 * line : line
        case .gauge, .intGauge: return line
        case .histogram:
            let longestLE = max(
                core.layout?.prometheusLE.map(\.count).max() ?? 4, core.layout?.openMetricsLE.map(\.count).max() ?? 4)
            return ((core.layout?.count ?? 0) + 4) * (line + longestLE)
        }
    }

    /// Each series' pre-rendered line, its value, then a line feed.
    ///
    /// The values are read in a first pass: every instrument is its own object, visited in
    /// sorted order, so on large families those loads miss the cache; issued back to back they
    /// overlap instead of stalling the formatting one by one.
    @inline(__always)
    private func writeLines(
        _ sorted: SortedSeries, values: inout ScratchMemory, into sink: inout ByteSink,
        read: (AnyObject) -> UInt64, format: (UInt64, inout ByteSink) -> Void
    ) {
        let count = sorted.count
        let buffer = values.reserve(count * MemoryLayout<UInt64>.stride).bindMemory(to: UInt64.self, capacity: count)
        sorted.instruments.withUnsafeBufferPointer { instruments in
            for index in 0..<count {
                buffer[index] = instruments[index]._withUnsafeGuaranteedRef(read)
            }
        }
        sorted.lines.withUnsafeBytes { lines in
            var start = 0
            for index in 0..<count {
                let end = sorted.lineEnds[index]
                sink.append(raw: UnsafeRawBufferPointer(rebasing: lines[start..<end]))
                start = end
                format(buffer[index], &sink)
                sink.append(UInt8(ascii: "\n"))
            }
        }
    }

    private func writeCounters(
        _ sorted: SortedSeries, text: FamilyText, integer: Bool, values: inout ScratchMemory, into sink: inout ByteSink
    ) {
        let writeValue = { (instrument: AnyObject, sink: inout ByteSink) in
            if integer {
                FloatFormat.appendInteger(unsafeDowncast(instrument, to: IntCounter.self).get(), to: &sink)
            } else {
                writeFloat(unsafeDowncast(instrument, to: Counter.self).get(), into: &sink)
            }
        }
        guard openMetrics else {
            if integer {
                writeLines(
                    sorted, values: &values, into: &sink,
                    read: { UInt64(bitPattern: Int64(unsafeDowncast($0, to: IntCounter.self).get())) },
                    format: { FloatFormat.appendInteger(Int(Int64(bitPattern: $0)), to: &$1) })
            } else {
                writeLines(
                    sorted, values: &values, into: &sink,
                    read: { unsafeDowncast($0, to: Counter.self).get().bitPattern },
                    format: { writeFloat(Double(bitPattern: $0), into: &$1) })
            }
            return
        }
        // OpenMetrics: `family_total` (the pre-rendered line when the name already ends in
        // `_total`) and `family_created` for every series.
        for index in 0..<sorted.count {
            let item = sorted.series[index]
            if text.openMetricsTotalDiffers {
                writeSampleStart(text.openMetricsTotal, item.labelBlock, into: &sink)
            } else {
                sink.append(raw: item.sampleLine)
            }
            sorted.instruments[index]._withUnsafeGuaranteedRef { writeValue($0, &sink) }
            sink.append(UInt8(ascii: "\n"))
            if createdSamples { writeCreated(text.created, item, into: &sink) }
        }
    }

    private func writeHistograms(_ sorted: SortedSeries, text: FamilyText, into sink: inout ByteSink) {
        for item in sorted.series {
            let histogram = unsafeDowncast(item.instrument, to: Histogram.self)
            let bounds = openMetrics ? histogram.layout.openMetricsLE : histogram.layout.prometheusLE
            let labels = item.labelBlock
            var total = 0
            histogram.forEachCumulativeCount { index, cumulative in
                sink.append(text.bucket)
                sink.append(UInt8(ascii: "{"))
                if !labels.isEmpty {
                    sink.append(raw: labels)
                    sink.append(UInt8(ascii: ","))
                }
                sink.append(UInt8(ascii: "l"))
                sink.append(UInt8(ascii: "e"))
                sink.append(UInt8(ascii: "="))
                sink.append(UInt8(ascii: "\""))
                sink.append(bounds[index])
                sink.append(UInt8(ascii: "\""))
                sink.append(UInt8(ascii: "}"))
                sink.append(UInt8(ascii: " "))
                FloatFormat.appendInteger(cumulative, to: &sink)
                sink.append(UInt8(ascii: "\n"))
                total = cumulative
            }
            // OpenMetrics: `_sum` must not be negative or NaN, and histograms with negative bounds
            // have none; `_count` may only come with `_sum`. The text format always has both.
            let sum = histogram.sampleSum
            if !openMetrics || (sum >= 0 && !histogram.layout.hasNegativeBound) {
                writeSampleStart(text.sum, labels, into: &sink)
                writeFloat(sum, into: &sink)
                sink.append(UInt8(ascii: "\n"))
                writeSampleStart(text.count, labels, into: &sink)
                FloatFormat.appendInteger(total, to: &sink)
                sink.append(UInt8(ascii: "\n"))
            }
            if openMetrics && createdSamples { writeCreated(text.created, item, into: &sink) }
        }
    }

    @inline(__always)
    private func writeSampleStart(_ name: [UInt8], _ labels: UnsafeRawBufferPointer, into sink: inout ByteSink) {
        sink.append(name)
        if !labels.isEmpty {
            sink.append(UInt8(ascii: "{"))
            sink.append(raw: labels)
            sink.append(UInt8(ascii: "}"))
        }
        sink.append(UInt8(ascii: " "))
    }

    @inline(__always)
    private func writeFloat(_ value: Double, into sink: inout ByteSink) {
        if openMetrics {
            FloatFormat.appendOpenMetrics(value, to: &sink)
        } else {
            FloatFormat.appendPrometheus(value, to: &sink)
        }
    }

    private func writeCreated(_ name: [UInt8], _ series: Series, into sink: inout ByteSink) {
        writeSampleStart(name, series.labelBlock, into: &sink)
        FloatFormat.appendOpenMetrics(series.created, to: &sink)
        sink.append(UInt8(ascii: "\n"))
    }
}
