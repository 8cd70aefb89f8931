import MetricsSchema
import Testing

/// One test per warning rule (promlint's conventions): the exact message, line and column.
@Suite struct WarningRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var metric: String
        var expected: [String]
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "counter without _total", metric: "  - name: requests\n    type: counter\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: counter 'requests' should end in '_total'; rename it to 'requests_total'",
        ]),
        Case(rule: "_total on a gauge", metric: "  - name: inflight_total\n    type: gauge\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: only counters should end in '_total', but 'inflight_total' is a gauge",
        ]),
        Case(rule: "non-base unit", metric: "  - name: latency_milliseconds\n    type: histogram\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'latency_milliseconds' uses the unit 'milliseconds'; use the base unit 'seconds' instead: 'latency_seconds'",
        ]),
        Case(rule: "percent", metric: "  - name: cache_usage_percent\n    type: gauge\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'cache_usage_percent' uses the unit 'percent'; use a 0–1 '_ratio' instead: 'cache_usage_ratio'",
        ]),
        Case(rule: "abbreviated unit", metric: "  - name: latency_ms\n    type: gauge\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'latency_ms' uses the abbreviated unit 'ms'; spell out the base unit: 'latency_seconds'",
        ]),
        Case(rule: "camelCase metric", metric: "  - name: requestCount_total\n    type: counter\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'requestCount_total' is camelCase; use snake_case: 'request_count_total'",
        ]),
        Case(rule: "camelCase label", metric: "  - name: a_total\n    type: counter\n    help: A\n    labels: [modelType]\n", expected: [
            "app.metrics.yaml:6:14: warning: label name 'modelType' is camelCase; use snake_case: 'model_type'",
        ]),
        Case(rule: "reserved suffix", metric: "  - name: queue_sum\n    type: gauge\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: '_sum' is reserved for histogram and summary series, but 'queue_sum' is a gauge",
        ]),
        Case(rule: "unit not at the end", metric: "  - name: gpu_memory\n    type: gauge\n    help: A\n    unit: bytes\n", expected: [
            "app.metrics.yaml:6:11: warning: metric 'gpu_memory' has unit 'bytes' but its name does not end in '_bytes'; name it 'gpu_memory_bytes'",
        ]),
        Case(rule: "unit before _total", metric: "  - name: sent_total\n    type: counter\n    help: A\n    unit: bytes\n", expected: [
            "app.metrics.yaml:6:11: warning: metric 'sent_total' has unit 'bytes' but its name does not end in '_bytes'; name it 'sent_bytes_total'",
        ]),
        Case(rule: "non-base unit value", metric: "  - name: wait_minutes\n    type: gauge\n    help: A\n    unit: minutes\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'wait_minutes' uses the unit 'minutes'; use the base unit 'seconds' instead: 'wait_seconds'",
            "app.metrics.yaml:6:11: warning: unit 'minutes' is not a base unit; use 'seconds'",
        ]),
        // #11 item 7: hints that are right — snake_case for camelCase (acronyms included), a unit
        // suffix replaced rather than a second one appended.
        Case(rule: "camelCase counter", metric: "  - name: httpRequestsTotal\n    type: counter\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: counter 'httpRequestsTotal' should end in '_total'; rename it to 'http_requests_total'",
            "app.metrics.yaml:3:11: warning: metric name 'httpRequestsTotal' is camelCase; use snake_case: 'http_requests_total'",
        ]),
        Case(rule: "camelCase acronym", metric: "  - name: HTTPRequestDurationSeconds\n    type: histogram\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'HTTPRequestDurationSeconds' is camelCase; use snake_case: 'http_request_duration_seconds'",
        ]),
        Case(rule: "unit suffix replaced", metric: "  - name: latency_ms\n    type: histogram\n    help: A\n    unit: seconds\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'latency_ms' uses the abbreviated unit 'ms'; spell out the base unit: 'latency_seconds'",
            "app.metrics.yaml:6:11: warning: metric 'latency_ms' has unit 'seconds' but its name does not end in '_seconds'; name it 'latency_seconds'",
        ]),
        Case(rule: "unit suffix replaced before _total", metric: "  - name: sent_kb_total\n    type: counter\n    help: A\n    unit: bytes\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'sent_kb_total' uses the abbreviated unit 'kb'; spell out the base unit: 'sent_bytes_total'",
            "app.metrics.yaml:6:11: warning: metric 'sent_kb_total' has unit 'bytes' but its name does not end in '_bytes'; name it 'sent_bytes_total'",
        ]),
        Case(rule: "type in name", metric: "  - name: requests_counter_total\n    type: counter\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'requests_counter_total' contains its type ('counter'); the type is already in the '# TYPE' line",
        ]),
        Case(rule: "colon in name", metric: "  - name: job:requests:rate5m\n    type: gauge\n    help: A\n", expected: [
            "app.metrics.yaml:3:11: warning: metric name 'job:requests:rate5m' contains ':', which is reserved for recording rules; use '_' instead",
        ]),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: Case) {
        #expect(diagnostics(schema(testCase.metric)) == testCase.expected)
    }

    @Test func noLintSilencesOnlyTheListedWarnings() {
        let yaml = schema(
            """
              - name: latency_ms
                type: counter
                help: A
                no_lint: [counter-total]

            """)
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:3:11: warning: metric name 'latency_ms' uses the abbreviated unit 'ms'; spell out the base unit: 'latency_seconds'",
        ])
    }

    @Test func noLintAcceptsOnlyWarningCodes() {
        let yaml = schema("  - name: a_total\n    type: counter\n    help: A\n    no_lint: [counter_total, invalid-metric-name]\n")
        #expect(diagnostics(yaml) == [
            "app.metrics.yaml:6:15: error: 'counter_total' is not a warning code that 'no_lint' can silence; did you mean 'counter-total'?",
            "app.metrics.yaml:6:30: error: 'invalid-metric-name' is not a warning code that 'no_lint' can silence; use one of 'counter-total', 'total-suffix', 'non-base-unit', 'unit-abbreviation', 'camel-case', 'type-in-name', 'colon-in-name', 'reserved-suffix', 'unit-suffix', 'stable-open-label'",
        ])
    }

    @Test func conventionalSchemaHasNoFindings() {
        let yaml = schema(
            """
              - name: requests_total
                type: counter
                help: Requests
              - name: sent_bytes_total
                type: counter
                help: Bytes sent
                unit: bytes
              - name: latency_seconds
                type: histogram
                help: Latency
                unit: seconds

            """)
        #expect(diagnostics(yaml) == [])
    }
}
