/// The text formats a scrape can be written in.
public enum ExpositionFormat: Sendable, Hashable, CaseIterable {
    /// Prometheus text format 0.0.4, understood by every scraper.
    case prometheusText
    /// OpenMetrics 1.0 text: `_total` counter samples, `_created`, `# UNIT`, canonical floats, `# EOF`.
    case openMetrics

    /// The HTTP `Content-Type` of a response in this format.
    public var contentType: String {
        switch self {
        case .prometheusText: return "text/plain; version=0.0.4; charset=utf-8"
        case .openMetrics: return "application/openmetrics-text; version=1.0.0; charset=utf-8"
        }
    }
}

extension MetricsRegistry {
    /// The exposition of this level and all its descendants (each once), after running their
    /// update callbacks: families sorted by name, series sorted by labels, then the text of the
    /// exposition callbacks.
    ///
    /// - Throws: ``MetricsError/callbackFailed(message:)``, only when the runtime's
    ///   ``MetricsConfiguration/callbackFailurePolicy`` is ``CallbackFailurePolicy/failScrape``.
    public func exposition(format: ExpositionFormat = .prometheusText) throws(MetricsError) -> String {
        var bytes = [UInt8]()
        try exposition(into: &bytes, format: format)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the exposition to `buffer` (see ``exposition(format:)``).
    public func exposition(into buffer: inout [UInt8], format: ExpositionFormat = .prometheusText) throws(MetricsError) {
        try Scrape(root: node, format: format).write(into: &buffer)
    }

    /// Appends the exposition to `buffer` with `options` (e.g. OpenMetrics without `_created` samples).
    public func exposition(
        into buffer: inout [UInt8], format: ExpositionFormat, options: ExpositionOptions
    ) throws(MetricsError) {
        try Scrape(root: node, format: format, options: options).write(into: &buffer)
    }

    /// Appends the exposition to a buffer of your own type, written directly into its memory
    /// (see ``ExpositionBuffer``); on failure `buffer` is left as it was.
    public func exposition<Buffer: ExpositionBuffer>(
        into buffer: inout Buffer, format: ExpositionFormat = .prometheusText, options: ExpositionOptions = .init()
    ) throws(MetricsError) {
        try Scrape(root: node, format: format, options: options).write(into: &buffer)
    }
}
