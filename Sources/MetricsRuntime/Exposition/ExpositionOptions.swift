/// Choices a scrape makes beyond its ``ExpositionFormat``.
public struct ExpositionOptions: Sendable, Hashable {
    /// OpenMetrics only: whether counters and histograms carry a `_created` sample per series.
    ///
    /// On by default here (the OpenMetrics 1.0 text exposition has them). A scraper that stores them
    /// (Prometheus does) gets one more series per counter and histogram series, which is why the
    /// status server turns them off unless asked (as client_golang's
    /// `EnableOpenMetricsTextCreatedSamples`). The Prometheus text format never has them.
    public var openMetricsCreatedSamples: Bool

    /// Creates options; the defaults are the exposition's usual output.
    public init(openMetricsCreatedSamples: Bool = true) {
        self.openMetricsCreatedSamples = openMetricsCreatedSamples
    }
}
