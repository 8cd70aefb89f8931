/// The runtime profile a schema's defaults follow, the build-time side of the runtime's
/// `MetricsProfile`: `profile:` in the schema, else `"profile"` in the target's
/// `metrics-schema.json` (`metrics-schema generate|lint --profile`), else ``dynamo``.
///
/// | | ``dynamo`` (the default) | ``neutral`` |
/// |---|---|---|
/// | prefix of a schema without `prefix:` | `dynamo_component` | none |
/// | hierarchy labels a schema may not declare | `dynamo_namespace`, `dynamo_component`, `dynamo_endpoint`, `worker_id` | `namespace`, `component`, `endpoint`, `worker_id` |
///
/// An explicit `prefix:` wins under both profiles. Choose the profile of the runtime the metrics
/// are recorded into (`MetricsConfiguration.neutral` ↔ `neutral`).
public enum SchemaProfile: String, Sendable, Hashable, Codable, CaseIterable {
    /// Dynamo's conventions: the defaults of every schema written before profiles existed.
    case dynamo
    /// No Dynamo names: for a service that has never heard of Dynamo.
    case neutral

    /// The profile used when neither the schema nor the configuration chooses one.
    public static let defaultProfile = SchemaProfile.dynamo

    /// The prefix of a schema that does not set `prefix:` (the empty string: no prefix).
    public var defaultPrefix: String {
        switch self {
        case .dynamo: "dynamo_component"
        case .neutral: ""
        }
    }

    /// The labels the runtime of this profile adds from the hierarchy (and `worker_id`).
    public var hierarchyLabelNames: [String] {
        switch self {
        case .dynamo: ["dynamo_namespace", "dynamo_component", "dynamo_endpoint", "worker_id"]
        case .neutral: ["namespace", "component", "endpoint", "worker_id"]
        }
    }
}
