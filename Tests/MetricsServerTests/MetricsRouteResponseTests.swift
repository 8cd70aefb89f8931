import MetricsRuntime
import MetricsServer
import Testing

/// `MetricsRouteResponse`, the answer the Hummingbird and Vapor `/metrics` routes send: the same
/// negotiation and gzip as the server's own `/metrics`.
@Suite struct MetricsRouteResponseTests {
    static func runtime() throws -> MetricsRuntime {
        var configuration = MetricsConfiguration.neutral
        configuration.processMetrics = false
        let runtime = MetricsRuntime(configuration: configuration)
        try runtime.metrics.makeCounter("requests_total", help: "Requests").inc(by: 3)
        return runtime
    }

    static let expected = """
        # HELP requests_total Requests
        # TYPE requests_total counter
        requests_total 3

        """

    /// The exposition without the uptime gauge, whose value changes.
    static func withoutUptime(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("metrics_runtime_uptime_seconds") }.joined(separator: "\n")
    }

    @Test func gzipWhenAccepted() throws {
        let answer = try MetricsRouteResponse(runtime: Self.runtime(), accept: [], acceptEncoding: ["gzip, deflate"])
        #expect(answer.isGzipped)
        #expect(answer.headers.map { "\($0.name): \($0.value)" } == [
            "Content-Type: text/plain; version=0.0.4; charset=utf-8", "Vary: Accept, Accept-Encoding", "Content-Encoding: gzip",
        ])
        let body = Array(answer.body.readableBytesView)
        #expect(Array(body.prefix(2)) == [0x1f, 0x8b])  // the gzip magic number
        #expect(Self.withoutUptime(try gunzip(body)) == Self.expected)
    }

    @Test(arguments: [[], ["identity"], ["gzip;q=0"], ["br", "deflate"]])
    func plainWhenGzipIsNotAccepted(_ acceptEncoding: [String]) throws {
        let answer = try MetricsRouteResponse(runtime: Self.runtime(), accept: [], acceptEncoding: acceptEncoding)
        #expect(!answer.isGzipped)
        #expect(answer.headers.map(\.name) == ["Content-Type", "Vary"])
        #expect(Self.withoutUptime(Array(answer.body.readableBytesView)) == Self.expected)
    }

    /// `HEAD` answers carry the uncompressed length, as the server's.
    @Test func headIsNeverCompressed() throws {
        let answer = try MetricsRouteResponse(runtime: Self.runtime(), accept: [], acceptEncoding: ["gzip"], compress: false)
        #expect(!answer.isGzipped)
        #expect(Self.withoutUptime(Array(answer.body.readableBytesView)) == Self.expected)
    }

    @Test func openMetricsOnlyWhenEnabled() throws {
        let accept = ["application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.2"]
        let off = try MetricsRouteResponse(runtime: Self.runtime(), accept: accept, acceptEncoding: [])
        #expect(off.headers.first?.value == "text/plain; version=0.0.4; charset=utf-8")
        let on = try MetricsRouteResponse(
            runtime: Self.runtime(), accept: accept, acceptEncoding: [],
            negotiation: ExpositionNegotiationOptions(enableOpenMetrics: true))
        #expect(on.headers.first?.value == "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(String(decoding: Array(on.body.readableBytesView), as: UTF8.self).hasSuffix("# EOF\n"))
    }
}
