/// How much a metric's consumers (dashboards, alerts, recording rules) may rely on it, after
/// Kubernetes' metrics stability framework. `metrics-schema diff` enforces the promises.
///
/// | level | promise | what `diff` reports as an error |
/// |---|---|---|
/// | `alpha` | none: may change or disappear in any release | nothing (breaking changes are warnings) |
/// | `beta` (default) | name, type, unit and existing labels stay; labels may be added | every breaking change |
/// | `stable` | as beta, and the label set, closed values and buckets stay too | breaking changes, plus added labels, removed constant labels and changed buckets |
///
/// Unset means `beta`: a schema is a contract unless a metric is declared experimental. (Kubernetes
/// defaults to alpha because most of its metrics are internal; a schema usually describes what a
/// service promises to its dashboards.) Removing any non-alpha metric is breaking even after a
/// deprecation period — the deprecation gives consumers the time, the diff makes the removal visible.
public enum Stability: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Experimental: no promise.
    case alpha
    /// The default: changes are additive.
    case beta
    /// Frozen: the series set and its buckets do not change either.
    case stable

    /// The level of a metric without `stability:`.
    public static let defaultLevel = Stability.beta

    private var rank: Int {
        switch self {
        case .alpha: 0
        case .beta: 1
        case .stable: 2
        }
    }

    public static func < (lhs: Stability, rhs: Stability) -> Bool { lhs.rank < rhs.rank }
}

/// `deprecated: {since: "1.4.0", replacement: new_name, note: "…"}` on a metric.
///
/// The generated accessors carry `@available(*, deprecated, message:, renamed:)`, so every call site
/// warns at build time, and the exposed HELP starts with "(Deprecated since 1.4.0)" as in Kubernetes.
public struct Deprecation: Sendable, Hashable {
    /// The release in which the metric was deprecated (any version string, for example `1.4.0`).
    public var since: String
    /// The metric to use instead (its `name` in the same schema, or a full name with prefix), if any.
    public var replacement: String?
    /// Why, or what to do, in one sentence.
    public var note: String?
    /// Where `deprecated:` is.
    public var location: SourceLocation
    /// Where `replacement:` is (or `location`).
    public var replacementLocation: SourceLocation

    /// Creates a deprecation.
    public init(since: String, replacement: String? = nil, note: String? = nil, location: SourceLocation, replacementLocation: SourceLocation? = nil) {
        self.since = since
        self.replacement = replacement
        self.note = note
        self.location = location
        self.replacementLocation = replacementLocation ?? location
    }

    /// The HELP prefix: `(Deprecated since 1.4.0) `.
    public var helpPrefix: String { "(Deprecated since \(since)) " }
}

extension MetricDefinition {
    /// The declared stability, or the default (`beta`).
    public var effectiveStability: Stability { stability ?? .defaultLevel }

    /// The HELP text as exposed: with "(Deprecated since X) " in front for a deprecated metric.
    public var exposedHelp: String { (deprecation?.helpPrefix ?? "") + help }
}
