import MetricsRuntime

/// What a `/metrics` endpoint may answer, as client_golang's `promhttp.HandlerOpts`: Prometheus text
/// 0.0.4 unless OpenMetrics is enabled, and OpenMetrics without `_created` samples unless they are enabled.
///
/// Prometheus asks for OpenMetrics first. Under OpenMetrics it stores a counter registered without
/// `_total` as `<name>_total` and keeps every `_created` sample as a series of its own, so the names a
/// user queries would depend on the negotiated format; with OpenMetrics off they are the registered names.
public struct ExpositionNegotiationOptions: Sendable, Hashable {
    /// Answer OpenMetrics 1.0 to clients that prefer it (promhttp's `EnableOpenMetrics`). Off by default.
    public var enableOpenMetrics: Bool
    /// With OpenMetrics, also write the `_created` samples of counters and histograms (promhttp's
    /// `EnableOpenMetricsTextCreatedSamples`). Off by default.
    public var enableOpenMetricsCreatedSamples: Bool

    /// Creates options; by default only Prometheus text is served.
    public init(enableOpenMetrics: Bool = false, enableOpenMetricsCreatedSamples: Bool = false) {
        self.enableOpenMetrics = enableOpenMetrics
        self.enableOpenMetricsCreatedSamples = enableOpenMetricsCreatedSamples
    }
}

/// The answer chosen for one scrape: the format, how to write it, and its `Content-Type`.
public struct NegotiatedExposition: Sendable, Hashable {
    /// The exposition format to write.
    public var format: ExpositionFormat
    /// The options to write it with (`_created` samples or not).
    public var options: ExpositionOptions

    /// Creates an answer.
    public init(format: ExpositionFormat, options: ExpositionOptions) {
        self.format = format
        self.options = options
    }

    /// The `Content-Type` header of the answer.
    public var contentType: String { format.contentType }
}

extension ContentNegotiation {
    /// The answer to a request whose `Accept` headers are `acceptHeaders` (empty when absent), under
    /// `options`: the one decision every `/metrics` route (this server, Hummingbird, Vapor) should share.
    ///
    /// Without ``ExpositionNegotiationOptions/enableOpenMetrics`` this is always Prometheus text 0.0.4;
    /// with it, OpenMetrics when ``format(accept:)`` prefers it.
    public static func negotiate(
        accept acceptHeaders: [String], options: ExpositionNegotiationOptions = .init()
    ) -> NegotiatedExposition {
        let format = options.enableOpenMetrics ? format(accept: acceptHeaders) : .prometheusText
        return NegotiatedExposition(
            format: format,
            options: ExpositionOptions(openMetricsCreatedSamples: options.enableOpenMetricsCreatedSamples)
        )
    }
}
