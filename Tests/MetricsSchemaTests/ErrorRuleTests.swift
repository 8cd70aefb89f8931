import MetricsSchema
import Testing

/// One test per error rule: the exact message, line and column.
@Suite struct ErrorRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var yaml: String
        var expected: [String]
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "yaml syntax", yaml: "version: 1\nmetrics:\n  - name: a_total\n    type: [counter\n", expected: [
            "app.metrics.yaml:5:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 11)",
        ]),
        Case(rule: "unknown root key", yaml: "version: 1\nmetric:\n  - name: a\n", expected: [
            "app.metrics.yaml:1:1: error: the schema is missing 'metrics'",
            "app.metrics.yaml:2:1: error: unknown key 'metric' in the schema; did you mean 'metrics'?",
        ]),
        Case(rule: "unknown metric key", yaml: schema("  - name: a_total\n    type: counter\n    help: A\n    lables: [x]\n"), expected: [
            "app.metrics.yaml:6:5: error: unknown key 'lables' in a metric; did you mean 'labels'?",
        ]),
        Case(rule: "unknown metric type", yaml: schema("  - name: a_total\n    type: countr\n    help: A\n"), expected: [
            "app.metrics.yaml:4:11: error: unknown metric type 'countr'; did you mean 'counter'?",
        ]),
        Case(rule: "unknown metric type hint", yaml: schema("  - name: a\n    type: histogramm\n    help: A\n"), expected: [
            "app.metrics.yaml:4:11: error: unknown metric type 'histogramm'; did you mean 'histogram'?",
        ]),
        Case(rule: "unknown value type", yaml: schema("  - name: a_total\n    type: counter\n    value: integer\n    help: A\n"), expected: [
            "app.metrics.yaml:5:12: error: unknown value type 'integer'; use one of 'double', 'int'",
        ]),
        Case(rule: "wrong kind", yaml: schema("  - name: a_total\n    type: counter\n    help: A\n    labels: model\n"), expected: [
            "app.metrics.yaml:6:13: error: expected a list for 'labels', found 'model'; for example 'labels: [model_type, model_size]'",
        ]),
        Case(rule: "metrics not a list", yaml: "version: 1\nmetrics:\n  name: a_total\n", expected: [
            "app.metrics.yaml:3:3: error: expected a list for 'metrics', found a mapping; list each metric as an item starting with '- name:'",
        ]),
        Case(rule: "metric not a mapping", yaml: schema("  - requests_total\n"), expected: [
            "app.metrics.yaml:3:5: error: expected a mapping for a metric, found 'requests_total'",
        ]),
        Case(rule: "missing name/type/help", yaml: schema("  - unit: seconds\n"), expected: [
            "app.metrics.yaml:3:5: error: metric is missing 'help'",
            "app.metrics.yaml:3:5: error: metric is missing 'name'",
            "app.metrics.yaml:3:5: error: metric is missing 'type'",
        ]),
        Case(rule: "empty help", yaml: schema("  - name: a_total\n    type: counter\n    help: \"  \"\n"), expected: [
            "app.metrics.yaml:5:11: error: 'help' must not be empty; describe what the metric measures",
        ]),
        Case(rule: "invalid metric name", yaml: schema("  - name: 1requests-total\n    type: gauge\n    help: A\n"), expected: [
            "app.metrics.yaml:3:11: error: invalid metric name '1requests-total'; use letters, digits and underscores, not starting with a digit",
        ]),
        Case(rule: "invalid metric name hint", yaml: schema("  - name: requests.in.flight\n    type: gauge\n    help: A\n"), expected: [
            "app.metrics.yaml:3:11: error: invalid metric name 'requests.in.flight'; use letters, digits and underscores, for example 'requests_in_flight'",
        ]),
        Case(rule: "reserved metric name", yaml: schema("  - name: __internal\n    type: gauge\n    help: A\n"), expected: [
            "app.metrics.yaml:3:11: error: metric name '__internal' starts with '__', which Prometheus reserves",
        ]),
        Case(rule: "invalid label name", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels: [model-type]\n"), expected: [
            "app.metrics.yaml:6:14: error: invalid label name 'model-type'; use letters, digits and underscores, not starting with a digit",
        ]),
        Case(rule: "reserved label le", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels: [le]\n"), expected: [
            "app.metrics.yaml:6:14: error: label 'le' is reserved for histogram and summary buckets",
        ]),
        Case(rule: "reserved label quantile", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    const_labels: {quantile: x}\n"), expected: [
            "app.metrics.yaml:6:20: error: label 'quantile' is reserved for histogram and summary buckets",
        ]),
        Case(rule: "reserved label __", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels: [__name]\n"), expected: [
            "app.metrics.yaml:6:14: error: label '__name' starts with '__', which Prometheus reserves",
        ]),
        Case(rule: "reserved hierarchy label", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels:\n      - dynamo_endpoint\n"), expected: [
            "app.metrics.yaml:7:9: error: label 'dynamo_endpoint' is added automatically by the runtime hierarchy; bind the metrics to a namespace, component or endpoint node instead, or use 'binding: raw'",
        ]),
        Case(rule: "duplicate metric in file", yaml: schema("  - name: a\n    type: gauge\n    help: A\n  - name: a\n    type: gauge\n    help: B\n"), expected: [
            "app.metrics.yaml:6:11: error: duplicate metric name 'a'\napp.metrics.yaml:3:11: note: 'a' is first declared here",
        ]),
        Case(rule: "duplicate label", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels: [model, gpu, model]\n"), expected: [
            "app.metrics.yaml:6:26: error: duplicate label 'model' in metric 'a'\napp.metrics.yaml:6:14: note: 'model' is first declared here",
        ]),
        Case(rule: "duplicate closed value", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels:\n      - name: kind\n        values: [x, y, x]\n"), expected: [
            "app.metrics.yaml:8:24: error: duplicate value 'x' for label 'kind'\napp.metrics.yaml:8:18: note: 'x' is first listed here",
        ]),
        Case(rule: "empty closed values", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels:\n      - name: kind\n        values: []\n"), expected: [
            "app.metrics.yaml:8:17: error: label 'kind' has an empty 'values' list; list the allowed values, or remove 'values' to allow any value",
        ]),
        Case(rule: "constant label collides", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels: [region]\n    const_labels:\n      region: us\n"), expected: [
            "app.metrics.yaml:8:7: error: constant label 'region' collides with the variable label of the same name; rename or remove one of them\napp.metrics.yaml:6:14: note: variable label 'region' is declared here",
        ]),
        Case(rule: "empty constant label value", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    const_labels: {env: \"\"}\n"), expected: [
            "app.metrics.yaml:6:25: error: constant label 'env' has an empty value; Prometheus treats an empty label value as an absent label; give it a value or remove it",
        ]),
        Case(rule: "buckets on non-histogram", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    buckets: [1, 2]\n"), expected: [
            "app.metrics.yaml:6:14: error: 'buckets' is only valid for histograms, but 'a' is a gauge; remove 'buckets' or change the type to 'histogram'",
        ]),
        Case(rule: "empty buckets", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: []\n"), expected: [
            "app.metrics.yaml:6:14: error: 'buckets' must not be empty; list at least one bound, or remove 'buckets' to use the runtime's default buckets",
        ]),
        Case(rule: "non-finite bucket", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: [1, .inf]\n"), expected: [
            "app.metrics.yaml:6:18: error: bucket bound inf is not a finite number; the '+Inf' bucket is added automatically; remove it",
        ]),
        Case(rule: "NaN bucket", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: [.nan]\n"), expected: [
            "app.metrics.yaml:6:15: error: bucket bound nan is not a finite number",
        ]),
        Case(rule: "buckets not increasing", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: [0.1, 1, 1, 0.5]\n"), expected: [
            "app.metrics.yaml:6:23: error: bucket bounds must be strictly increasing, but 1.0 follows 1.0",
            "app.metrics.yaml:6:26: error: bucket bounds must be strictly increasing, but 0.5 follows 1.0",
        ]),
        Case(rule: "bucket not a number", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: [0.1, fast]\n"), expected: [
            "app.metrics.yaml:6:20: error: expected a number for a bucket bound, found 'fast'",
        ]),
        Case(rule: "bad linear width", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: {linear: {start: 0, width: 0, count: 5}}\n"), expected: [
            "app.metrics.yaml:6:14: error: linear bucket 'width' must be greater than 0, found 0.0",
        ]),
        Case(rule: "bad linear count", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: {linear: {start: 0, width: 1, count: 0}}\n"), expected: [
            "app.metrics.yaml:6:14: error: bucket 'count' must be between 1 and 1000, found 0",
        ]),
        Case(rule: "bad exponential factor", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: {exponential: {start: 1, factor: 1, count: 3}}\n"), expected: [
            "app.metrics.yaml:6:14: error: exponential bucket 'factor' must be greater than 1, found 1.0",
        ]),
        Case(rule: "bad exponential start", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: {exponential: {start: -1, factor: 2, count: 3}}\n"), expected: [
            "app.metrics.yaml:6:14: error: exponential bucket 'start' must be greater than 0, found -1.0",
        ]),
        Case(rule: "missing generator parameter", yaml: schema("  - name: a_seconds\n    type: histogram\n    help: A\n    buckets: {linear: {start: 1, count: 3}}\n"), expected: [
            "app.metrics.yaml:6:23: error: 'linear' buckets is missing 'width'",
        ]),
        Case(rule: "int histogram", yaml: schema("  - name: a_seconds\n    type: histogram\n    value: int\n    help: A\n"), expected: [
            "app.metrics.yaml:5:12: error: 'value: int' is only supported for counters and gauges; remove 'value' (histograms observe Double values)",
        ]),
        Case(rule: "metrics mapping to the same Swift name", yaml: schema("  - name: queue_depth\n    type: gauge\n    help: A\n  - name: queue__depth\n    type: gauge\n    help: B\n"), expected: [
            "app.metrics.yaml:6:11: error: metrics 'queue_depth' and 'queue__depth' both map to the Swift name 'queueDepth'; rename one of them\napp.metrics.yaml:3:11: note: 'queue_depth' is declared here",
        ]),
        Case(rule: "reserved Swift member", yaml: schema("  - name: shared\n    type: gauge\n    help: A\n"), expected: [
            "app.metrics.yaml:3:11: error: metric 'shared' maps to the Swift name 'shared', which is reserved; rename the metric",
        ]),
        Case(rule: "enum cases mapping to the same Swift name", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels:\n      - name: model\n        values: [model-x, model_x]\n"), expected: [
            "app.metrics.yaml:8:27: error: label values 'model-x' and 'model_x' both map to the Swift enum case 'modelX'; give one of them a Swift name: '- {value: \"model_x\", swift_name: otherName}'",
        ]),
        Case(rule: "closed value without identifier", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels:\n      - name: model\n        values: [\"+\"]\n"), expected: [
            "app.metrics.yaml:8:18: error: label value '+' has no letters or digits for a Swift enum case; give it a Swift name: '- {value: \"+\", swift_name: myName}'",
        ]),
        Case(rule: "labels mapping to the same argument", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels: [model_type, model__type]\n"), expected: [
            "app.metrics.yaml:6:26: error: labels 'model_type' and 'model__type' both map to the Swift argument 'modelType'; rename one of them\napp.metrics.yaml:6:14: note: 'model_type' is declared here",
        ]),
        Case(rule: "unsupported version", yaml: "version: 2\nmetrics: []\n", expected: [
            "app.metrics.yaml:1:10: error: unsupported schema version 2; this compiler supports version 1",
        ]),
        Case(rule: "invalid prefix", yaml: "version: 1\nprefix: dynamo-frontend\nmetrics: []\n", expected: [
            "app.metrics.yaml:2:9: error: invalid prefix 'dynamo-frontend'; use letters, digits and underscores, not starting with a digit; \"\" means no prefix",
        ]),
        Case(rule: "null prefix", yaml: "version: 1\nprefix:\nmetrics: []\n", expected: [
            "app.metrics.yaml:2:8: error: expected a string for 'prefix', found null",
        ]),
        Case(rule: "prefix ending in _", yaml: "version: 1\nprefix: dynamo_\nmetrics: []\n", expected: [
            "app.metrics.yaml:2:9: error: prefix 'dynamo_' must not end with '_'; the runtime adds the '_' between prefix and name",
        ]),
        Case(rule: "invalid type name", yaml: "version: 1\ntype_name: my-metrics\nmetrics: []\n", expected: [
            "app.metrics.yaml:2:12: error: type_name 'my-metrics' is not a valid Swift type name; use letters, digits and underscores, for example 'FrontendMetrics'",
        ]),
        Case(rule: "type name shadowing the runtime", yaml: "version: 1\ntype_name: Counter\nmetrics: []\n", expected: [
            "app.metrics.yaml:2:12: error: type_name 'Counter' would shadow a type the generated code uses; use a more specific name, for example 'CounterMetrics'",
        ]),
        Case(rule: "invalid unit", yaml: schema("  - name: a_seconds\n    type: gauge\n    help: A\n    unit: sec/s\n"), expected: [
            "app.metrics.yaml:6:11: error: invalid unit 'sec/s'; a unit is a lower-case word such as 'seconds' or 'bytes'",
        ]),
        Case(rule: "histogram series clash", yaml: schema("  - name: latency_seconds\n    type: histogram\n    help: A\n  - name: latency_seconds_count\n    type: gauge\n    help: B\n"), expected: [
            "app.metrics.yaml:6:11: error: metric 'latency_seconds_count' clashes with the '_count' series of histogram 'latency_seconds'; rename one of them\napp.metrics.yaml:3:11: note: histogram 'latency_seconds' is declared here",
            "app.metrics.yaml:6:11: warning: '_count' is reserved for histogram and summary series, but 'latency_seconds_count' is a gauge",
        ]),
        // #14 defect 7: the limit on closed sets, reported at the first value over it (line 8, after 1,000 values).
        Case(rule: "too many label values", yaml: schema("  - name: a\n    type: gauge\n    help: A\n    labels:\n      - name: kind\n        values:\n" + (0...1_000).map { "          - v\($0)\n" }.joined()), expected: [
            "app.metrics.yaml:1009:13: error: label 'kind' lists 1001 values; a closed set may have at most 1000; a set this large is not an enumeration: remove 'values' to accept any value",
        ]),
    ]

    @Test(arguments: cases)
    func rule(_ testCase: Case) {
        #expect(diagnostics(testCase.yaml) == testCase.expected)
    }
}
