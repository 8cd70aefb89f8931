import Foundation

/// How a histogram's bucket upper bounds are declared.
public enum BucketSpec: Sendable, Hashable {
    /// An explicit list: `buckets: [0.1, 1, 10]`.
    case explicit([Double])
    /// `{linear: {start, width, count}}`: `start`, `start + width`, … (`count` bounds).
    case linear(start: Double, width: Double, count: Int)
    /// `{exponential: {start, factor, count}}`: `start`, `start * factor`, … (`count` bounds).
    case exponential(start: Double, factor: Double, count: Int)
    /// `{log: {min, max, count, env}}`: Dynamo's `generate_log_buckets(min, max, count)` — `0`, then
    /// `count - 1` log-spaced values from `min` to `max` rounded to two significant figures,
    /// duplicates removed. `environment` (for example `DYN_METRICS_TTFT`) lets
    /// `<environment>_{MIN,MAX,COUNT}` override the parameters when the type is bound.
    case log(min: Double, max: Double, count: Int, environment: String?)

    /// The largest `count` a log spec may ask for (Dynamo's `MAX_BUCKET_COUNT`).
    public static let maximumLogCount = 512

    /// The largest `count` a linear or exponential spec may ask for.
    public static let maximumCount = 1_000

    /// The upper bounds, or `nil` when the parameters are invalid (the checks report why).
    ///
    /// Linear bounds are `start + Double(i) * width`; exponential bounds multiply by `factor`
    /// step by step, as client_golang's `ExponentialBuckets` does.
    public var bounds: [Double]? {
        switch self {
        case .explicit(let values):
            return values
        case .linear(let start, let width, let count):
            guard count >= 1, count <= Self.maximumCount, width > 0, start.isFinite, width.isFinite else { return nil }
            return (0..<count).map { start + Double($0) * width }
        case .exponential(let start, let factor, let count):
            guard count >= 1, count <= Self.maximumCount, start > 0, factor > 1, start.isFinite, factor.isFinite
            else { return nil }
            var bounds: [Double] = []
            bounds.reserveCapacity(count)
            var next = start
            for _ in 0..<count {
                bounds.append(next)
                next *= factor
            }
            return bounds
        case .log(let min, let max, let count, _):
            guard min.isFinite, max.isFinite, min > 0, min < max, count >= 1, count <= Self.maximumLogCount else { return nil }
            return Self.logBounds(min: min, max: max, count: count)
        }
    }

    /// Dynamo's `generate_log_buckets`, step for step (the runtime's `Buckets.logarithmic` is the
    /// same algorithm; a test keeps the two equal).
    static func logBounds(min: Double, max: Double, count: Int) -> [Double] {
        if count == 1 { return [0] }
        var bounds: [Double] = [0]
        let logMin: Double = Foundation.log(min)
        let logMax: Double = Foundation.log(max)
        for index in 1..<count {
            let fraction = Double(index) / Double(count - 1)
            let value: Double = Foundation.exp(logMin + (logMax - logMin) * fraction)
            let magnitude: Double = (Foundation.log10(Swift.abs(value))).rounded(.down)
            let scale: Double = Foundation.pow(10.0, 1.0 - magnitude)
            let bound = (value * scale).rounded() / scale
            if bound != bounds.last { bounds.append(bound) }
        }
        return bounds
    }
}
