import MetricsRuntime
import MetricsServer
import Testing

struct NegotiationCase: Sendable, CustomTestStringConvertible {
    var accept: [String]
    var expected: ExpositionFormat
    var why: String
    var testDescription: String { why }
}

private let prometheus3Accept =
    "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;"
    + "version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1"
private let prometheus2Accept =
    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"

private let cases: [NegotiationCase] = [
    .init(accept: [prometheus3Accept], expected: .openMetrics, why: "Prometheus 3 default header"),
    .init(accept: [prometheus2Accept], expected: .openMetrics, why: "Prometheus 2 default header"),
    .init(accept: [], expected: .prometheusText, why: "no Accept header"),
    .init(accept: [""], expected: .prometheusText, why: "empty Accept header"),
    .init(accept: ["*/*"], expected: .prometheusText, why: "only */*"),
    .init(accept: ["text/plain"], expected: .prometheusText, why: "text/plain"),
    .init(accept: ["text/plain;version=0.0.4"], expected: .prometheusText, why: "text 0.0.4"),
    .init(accept: ["application/openmetrics-text"], expected: .openMetrics, why: "OpenMetrics without version"),
    .init(accept: ["APPLICATION/OpenMetrics-Text; Version=1.0.0"], expected: .openMetrics, why: "case-insensitive"),
    .init(accept: ["application/openmetrics-text;q=0"], expected: .prometheusText, why: "q=0 is not acceptable"),
    .init(accept: ["application/openmetrics-text;version=0.0.1"], expected: .prometheusText,
          why: "OpenMetrics 0.0.1 only is not served"),
    .init(accept: ["text/plain;version=1.0.0;escaping=allow-utf-8"], expected: .prometheusText,
          why: "unsupported text 1.0.0 falls back to 0.0.4"),
    .init(accept: ["application/openmetrics-text;q=0.2, text/plain;q=0.5"], expected: .prometheusText,
          why: "text has the higher q"),
    .init(accept: ["text/plain;q=0.2, application/openmetrics-text;q=0.5"], expected: .openMetrics,
          why: "OpenMetrics has the higher q although listed second"),
    .init(accept: ["text/plain;q=0, application/openmetrics-text;q=0.1"], expected: .openMetrics,
          why: "text refused, OpenMetrics acceptable"),
    .init(accept: ["application/openmetrics-text;q=0.5, text/plain;q=0.5"], expected: .openMetrics,
          why: "equal q and specificity: header order"),
    .init(accept: ["text/plain;q=0.5, application/openmetrics-text;q=0.5"], expected: .prometheusText,
          why: "equal q and specificity: header order, text first"),
    .init(accept: ["application/openmetrics-text;version=1.0.0;q=0.5, */*;q=0.5"], expected: .openMetrics,
          why: "equal q: the exact range beats the wildcard"),
    .init(accept: ["application/*"], expected: .openMetrics, why: "application/* matches only OpenMetrics"),
    .init(accept: ["text/*;q=0.9, application/*;q=0.8"], expected: .prometheusText, why: "type wildcards by q"),
    .init(accept: ["application/openmetrics-text;q=0, */*"], expected: .prometheusText,
          why: "the specific q=0 wins over the wildcard"),
    .init(accept: ["application/openmetrics-text;q=abc"], expected: .prometheusText, why: "malformed q ignored"),
    .init(accept: ["application/openmetrics-text;q=1.5"], expected: .prometheusText, why: "q above 1 ignored"),
    .init(accept: ["garbage, application/openmetrics-text"], expected: .openMetrics, why: "garbage range ignored"),
    .init(accept: ["application/json"], expected: .prometheusText, why: "nothing matches: text"),
    .init(accept: ["text/plain;q=0.1", "application/openmetrics-text"], expected: .openMetrics,
          why: "several Accept header lines are combined"),
    .init(accept: [" application/openmetrics-text ; q=\"0.7\" , text/plain;q=0.6"], expected: .openMetrics,
          why: "whitespace and quoted q"),
]

@Suite struct ContentNegotiationTests {
    @Test(arguments: cases)
    func negotiates(_ testCase: NegotiationCase) {
        #expect(ContentNegotiation.format(accept: testCase.accept) == testCase.expected)
    }

    @Test func contentTypesNameTypeVersionAndCharset() {
        #expect(ExpositionFormat.prometheusText.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(ExpositionFormat.openMetrics.contentType == "application/openmetrics-text; version=1.0.0; charset=utf-8")
    }

    @Test(arguments: cases)
    func openMetricsIsOffUnlessEnabled(_ testCase: NegotiationCase) {
        let answer = ContentNegotiation.negotiate(accept: testCase.accept)
        #expect(answer.format == .prometheusText)
        #expect(answer.contentType == "text/plain; version=0.0.4; charset=utf-8")
        let enabled = ContentNegotiation.negotiate(accept: testCase.accept, options: .init(enableOpenMetrics: true))
        #expect(enabled.format == testCase.expected)
        #expect(enabled.contentType == testCase.expected.contentType)
    }

    @Test func createdSamplesAreOffUnlessEnabled() {
        let accept = [prometheus3Accept]
        let plain = ContentNegotiation.negotiate(accept: accept, options: .init(enableOpenMetrics: true))
        #expect(plain.options == ExpositionOptions(openMetricsCreatedSamples: false))
        let created = ContentNegotiation.negotiate(
            accept: accept, options: .init(enableOpenMetrics: true, enableOpenMetricsCreatedSamples: true)
        )
        #expect(created == NegotiatedExposition(format: .openMetrics, options: .init(openMetricsCreatedSamples: true)))
    }
}
