import MetricsRuntime

/// Anything that can write a complete metrics exposition: the runtime, one of its nodes' registries,
/// or a test fake.
///
/// `MetricsRegistry` (any node's `metrics`, e.g. `runtime.metrics`) conforms.
public protocol MetricsExpositionSource: Sendable {
    /// Appends the exposition in `format` to `buffer`, after running the source's update callbacks.
    ///
    /// Throwing makes the scrape answer 500 `Failed to get metrics`; the server keeps serving.
    func exposition(into buffer: inout [UInt8], format: ExpositionFormat) throws

    /// The same with `ExpositionOptions` (the server asks for OpenMetrics without `_created` samples
    /// unless they are enabled). Sources that have no such samples need not implement it.
    func exposition(into buffer: inout [UInt8], format: ExpositionFormat, options: ExpositionOptions) throws
}

extension MetricsExpositionSource {
    /// Ignores `options` and writes ``exposition(into:format:)``.
    public func exposition(into buffer: inout [UInt8], format: ExpositionFormat, options: ExpositionOptions) throws {
        try exposition(into: &buffer, format: format)
    }
}

extension MetricsRegistry: MetricsExpositionSource {}
