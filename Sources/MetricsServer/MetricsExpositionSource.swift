/// Anything that can write a complete metrics exposition: the runtime, one of its nodes, or a test fake.
public protocol MetricsExpositionSource: Sendable {
    /// Appends the exposition in `format` to `buffer`, after running the source's update callbacks.
    ///
    /// Throwing makes the scrape answer 500 `Failed to get metrics`; the server keeps serving.
    func writeExposition(into buffer: inout [UInt8], format: ScrapeFormat) throws
}
