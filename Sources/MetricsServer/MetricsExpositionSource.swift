import MetricsRuntime
import NIOCore

/// Anything that can write a complete metrics exposition: the runtime, one of its nodes' registries,
/// or a test fake.
///
/// `MetricsRegistry` (any node's `metrics`, e.g. `runtime.metrics`) conforms, and writes the
/// exposition straight into the response's `ByteBuffer`.
public protocol MetricsExpositionSource: Sendable {
    /// Appends the exposition in `format` to `buffer`, after running the source's update callbacks.
    ///
    /// Throwing makes the scrape answer 500 `Failed to get metrics`; the server keeps serving.
    func exposition(into buffer: inout [UInt8], format: ExpositionFormat) throws

    /// The same with `ExpositionOptions` (the server asks for OpenMetrics without `_created` samples
    /// unless they are enabled). Sources that have no such samples need not implement it.
    func exposition(into buffer: inout [UInt8], format: ExpositionFormat, options: ExpositionOptions) throws

    /// The same into the `ByteBuffer` the server answers with: what the server calls. Sources need
    /// not implement it; the default writes the `[UInt8]` form and copies its bytes.
    func exposition(into buffer: inout ByteBuffer, format: ExpositionFormat, options: ExpositionOptions) throws
}

extension MetricsExpositionSource {
    /// Ignores `options` and writes `exposition(into:format:)` (the `[UInt8]` requirement).
    public func exposition(into buffer: inout [UInt8], format: ExpositionFormat, options: ExpositionOptions) throws {
        try exposition(into: &buffer, format: format)
    }

    /// Writes the `[UInt8]` exposition and copies it into `buffer`.
    public func exposition(into buffer: inout ByteBuffer, format: ExpositionFormat, options: ExpositionOptions) throws {
        var bytes: [UInt8] = []
        try exposition(into: &bytes, format: format, options: options)
        buffer.writeBytes(bytes)
    }
}

extension MetricsRegistry: MetricsExpositionSource {
    /// Writes the exposition directly into `buffer`'s memory: one pass, no copy. On failure
    /// `buffer` is left as it was.
    ///
    /// - Throws: `MetricsError` from a failing update callback under `CallbackFailurePolicy.failScrape`.
    public func exposition(into buffer: inout ByteBuffer, format: ExpositionFormat, options: ExpositionOptions) throws {
        try buffer.writeExposition { output in try exposition(into: &output, format: format, options: options) }
    }
}
