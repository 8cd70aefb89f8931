/// How schema names become Swift identifiers. Shared by the checks (collision detection) and the
/// code generator, so both always agree.
///
/// - Words are the runs of ASCII letters and digits; everything else separates words
///   (`model_type`, `model-type` and `model.type` are all `model`, `type`).
/// - lowerCamelCase lowercases the first word (all of it when it is all capitals: `GET` → `get`)
///   and capitalizes the first letter of each following word: `requests_by_model` → `requestsByModel`.
/// - UpperCamelCase capitalizes every word: `memory_type` → `MemoryType`.
/// - A result that starts with a digit gets a leading `_` (`7b` → `_7b`).
/// - Keywords are escaped with backticks when used (`default` is written between backticks).
public enum SwiftNames {
    /// Words that must be escaped with backticks to be used as identifiers.
    public static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "_",
    ]

    /// Identifiers that cannot be used as generated members even with backticks, or that the
    /// generated code already uses (`shared`, `metricPrefix`).
    public static let reservedMembers: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "shared", "metricPrefix",
    ]

    /// Type names the generated code refers to; a generated type with one of these names would shadow them.
    public static let reservedTypeNames: Set<String> = [
        "Counter", "IntCounter", "Gauge", "IntGauge", "Histogram", "MetricVec", "CounterVec", "IntCounterVec",
        "GaugeVec", "IntGaugeVec", "HistogramVec", "MetricsRuntime", "MetricsHierarchy", "MetricsRegistry",
        "MetricsError", "MetricsConfiguration", "Namespace", "Component", "Endpoint", "Buckets",
        "String", "Int", "Double", "Bool", "Array", "Sendable", "CaseIterable", "Swift", "Names",
        "Self", "Type", "Protocol", "Any", "AnyObject",
    ]

    /// The ASCII letter-and-digit runs of `raw`.
    public static func words(_ raw: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in raw.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `requests_by_model` → `requestsByModel`; `nil` when `raw` has no letters or digits.
    public static func lowerCamelCase(_ raw: String) -> String? {
        let parts = words(raw)
        guard let first = parts.first else { return nil }
        let head = isAllUppercase(first) ? first.lowercased() : lowercasingFirst(first)
        return guardLeadingDigit(head + parts.dropFirst().map(uppercasingFirst).joined())
    }

    /// `memory_type` → `MemoryType`; `nil` when `raw` has no letters or digits.
    public static func upperCamelCase(_ raw: String) -> String? {
        let parts = words(raw)
        guard !parts.isEmpty else { return nil }
        return guardLeadingDigit(parts.map(uppercasingFirst).joined())
    }

    /// The enum case for a closed label value: lowerCamelCase, and `empty` for the empty string.
    public static func caseName(forValue value: String) -> String? {
        value.isEmpty ? "empty" : lowerCamelCase(value)
    }

    /// `identifier`, wrapped in backticks when it is a keyword.
    public static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// An enum case name, declared or referenced after `.`: keywords and the names that mean
    /// something after a dot (`.Type`, `.Protocol`, `.init`, `.self`) are wrapped in backticks, which
    /// Swift 6 accepts for every one of them (a case named `self` is declared and used between backticks).
    public static func escapedCase(_ identifier: String) -> String {
        keywords.contains(identifier) || ["Type", "Protocol"].contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Whether `name` is a plain Swift identifier (ASCII letters, digits, `_`; not starting with a digit).
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
    }

    /// The generated type name for a schema file without `type_name:`: `frontend.metrics.yaml` →
    /// `FrontendMetrics`, `metrics.yaml` → `Metrics`; `nil` if none can be made.
    public static func derivedTypeName(forFile path: String) -> String? {
        var stem = String(path.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        for suffix in [".yaml", ".yml", ".metrics"] where stem.lowercased().hasSuffix(suffix) {
            stem.removeLast(suffix.count)
        }
        if stem.isEmpty || stem.lowercased() == "metrics" { return "Metrics" }
        guard let base = upperCamelCase(stem), !base.hasPrefix("_") else { return nil }
        return base.hasSuffix("Metrics") ? base : base + "Metrics"
    }

    private static func isAllUppercase(_ word: String) -> Bool {
        word.unicodeScalars.allSatisfy { !$0.properties.isLowercase }
    }

    private static func lowercasingFirst(_ word: String) -> String {
        word.prefix(1).lowercased() + word.dropFirst()
    }

    private static func uppercasingFirst(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    private static func guardLeadingDigit(_ identifier: String) -> String {
        guard let first = identifier.unicodeScalars.first, ("0"..."9").contains(first) else { return identifier }
        return "_" + identifier
    }
}
