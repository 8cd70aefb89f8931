/// The start of a family's sample lines that every one of its series shares: the name, `{` and
/// the fixed labels that sort before the first variable label, e.g.
/// `dynamo_component_requests_total{dynamo_component="backend",dynamo_endpoint="generate"`.
///
/// Kept once per registration instead of once per series: with Dynamo's three automatic labels
/// it is most of a sample line. Each series stores what follows: `,` and its remaining labels
/// (none when they all render empty), then `} `.
///
/// The bytes are part of the family's ``FamilyText`` (its name, then `{` and the shared labels),
/// which this keeps alive: no allocation of its own.
struct SeriesPrefix: Sendable {
    private let text: FamilyText

    /// The prefix `text` holds, or nil when it holds none (no fixed label sorts before the
    /// variable ones, so there is nothing worth sharing).
    init?(_ text: FamilyText) {
        guard text.sharedLine != nil else { return nil }
        self.text = text
    }

    /// The shared parts as a series reads them.
    var head: SeriesHead {
        guard let (line, labels) = text.sharedLine else { return .none }
        return SeriesHead(line: line, labels: labels)
    }
}

/// What a series' own bytes follow: its family's ``SeriesPrefix`` parts, or nothing. Borrowed:
/// valid while the prefix is (``SortedSeries`` keeps it).
struct SeriesHead {
    /// The start of the sample line, `name{a="x"`.
    let line: UnsafeRawBufferPointer
    /// The shared labels, `a="x"`.
    let labels: UnsafeRawBufferPointer

    /// No shared part: the series holds its whole line.
    static var none: SeriesHead {
        SeriesHead(line: UnsafeRawBufferPointer(start: nil, count: 0), labels: UnsafeRawBufferPointer(start: nil, count: 0))
    }
}
