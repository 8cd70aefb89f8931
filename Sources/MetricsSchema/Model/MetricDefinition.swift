/// The Prometheus metric types a schema can declare.
public enum MetricType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A monotonically increasing value.
    case counter
    /// A value that goes up and down.
    case gauge
    /// Observations counted into buckets, with `_bucket`, `_sum` and `_count` series.
    case histogram
}

/// The value type of a counter or gauge.
public enum MetricValueType: String, Sendable, Hashable, Codable, CaseIterable {
    /// `Double` values: `Counter`, `Gauge` (the default).
    case double
    /// `Int` values: `IntCounter`, `IntGauge`.
    case int
}

/// One metric of a schema.
public struct MetricDefinition: Sendable, Hashable {
    /// The metric name without the schema prefix (`requests_total`).
    public var name: String
    /// The metric type.
    public var type: MetricType
    /// The value type (`value:`); only counters and gauges may use `.int`.
    public var valueType: MetricValueType
    /// The help text (`# HELP`), also used as the generated documentation comment.
    public var help: String
    /// The OpenMetrics unit (`unit:`), for example `seconds` or `bytes`.
    public var unit: String?
    /// The variable labels, in schema order (the order of the generated accessor's arguments).
    public var labels: [LabelDefinition]
    /// Constant labels added to every series, in schema order.
    public var constantLabels: [ConstantLabel]
    /// The histogram buckets (`buckets:`); `nil` means the runtime's default buckets.
    public var buckets: BucketSpec?
    /// Where the metric's entry starts (its `- ` item).
    public var location: SourceLocation
    /// Where the `name:` value is.
    public var nameLocation: SourceLocation
    /// Where the `type:` value is.
    public var typeLocation: SourceLocation
    /// Where the `value:` value is (or the metric's location when absent).
    public var valueTypeLocation: SourceLocation
    /// Where the `unit:` value is (or the metric's location when absent).
    public var unitLocation: SourceLocation
    /// Where the `buckets:` value is (or the metric's location when absent).
    public var bucketsLocation: SourceLocation
    /// Where each bound of an explicit bucket list is, parallel to the list.
    public var bucketBoundLocations: [SourceLocation]
    /// Warning codes silenced for this metric (`no_lint:`), for names that must stay as they are.
    public var noLint: Set<String> = []
    /// The declared stability (`stability:`); `nil` means the default, see `effectiveStability`.
    public var stability: Stability?
    /// Where `stability:` is (or the metric's location).
    public var stabilityLocation: SourceLocation?
    /// The deprecation (`deprecated:`), if the metric is deprecated.
    public var deprecation: Deprecation?

    /// The codes of the convention warnings, the values `no_lint:` accepts.
    public static let lintCodes = [
        "counter-total", "total-suffix", "non-base-unit", "unit-abbreviation", "camel-case", "type-in-name",
        "colon-in-name", "reserved-suffix", "unit-suffix", "stable-open-label",
    ]

    /// Creates a metric; locations not given default to `location`.
    public init(
        name: String,
        type: MetricType,
        valueType: MetricValueType = .double,
        help: String,
        unit: String? = nil,
        labels: [LabelDefinition] = [],
        constantLabels: [ConstantLabel] = [],
        buckets: BucketSpec? = nil,
        location: SourceLocation,
        nameLocation: SourceLocation? = nil,
        typeLocation: SourceLocation? = nil,
        valueTypeLocation: SourceLocation? = nil,
        unitLocation: SourceLocation? = nil,
        bucketsLocation: SourceLocation? = nil,
        bucketBoundLocations: [SourceLocation] = []
    ) {
        self.name = name
        self.type = type
        self.valueType = valueType
        self.help = help
        self.unit = unit
        self.labels = labels
        self.constantLabels = constantLabels
        self.buckets = buckets
        self.location = location
        self.nameLocation = nameLocation ?? location
        self.typeLocation = typeLocation ?? location
        self.valueTypeLocation = valueTypeLocation ?? location
        self.unitLocation = unitLocation ?? location
        self.bucketsLocation = bucketsLocation ?? location
        self.bucketBoundLocations = bucketBoundLocations
    }

    /// Whether every label has a closed value set (so all series can be created up front).
    public var allLabelsClosed: Bool { !labels.isEmpty && labels.allSatisfy { $0.values != nil } }

    /// The number of series when every label is closed: the product of the value-set sizes.
    public var closedSeriesCount: Int? {
        guard allLabelsClosed else { return nil }
        var product = 1
        for label in labels {
            let (next, overflow) = product.multipliedReportingOverflow(by: label.values?.count ?? 0)
            if overflow { return Int.max }
            product = next
        }
        return product
    }
}

/// A variable label of a metric.
public struct LabelDefinition: Sendable, Hashable {
    /// The most values a closed set may list. Each value becomes an enum case in the generated code;
    /// far beyond this the Swift file (and its type-checking) grows without being useful.
    public static let maximumClosedValues = 1_000

    /// The Prometheus label name (`memory_type`).
    public var name: String
    /// The closed set of allowed values, in schema order; `nil` means any string.
    public var values: [String]?
    /// Where the label name is.
    public var location: SourceLocation
    /// Where each value is, parallel to `values`.
    public var valueLocations: [SourceLocation]
    /// The Swift case name chosen in the schema (`- {value: "+", swift_name: plus}`), parallel to
    /// `values`; `nil` (or an empty list) means "derived from the value".
    public var valueSwiftNames: [String?] = []
    /// What the label means (`help:`), documented as the accessor's `- Parameter`.
    public var help: String?

    /// Creates a label.
    public init(name: String, values: [String]? = nil, location: SourceLocation, valueLocations: [SourceLocation] = []) {
        self.name = name
        self.values = values
        self.location = location
        self.valueLocations = valueLocations
    }

    /// The Swift case name chosen for the value at `index`, if the schema chose one.
    public func swiftName(ofValueAt index: Int) -> String? {
        valueSwiftNames.indices.contains(index) ? valueSwiftNames[index] : nil
    }
}

/// A constant label (`const_labels:`), added to every series of the metric.
public struct ConstantLabel: Sendable, Hashable {
    /// The label name.
    public var name: String
    /// The label value, exactly as written (YAML 1.1 words like `on` stay strings).
    public var value: String
    /// Where the label name is.
    public var location: SourceLocation

    /// Creates a constant label.
    public init(name: String, value: String, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}
