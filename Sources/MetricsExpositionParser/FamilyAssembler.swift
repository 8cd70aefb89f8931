/// Routes samples to their families and regroups histogram and summary lines into series.
struct FamilyAssembler {
    let dialect: ExpositionDialect

    private struct SeriesBuilder {
        var labels: [ParsedLabel]
        var line: Int
        var timestamp: Double?
        var single: Double?
        var created: Double?
        var histogram = ParsedHistogram()
        var summary = ParsedSummary()
    }

    private struct FamilyBuilder {
        var name: String
        var type: ParsedMetricType = .untyped
        var declared = false
        var help: String?
        var unit: String?
        var hasSamples = false
        var series: [SeriesBuilder] = []
        var seriesByKey: [[ParsedLabel]: Int] = [:]
    }

    private var families: [FamilyBuilder] = []
    private var byName: [String: Int] = [:]
    /// The family of the latest metadata line: its samples usually follow.
    private var current: Int?
    private var samples: [ParsedSample] = []
    private var problems: [ExpositionProblem] = []

    init(dialect: ExpositionDialect) { self.dialect = dialect }

    mutating func problem(_ line: Int, _ text: ArraySlice<UInt8>, _ reason: String) {
        problems.append(ExpositionProblem(line: line, text: String(decoding: text.prefix(200), as: UTF8.self), reason: reason))
    }

    // MARK: metadata

    private mutating func metadataFamily(_ name: String) -> Int {
        if let index = byName[name] {
            current = index
            return index
        }
        families.append(FamilyBuilder(name: name))
        byName[name] = families.count - 1
        current = families.count - 1
        return families.count - 1
    }

    mutating func setHelp(_ help: String, family name: String, line: Int) throws(LineError) {
        let index = metadataFamily(name)
        guard families[index].help == nil else { throw LineError("second # HELP for \(name)") }
        families[index].help = help
    }

    mutating func setType(_ type: ParsedMetricType, family name: String, line: Int) throws(LineError) {
        let index = metadataFamily(name)
        guard !families[index].declared else { throw LineError("second # TYPE for \(name)") }
        guard !families[index].hasSamples else { throw LineError("# TYPE for \(name) after its samples") }
        families[index].type = type
        families[index].declared = true
    }

    mutating func setUnit(_ unit: String, family name: String, line: Int) throws(LineError) {
        let index = metadataFamily(name)
        guard families[index].unit == nil else { throw LineError("second # UNIT for \(name)") }
        families[index].unit = unit
    }

    // MARK: samples

    /// What a sample line is within its family.
    private enum Part { case value, created, bucket, sum, count, quantile }

    private func part(of sample: String, in family: FamilyBuilder) -> Part? {
        let name = family.name
        func suffix(_ tail: String) -> Bool {
            sample.utf8.count == name.utf8.count + tail.utf8.count && sample.hasPrefix(name) && sample.hasSuffix(tail)
        }
        switch family.type {
        case .counter:
            if dialect == .openMetrics {
                if suffix("_total") { return .value }
                if suffix("_created") { return .created }
                return nil
            }
            return sample == name ? .value : nil
        case .gauge, .untyped, .unknown, .stateset:
            return sample == name ? .value : nil
        case .info:
            return sample == (dialect == .openMetrics ? name + "_info" : name) ? .value : nil
        case .histogram, .gaugehistogram:
            let gauge = family.type == .gaugehistogram
            if suffix("_bucket") { return .bucket }
            if suffix(gauge ? "_gsum" : "_sum") { return .sum }
            if suffix(gauge ? "_gcount" : "_count") { return .count }
            if !gauge, suffix("_created") { return .created }
            return nil
        case .summary:
            if sample == name { return .quantile }
            if suffix("_sum") { return .sum }
            if suffix("_count") { return .count }
            if suffix("_created") { return .created }
            return nil
        }
    }

    private static let suffixes = ["_bucket", "_sum", "_count", "_created", "_total", "_gsum", "_gcount", "_info"]

    /// The family a sample belongs to: the one whose metadata precedes it, else a family named
    /// like it (with a type suffix removed), else a new family without `# TYPE`.
    private mutating func family(for name: String) throws(LineError) -> (Int, Part) {
        if let index = current, let part = part(of: name, in: families[index]) { return (index, part) }
        if let index = byName[name] {
            if let part = part(of: name, in: families[index]) { return (index, part) }
        }
        for tail in Self.suffixes where name.hasSuffix(tail) {
            let base = String(name.utf8.dropLast(tail.utf8.count)) ?? ""
            if let index = byName[base], families[index].declared, let part = part(of: name, in: families[index]) {
                return (index, part)
            }
        }
        if let index = byName[name] {
            throw LineError("sample \(name) does not fit the \(families[index].type.rawValue) family \(name)")
        }
        families.append(FamilyBuilder(name: name))
        byName[name] = families.count - 1
        return (families.count - 1, .value)
    }

    mutating func add(_ sample: ParsedSample) throws(LineError) {
        let (index, part) = try family(for: sample.name)
        var labels = sample.labels
        var position: Double?
        switch part {
        case .bucket, .quantile:
            let key = part == .bucket ? "le" : "quantile"
            guard let at = labels.firstIndex(where: { $0.name == key }) else {
                throw LineError("\(sample.name) has no \(key) label")
            }
            guard let bound = LineLexer.number(ArraySlice(labels[at].value.utf8)), !bound.isNaN else {
                throw LineError("invalid \(key) \"\(labels[at].value.prefix(64))\" in \(sample.name)")
            }
            position = bound
            labels.remove(at: at)
        default:
            break
        }
        let key = labels.sorted { $0.name < $1.name }
        var family = families[index]
        families[index] = FamilyBuilder(name: "")  // keep the array's storage unique while editing
        defer { families[index] = family }
        let seriesIndex: Int
        if let existing = family.seriesByKey[key] {
            seriesIndex = existing
        } else {
            family.series.append(SeriesBuilder(labels: labels, line: sample.line))
            seriesIndex = family.series.count - 1
            family.seriesByKey[key] = seriesIndex
        }
        family.hasSamples = true
        var series = family.series[seriesIndex]
        let duplicate = LineError("duplicate sample \(sample.name) for the same labels")
        switch part {
        case .value:
            guard series.single == nil else { throw duplicate }
            series.single = sample.value
        case .created:
            guard series.created == nil else { throw duplicate }
            series.created = sample.value
            series.histogram.created = sample.value
            series.summary.created = sample.value
        case .sum:
            guard series.histogram.sum == nil else { throw duplicate }
            series.histogram.sum = sample.value
            series.summary.sum = sample.value
        case .count:
            guard series.histogram.count == nil else { throw duplicate }
            series.histogram.count = sample.value
            series.summary.count = sample.value
        case .bucket:
            let bound = position ?? .infinity
            guard !series.histogram.buckets.contains(where: { $0.upperBound == bound }) else { throw duplicate }
            series.histogram.buckets.append(ParsedBucket(upperBound: bound, cumulativeCount: sample.value))
        case .quantile:
            let quantile = position ?? 0
            guard !series.summary.quantiles.contains(where: { $0.quantile == quantile }) else { throw duplicate }
            series.summary.quantiles.append(ParsedQuantile(quantile: quantile, value: sample.value))
        }
        if sample.timestamp != nil { series.timestamp = sample.timestamp }
        family.series[seriesIndex] = series
        samples.append(sample)
    }

    // MARK: result

    mutating func finish(sawEOF: Bool) -> ParsedExposition {
        var result = [ParsedFamily]()
        result.reserveCapacity(families.count)
        for family in families {
            var series = [ParsedSeries]()
            series.reserveCapacity(family.series.count)
            for builder in family.series {
                let value: ParsedValue
                switch family.type.kind {
                case .counter, .gauge:
                    guard let single = builder.single else {
                        problem(builder.line, [], "\(family.name) has a _created sample but no value for these labels")
                        continue
                    }
                    value = .single(single, created: builder.created)
                case .histogram:
                    var histogram = builder.histogram
                    histogram.buckets.sort { $0.upperBound < $1.upperBound }
                    value = .histogram(histogram)
                case .summary:
                    value = .summary(builder.summary)
                }
                series.append(ParsedSeries(labels: builder.labels, value: value, timestamp: builder.timestamp, line: builder.line))
            }
            let valueName = family.type == .counter && dialect == .openMetrics ? family.name + "_total" : family.name
            result.append(ParsedFamily(
                name: family.name, type: family.type, help: family.help, unit: family.unit, series: series,
                declared: family.declared, valueSampleName: valueName
            ))
        }
        problems.sort { $0.line < $1.line }
        return ParsedExposition(dialect: dialect, families: result, samples: samples, problems: problems, sawEOF: sawEOF)
    }
}
