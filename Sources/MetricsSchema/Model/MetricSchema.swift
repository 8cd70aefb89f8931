/// One schema file after loading: its settings and its metrics, each with the place it came from.
public struct MetricSchema: Sendable, Hashable {
    /// The default metric-name prefix under the default profile (`dynamo_component`); see
    /// ``SchemaProfile/defaultPrefix``.
    public static let defaultPrefix = SchemaProfile.defaultProfile.defaultPrefix
    /// The only schema format version this compiler understands.
    public static let supportedVersion = 1
    /// Label names a schema may not declare: the buckets and quantile labels, and the labels the
    /// runtime adds from the hierarchy (with its default configuration, the Dynamo profile).
    public static let reservedLabelNames = alwaysReservedLabelNames + SchemaProfile.dynamo.hierarchyLabelNames
    /// The labels a schema may never declare, whatever its binding: bucket bounds and quantiles.
    public static let alwaysReservedLabelNames = ["le", "quantile"]

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
    /// Where the generated type registers its metrics (`binding:`).
    public var binding: SchemaBinding = .hierarchy
    /// Labels whose values are given when the type is bound (`bound_labels:`), added to every
    /// series of every metric of the schema.
    public var boundLabels: [BoundName] = []
    /// A name part given when the type is bound (`prefix_parameter:`): metrics are exposed as
    /// `<prefix>_<value>_<name>`.
    public var prefixParameter: BoundName?
    /// An environment variable that overrides ``prefix`` when the type is bound (`prefix_env:`,
    /// Dynamo's `DYN_METRICS_PREFIX`): sanitized like a metric name; unset, empty or unsanitizable
    /// keeps ``prefix``. Names in generated constants and docs use ``prefix``.
    public var prefixEnvironment: BoundName?

    /// Whether the generated type needs values at bind time (then it has no `shared` instance).
    public var hasBindParameters: Bool { !boundLabels.isEmpty || prefixParameter != nil }

    /// The label names this schema may not declare: `le`, `quantile`, and unless the binding is
    /// ``SchemaBinding/raw``, the automatic hierarchy labels of its profile.
    public var reservedLabelNames: [String] {
        binding == .raw
            ? Self.alwaysReservedLabelNames
            : Self.alwaysReservedLabelNames + (profile ?? .defaultProfile).hierarchyLabelNames
    }
    /// The profile chosen by the schema (`profile:`), or applied by ``applyDefaultProfile(_:)``;
    /// `nil` means ``SchemaProfile/defaultProfile``.
    public var profile: SchemaProfile?
    /// Whether the schema sets `prefix:` itself (then no profile changes it).
    public var hasExplicitPrefix = false

    /// Gives a schema that does not choose its profile `profile` (from the target's
    /// `metrics-schema.json` or `--profile`), and with it that profile's default prefix unless
    /// the schema sets `prefix:`.
    public mutating func applyDefaultProfile(_ profile: SchemaProfile) {
        guard self.profile == nil else { return }
        self.profile = profile
        if !hasExplicitPrefix { prefix = profile.defaultPrefix }
    }
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
    /// With a ``prefixParameter`` the parameter appears as `<name>`:
    /// `dynamo_component_<tracker>_tasks_issued_total`.
    public func fullName(of metric: MetricDefinition) -> String {
        let parts = [prefix, prefixParameter.map { "<\($0.name)>" } ?? "", metric.name]
        return parts.filter { !$0.isEmpty }.joined(separator: "_")
    }
}

/// Where a generated type registers its metrics.
public enum SchemaBinding: String, Sendable, Hashable, CaseIterable {
    /// On the node it is bound to, with that node's automatic hierarchy labels (the default).
    case hierarchy
    /// On the runtime's raw registry: no hierarchy labels, no `worker_id`, as Dynamo's plain
    /// `prometheus::Registry` families (the frontend, raw work-handler histograms).
    case raw
}

/// A name declared in a schema whose value is given when the generated type is bound.
public struct BoundName: Sendable, Hashable {
    /// The Prometheus name (`router_id`).
    public var name: String
    /// Where it is declared.
    public var location: SourceLocation

    /// Creates a bound name.
    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}
