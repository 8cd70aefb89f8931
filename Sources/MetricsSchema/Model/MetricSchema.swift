/// One schema file after loading: its settings and its metrics, each with the place it came from.
public struct MetricSchema: Sendable, Hashable {
    /// The default metric-name prefix, the runtime's default (`dynamo_component`).
    public static let defaultPrefix = "dynamo_component"
    /// The only schema format version this compiler understands.
    public static let supportedVersion = 1
    /// Label names a schema may not declare: the buckets and quantile labels, and the labels the
    /// runtime adds from the hierarchy (with its default configuration).
    public static let reservedLabelNames = [
        "le", "quantile", "dynamo_namespace", "dynamo_component", "dynamo_endpoint", "worker_id",
    ]

    /// The path of the schema file, exactly as given.
    public var file: String
    /// The format version (`version:`).
    public var version: Int
    /// The metric-name prefix; the empty string means "no prefix".
    public var prefix: String
    /// The name of the generated Swift type (`type_name:` or derived from the file name).
    public var typeName: String
    /// Where `type_name:` is, or the start of the file when the name was derived.
    public var typeNameLocation: SourceLocation
    /// Where `prefix:` is, or the start of the file when the default applies.
    public var prefixLocation: SourceLocation
    /// The metrics in schema order.
    public var metrics: [MetricDefinition]
    /// The access level chosen by the schema (`access:`); `nil` leaves it to the generator's default.
    public var accessLevel: AccessLevel?

    /// Creates a schema.
    public init(
        file: String,
        version: Int = MetricSchema.supportedVersion,
        prefix: String = MetricSchema.defaultPrefix,
        typeName: String,
        typeNameLocation: SourceLocation? = nil,
        prefixLocation: SourceLocation? = nil,
        metrics: [MetricDefinition]
    ) {
        self.file = file
        self.version = version
        self.prefix = prefix
        self.typeName = typeName
        self.typeNameLocation = typeNameLocation ?? SourceLocation(file: file, line: 1, column: 1)
        self.prefixLocation = prefixLocation ?? SourceLocation(file: file, line: 1, column: 1)
        self.metrics = metrics
    }

    /// `prefix_name`, or `name` when the schema has no prefix: the name Prometheus sees.
    public func fullName(of metric: MetricDefinition) -> String {
        prefix.isEmpty ? metric.name : "\(prefix)_\(metric.name)"
    }
}
