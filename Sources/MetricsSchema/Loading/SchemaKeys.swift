/// The keys the loader accepts, per YAML mapping. The JSON Schema in
/// `schemas/metrics-schema.schema.json` is tested against these lists, so they stay in sync.
public enum SchemaKeys {
    /// Top-level keys.
    public static let root = ["version", "profile", "prefix", "type_name", "access", "metrics"] + bindingRoot
    /// Top-level keys about binding: `binding`, `bound_labels`, `prefix_parameter`, `prefix_env`.
    public static let bindingRoot = ["binding", "bound_labels", "prefix_parameter", "prefix_env"]
    /// Top-level keys that must be present.
    public static let requiredRoot = ["version", "metrics"]
    /// Keys of one entry of `metrics:`.
    public static let metric = [
        "name", "type", "help", "value", "unit", "labels", "const_labels", "buckets", "no_lint", "stability", "deprecated",
    ]
    /// Keys every metric must have.
    public static let requiredMetric = ["name", "type", "help"]
    /// Keys of a label written as a mapping (`- name: memory_type` / `values: […]`).
    public static let label = ["name", "values", "help"]
    /// Keys of a label mapping that must be present.
    public static let requiredLabel = ["name"]
    /// Keys of a closed value written as a mapping (`- {value: "+", swift_name: plus}`).
    public static let labelValue = ["value", "swift_name"]
    /// Keys of a closed value mapping that must be present.
    public static let requiredLabelValue = ["value"]
    /// Keys of `deprecated:`.
    public static let deprecation = ["since", "replacement", "note"]
    /// Keys of `deprecated:` that must be present.
    public static let requiredDeprecation = ["since"]
    /// The one key of a generated-buckets mapping.
    public static let bucketGenerators = ["linear", "exponential", "log"]
    /// Keys of `buckets: {linear: {…}}`.
    public static let linearBuckets = ["start", "width", "count"]
    /// Keys of `buckets: {exponential: {…}}`.
    public static let exponentialBuckets = ["start", "factor", "count"]
    /// Keys of `buckets: {log: {…}}` (Dynamo's `generate_log_buckets`).
    public static let logBuckets = ["min", "max", "count", "env"]
    /// Keys of `buckets: {log: {…}}` that must be present.
    public static let requiredLogBuckets = ["min", "max", "count"]
}
