/// One difference between two versions of a set of schemas, classified for the dashboards, alerts
/// and queries built on the metric.
public struct SchemaChange: Sendable, Hashable, Codable {
    /// What changed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case metricAdded = "metric-added", metricRemoved = "metric-removed", metricRenamed = "metric-renamed"
        case prefixChanged = "prefix-changed", typeChanged = "type-changed", valueTypeChanged = "value-type-changed"
        case unitAdded = "unit-added", unitChanged = "unit-changed", unitRemoved = "unit-removed"
        case helpChanged = "help-changed"
        case labelAdded = "label-added", labelRemoved = "label-removed", labelRenamed = "label-renamed"
        case valueAdded = "value-added", valueRemoved = "value-removed"
        case labelClosed = "label-closed", labelOpened = "label-opened"
        case constantLabelAdded = "constant-label-added", constantLabelRemoved = "constant-label-removed"
        case constantLabelChanged = "constant-label-changed"
        case bucketsChanged = "buckets-changed"
        case stabilityRaised = "stability-raised", stabilityLowered = "stability-lowered"
        case deprecated = "deprecated", undeprecated = "undeprecated"
    }

    /// What changed.
    public var kind: Kind
    /// The metric's full name (the NEW name for renames).
    public var metric: String
    /// Whether queries written against OLD can stop working (or silently change meaning) with NEW.
    public var breaking: Bool
    /// The stability the OLD schema promised (the promise being kept or broken).
    public var stability: Stability
    /// What changed, in one sentence.
    public var message: String
    /// Where the change is in the NEW schemas (for a removal: the NEW file, or the OLD place if the
    /// file is gone too).
    public var location: SourceLocation
    /// Where the metric was in the OLD schemas, if it existed there.
    public var oldLocation: SourceLocation?

    /// `error` for a breaking change to a beta or stable metric (the gate fails), `warning` for a
    /// breaking change to an alpha metric (alpha promises nothing), `note` for a compatible change.
    public var severity: DiagnosticSeverity {
        guard breaking else { return .note }
        return stability == .alpha ? .warning : .error
    }

    /// The change as a compiler-style diagnostic at the NEW location, with the OLD location as a note.
    public var diagnostic: Diagnostic {
        Diagnostic(
            severity, code: kind.rawValue, (breaking ? "breaking change: " : "compatible change: ") + message,
            at: location, notes: oldLocation.map { [.init(message: "declared here in the old schemas", location: $0)] } ?? [])
    }
}
