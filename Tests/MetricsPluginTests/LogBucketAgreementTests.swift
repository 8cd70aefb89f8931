import MetricsRuntime
import MetricsSchema
import Testing

/// The compiler computes `{log: …}` buckets for documentation and literals, the runtime for the
/// environment overrides: both implement Dynamo's `generate_log_buckets` and must agree exactly.
@Suite struct LogBucketAgreementTests {
    @Test func schemaAndRuntimeComputeTheSameBounds() throws {
        let ranges: [(Double, Double)] = [(0.001, 2), (0.001, 480), (1, 512), (1, 256), (50, 128_000), (50, 32_000), (0.001, 10), (0.5, 7), (3, 3.1)]
        for (min, max) in ranges {
            for count in [1, 2, 3, 10, 13, 18, 40, 512] {
                let schema = BucketSpec.log(min: min, max: max, count: count, environment: nil).bounds
                let runtime = try Buckets.logarithmic(min: min, max: max, count: count)
                #expect(schema == runtime, "log(\(min), \(max), \(count))")
            }
        }
    }
}
