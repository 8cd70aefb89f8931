/// Histogram bucket helpers.
public enum Buckets {
    /// Dynamo's (and the Prometheus client libraries') default buckets, in seconds:
    /// `0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10`.
    public static let defaults: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// `count` buckets starting at `start`, each `width` wider than the previous one.
    ///
    /// - Throws: ``MetricsError/invalidBuckets(metric:problem:)`` when `count < 1`, `width <= 0`
    ///   or a bound is not finite.
    public static func linear(start: Double, width: Double, count: Int) throws(MetricsError) -> [Double] {
        guard count >= 1 else { throw .invalidBuckets(metric: "", problem: "linear buckets need a count of at least 1, got \(count)") }
        guard width > 0, width.isFinite, start.isFinite else {
            throw .invalidBuckets(metric: "", problem: "linear buckets need a finite start and a positive finite width")
        }
        let bounds = (0..<count).map { start + Double($0) * width }
        if let problem = problem(in: bounds) { throw .invalidBuckets(metric: "", problem: problem) }
        return bounds
    }

    /// `count` buckets starting at `start`, each `factor` times the previous one.
    ///
    /// - Throws: ``MetricsError/invalidBuckets(metric:problem:)`` when `count < 1`, `start <= 0`,
    ///   `factor <= 1` or a bound overflows to infinity.
    public static func exponential(start: Double, factor: Double, count: Int) throws(MetricsError) -> [Double] {
        guard count >= 1 else { throw .invalidBuckets(metric: "", problem: "exponential buckets need a count of at least 1, got \(count)") }
        guard start > 0, start.isFinite, factor > 1, factor.isFinite else {
            throw .invalidBuckets(metric: "", problem: "exponential buckets need a positive start and a factor greater than 1")
        }
        var bounds = [Double]()
        bounds.reserveCapacity(count)
        var bound = start
        for _ in 0..<count {
            bounds.append(bound)
            bound *= factor
        }
        if let problem = problem(in: bounds) { throw .invalidBuckets(metric: "", problem: problem) }
        return bounds
    }

    /// What is wrong with `bounds`, or `nil` when they are usable.
    static func problem(in bounds: [Double]) -> String? {
        if bounds.isEmpty { return "the bucket list is empty" }
        for (index, bound) in bounds.enumerated() {
            if !bound.isFinite {
                return "bucket \(index) is \(FloatFormat.prometheus(bound)); bounds must be finite (+Inf is added automatically)"
            }
            if index > 0, bound <= bounds[index - 1] {
                return "buckets must be strictly increasing, but bucket \(index) (\(FloatFormat.prometheus(bound))) follows \(FloatFormat.prometheus(bounds[index - 1]))"
            }
        }
        return nil
    }
}
