/// Writes one metric family (all same-named registrations merged) in a text format.
///
/// The family's header comes pre-rendered; counter and gauge samples are one copy of the series'
/// pre-rendered `name{labels} ` plus the value; histogram lines are composed from the sample
/// names, the pre-rendered labels and the `le` values. Everything goes through a ``ByteSink``
/// sized by a bound linear in the output (``samplesCapacity(_:_:)``), placed in the caller's
/// buffer's spare capacity: the text is written once, where it stays.
struct FamilyWriter {
    let format: ExpositionFormat
    /// OpenMetrics only: write `_created` samples.
    var createdSamples = true

    private var openMetrics: Bool { format == .openMetrics }

    func write<Buffer: ExpositionBuffer>(
        _ cores: ArraySlice<FamilyCore>, values: inout ScratchMemory, into bytes: inout Buffer
    ) {
        guard let first = cores.first else { return }
        let sorted = SortedSeries.merged(cores)
        guard sorted.count > 0 else { return }
        let text = first.text
        // The kind alone: copying the descriptor would retain its strings and arrays.
        let kind = first.descriptor.kind
        let header = openMetrics ? text.openMetricsHeader : text.prometheusHeader
        let capacity = header.count + samplesCapacity(first, sorted)
        ByteSink.write(capacity: capacity, into: &bytes) { sink in
            sink.append(raw: header)
            switch kind {
            case .counter, .intCounter:
                writeCounters(sorted, text: text, integer: kind == .intCounter, values: &values, into: &sink)
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

    /// An upper bound on the bytes of the family's samples. Every sample line of a series is at
    /// most its own pre-rendered line plus the longest sample name, `le` value and number, so the
    /// bound is a small multiple of the real output: sizing by "series × longest line" made one
    /// long label value reserve gigabytes.
    private func samplesCapacity(_ core: FamilyCore, _ sorted: SortedSeries) -> Int {
        var extra = core.text.longestName + FloatFormat.maximumLength + 40
        let linesPerSeries: Int
        switch core.descriptor.kind {
        case .counter, .intCounter: linesPerSeries = openMetrics ? 2 : 1
        case .gauge, .intGauge: linesPerSeries = 1
        case .histogram:
            extra += core.layout?.longestLE ?? 4
            linesPerSeries = (core.layout?.count ?? 0) + 4
        }
        return linesPerSeries * (sorted.lineBytes + sorted.count * extra)
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
        sorted.forEach { index, _, _, instrument in buffer[index] = read(instrument) }
        sorted.forEach { index, item, head, _ in
            sink.append(item.sampleLine(after: head))
            format(buffer[index], &sink)
            sink.append(UInt8(ascii: "\n"))
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
        let (composed, total, created) = (text.openMetricsTotalDiffers, text.openMetricsTotal, text.created)
        sorted.forEach { _, item, head, instrument in
            if composed {
                writeSampleStart(total, item.labelBlock(after: head), into: &sink)
            } else {
                sink.append(item.sampleLine(after: head))
            }
            writeValue(instrument, &sink)
            sink.append(UInt8(ascii: "\n"))
            if createdSamples { writeCreated(created, item, head, into: &sink) }
        }
    }

    /// Bucket lines are `…_bucket{` + the series' labels + `,` (assembled for a series' first
    /// bucket, then copied) + the bucket's pre-rendered `le="…"} ` + the count. Instruments and labels are read from the
    /// sorted series (no reference counting per series or per line).
    private func writeHistograms(_ sorted: SortedSeries, text: FamilyText, into sink: inout ByteSink) {
        let suffixEnds = openMetrics ? text.openMetricsBucketSuffixEnds : text.prometheusBucketSuffixEnds
        let suffixBytes = openMetrics ? text.openMetricsBucketSuffixes : text.prometheusBucketSuffixes
        let names = HistogramNames(bucketOpen: text.bucketOpen, sum: text.sum, count: text.count)
        let created = text.created
        sorted.forEach { _, item, head, instrument in
            writeHistogram(
                unsafeDowncast(instrument, to: Histogram.self), labels: item.labelBlock(after: head), names: names,
                suffixes: suffixBytes, suffixEnds: suffixEnds, into: &sink)
            if openMetrics && createdSamples { writeCreated(created, item, head, into: &sink) }
        }
    }

    @inline(__always)
    private func writeHistogram(
        _ histogram: Histogram, labels: SplitBytes, names: HistogramNames, suffixes: UnsafeRawBufferPointer, suffixEnds: UnsafeBufferPointer<UInt32>, into sink: inout ByteSink
    ) {
        var total = 0
        var suffixStart = 0
        // The first bucket line's start, `…_bucket{labels,`, is written from its pieces; the
        // other bucket lines copy it from the sink.
        var lineStart = -1
        var lineStartLength = 0
        histogram.forEachCumulativeCount { index, cumulative in
            if lineStart >= 0 {
                sink.appendWritten(from: lineStart, length: lineStartLength)
            } else {
                lineStart = sink.count
                sink.append(raw: names.bucketOpen)
                if !labels.isEmpty {
                    sink.append(labels)
                    sink.append(UInt8(ascii: ","))
                }
                lineStartLength = sink.count - lineStart
            }
            // A layout always matches its family's buckets; guard anyway rather than overrun.
            // The ends never decrease and never pass the suffix bytes (``FamilyText``).
            let suffixEnd = index < suffixEnds.count ? Int(suffixEnds[index]) : suffixStart
            sink.append(raw: UnsafeRawBufferPointer(rebasing: suffixes[suffixStart..<suffixEnd]))
            suffixStart = suffixEnd
            FloatFormat.appendInteger(cumulative, to: &sink)
            sink.append(UInt8(ascii: "\n"))
            total = cumulative
        }
        // OpenMetrics: `_sum` must not be negative or NaN, and histograms with negative bounds
        // have none; `_count` may only come with `_sum`. The text format always has both.
        let sum = histogram.sampleSum
        if !openMetrics || (sum >= 0 && !histogram.layout.hasNegativeBound) {
            writeSampleStart(names.sum, labels, into: &sink)
            writeFloat(sum, into: &sink)
            sink.append(UInt8(ascii: "\n"))
            writeSampleStart(names.count, labels, into: &sink)
            FloatFormat.appendInteger(total, to: &sink)
            sink.append(UInt8(ascii: "\n"))
        }
    }

    /// A histogram family's sample names, read from its ``FamilyText`` once per family.
    private struct HistogramNames {
        /// `…_bucket{`.
        let bucketOpen: UnsafeRawBufferPointer
        let sum: UnsafeRawBufferPointer
        let count: UnsafeRawBufferPointer
    }

    @inline(__always)
    private func writeSampleStart(_ name: UnsafeRawBufferPointer, _ labels: SplitBytes, into sink: inout ByteSink) {
        sink.append(raw: name)
        if !labels.isEmpty {
            sink.append(UInt8(ascii: "{"))
            sink.append(labels)
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

    private func writeCreated(_ name: UnsafeRawBufferPointer, _ series: Series, _ head: SeriesHead, into sink: inout ByteSink) {
        writeSampleStart(name, series.labelBlock(after: head), into: &sink)
        FloatFormat.appendOpenMetrics(series.created, to: &sink)
        sink.append(UInt8(ascii: "\n"))
    }
}
