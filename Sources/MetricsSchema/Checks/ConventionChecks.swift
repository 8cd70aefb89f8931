/// Warnings for Prometheus naming conventions (promlint's rules, checked at build time).
enum ConventionChecks {
    /// Name parts that are not base units, and the base unit to use instead.
    static let nonBaseUnits: [String: String] = [
        "milliseconds": "seconds", "microseconds": "seconds", "nanoseconds": "seconds", "minutes": "seconds",
        "hours": "seconds", "days": "seconds", "weeks": "seconds",
        "bits": "bytes", "kilobytes": "bytes", "megabytes": "bytes", "gigabytes": "bytes", "terabytes": "bytes",
        "kibibytes": "bytes", "mebibytes": "bytes", "gibibytes": "bytes",
        "percent": "ratio", "percentage": "ratio", "percents": "ratio",
        "inches": "meters", "yards": "meters", "miles": "meters", "calories": "joules",
        "pounds": "grams", "ounces": "grams", "fahrenheit": "celsius", "rankine": "celsius",
    ]
    /// Abbreviated units (promlint's LintUnitAbbreviations) and what to write instead.
    static let abbreviations: [String: String] = [
        "s": "seconds", "sec": "seconds", "secs": "seconds", "ms": "seconds", "us": "seconds", "ns": "seconds",
        "b": "bytes", "kb": "bytes", "mb": "bytes", "gb": "bytes", "tb": "bytes", "pb": "bytes",
        "m": "meters", "h": "seconds", "d": "seconds",
    ]

    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        for metric in schema.metrics where PrometheusSyntax.isValidMetricName(metric.name) {
            checkSuffixes(metric, into: &context)
            checkUnits(metric, into: &context)
            if metric.name.contains(where: \.isUppercase) {
                context.warning(
                    "camel-case", "metric name '\(metric.name)' is camelCase", at: metric.nameLocation,
                    hint: "use snake_case: '\(snakeCase(metric.name))'", for: metric)
            }
            for label in metric.labels where label.name.contains(where: \.isUppercase) {
                context.warning(
                    "camel-case", "label name '\(label.name)' is camelCase", at: label.location,
                    hint: "use snake_case: '\(snakeCase(label.name))'", for: metric)
            }
        }
    }

    private static func checkSuffixes(_ metric: MetricDefinition, into context: inout CheckContext) {
        let name = metric.name
        if metric.type == .counter, !name.hasSuffix("_total") {
            let snake = snakeCase(name)  // `requestsTotal` → `requests_total`, not `requestsTotal_total`
            context.warning(
                "counter-total", "counter '\(name)' should end in '_total'", at: metric.nameLocation,
                hint: "rename it to '\(snake.hasSuffix("_total") ? snake : snake + "_total")'", for: metric)
        } else if metric.type != .counter, name.hasSuffix("_total") {
            context.warning(
                "total-suffix", "only counters should end in '_total', but '\(name)' is a \(metric.type.rawValue)",
                at: metric.nameLocation, for: metric)
        }
        if metric.type != .histogram, let suffix = ["_bucket", "_count", "_sum"].first(where: name.hasSuffix) {
            context.warning(
                "reserved-suffix", "'\(suffix)' is reserved for histogram and summary series, but '\(name)' is a \(metric.type.rawValue)",
                at: metric.nameLocation, for: metric)
        }
        let parts = name.split(separator: "_").map { $0.lowercased() }
        if let typeWord = parts.first(where: { ["counter", "gauge", "histogram"].contains($0) }) {
            context.warning(
                "type-in-name", "metric name '\(name)' contains its type ('\(typeWord)')", at: metric.nameLocation,
                hint: "the type is already in the '# TYPE' line", for: metric)
        }
    }

    private static func checkUnits(_ metric: MetricDefinition, into context: inout CheckContext) {
        let parts = metric.name.split(separator: "_").map { $0.lowercased() }
        for (index, part) in parts.enumerated() {
            if let base = nonBaseUnits[part] {
                let renamed = replacingWord(at: index, of: metric.name, with: base)
                context.warning(
                    "non-base-unit", "metric name '\(metric.name)' uses the unit '\(part)'", at: metric.nameLocation,
                    hint: base == "ratio"
                        ? "use a 0–1 '_ratio' instead: '\(renamed)'" : "use the base unit '\(base)' instead: '\(renamed)'",
                    for: metric)
            } else if index > 0, let base = abbreviations[part] {  // a unit is never the first word
                context.warning(
                    "unit-abbreviation", "metric name '\(metric.name)' uses the abbreviated unit '\(part)'",
                    at: metric.nameLocation,
                    hint: "spell out the base unit: '\(replacingWord(at: index, of: metric.name, with: base))'", for: metric)
            }
        }
        guard let unit = metric.unit, PrometheusSyntax.isValidLabelName(unit) else { return }
        if let base = nonBaseUnits[unit.lowercased()] ?? abbreviations[unit.lowercased()] {
            context.warning(
                "non-base-unit", "unit '\(unit)' is not a base unit", at: metric.unitLocation,
                hint: base == "ratio" ? "use 'ratio' with values from 0 to 1" : "use '\(base)'", for: metric)
        }
        var stem = metric.name
        if metric.type == .counter, stem.hasSuffix("_total") { stem.removeLast("_total".count) }
        if !stem.hasSuffix("_" + unit), stem != unit {
            // A name that already ends in a (different) unit gets that unit replaced, never a second one.
            var words = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
            if words.count > 1, let last = words.last?.lowercased(), isUnitWord(last) { words.removeLast() }
            let renamed = words.joined(separator: "_") + "_" + unit + (metric.type == .counter ? "_total" : "")
            context.warning(
                "unit-suffix", "metric '\(metric.name)' has unit '\(unit)' but its name does not end in '_\(unit)'",
                at: metric.unitLocation, hint: "name it '\(renamed)'", for: metric)
        }
    }

    /// Base units (OpenMetrics and client_golang names) that may end a metric name.
    static let baseUnits: Set<String> = [
        "seconds", "bytes", "ratio", "meters", "grams", "joules", "volts", "amperes", "celsius", "kelvin",
        "hertz", "watts",
    ]

    /// Whether `word` names a unit: a base unit, a non-base unit or an abbreviation.
    private static func isUnitWord(_ word: String) -> Bool {
        baseUnits.contains(word) || nonBaseUnits[word] != nil || abbreviations[word] != nil
    }

    /// `name` with its `index`-th `_`-separated word replaced: `latency_ms`, 1, `seconds` → `latency_seconds`.
    private static func replacingWord(at index: Int, of name: String, with word: String) -> String {
        var words = name.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        var nonEmpty = 0
        for position in words.indices where !words[position].isEmpty {
            if nonEmpty == index {
                words[position] = word
                break
            }
            nonEmpty += 1
        }
        return words.joined(separator: "_")
    }

    /// `requestsTotal` → `requests_total`, `HTTPRequestsTotal` → `http_requests_total`,
    /// `requestCount_total` → `request_count_total`: a word starts at an upper-case letter that follows
    /// a lower-case letter or digit, or that begins the last capital of an acronym followed by a lower-case letter.
    static func snakeCase(_ name: String) -> String {
        let characters = Array(name)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0, !result.hasSuffix("_") {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && next?.isLowercase == true) {
                    result += "_"
                }
            }
            result += character.lowercased()
        }
        return result
    }
}
