/// The start of a family's sample lines that every one of its series shares: the name, `{` and
/// the fixed labels that sort before the first variable label, e.g.
/// `dynamo_component_requests_total{dynamo_component="backend",dynamo_endpoint="generate"`.
///
/// Kept once per registration instead of once per series: with Dynamo's three automatic labels
/// it is most of a sample line. Each series stores what follows: `,` and its remaining labels
/// (none when they all render empty), then `} `.
final class SeriesPrefix: @unchecked Sendable {
    // @unchecked: the bytes are written in init and never again.

    /// The shared bytes, `name{a="x"`.
    let bytes: UnsafeRawBufferPointer
    /// Where the labels begin in ``bytes`` (after `name{`).
    let labelsStart: Int

    /// The prefix of `name`'s series under `plan`, or nil when no fixed label leads the variable
    /// ones (then there is nothing worth sharing).
    static func make(name: [UInt8], plan: LabelRenderPlan) -> SeriesPrefix? {
        guard plan.leadingFixedCount > 0 else { return nil }
        let labels = plan.renderLeadingFixed()
        guard !labels.isEmpty else { return nil }
        return SeriesPrefix(name + [UInt8(ascii: "{")] + labels, labelsStart: name.count + 1)
    }

    private init(_ bytes: [UInt8], labelsStart: Int) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0) }
        self.bytes = UnsafeRawBufferPointer(memory)
        self.labelsStart = labelsStart
    }

    deinit {
        UnsafeMutableRawBufferPointer(mutating: bytes).deallocate()
    }

    /// The labels part, `a="x"`.
    var labels: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[labelsStart...])
    }

    /// The shared parts as a series reads them.
    var head: SeriesHead { SeriesHead(line: bytes, labels: labels) }
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
