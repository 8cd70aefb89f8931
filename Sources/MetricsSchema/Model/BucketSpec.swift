/// How a histogram's bucket upper bounds are declared.
public enum BucketSpec: Sendable, Hashable {
    /// An explicit list: `buckets: [0.1, 1, 10]`.
    case explicit([Double])
    /// `{linear: {start, width, count}}`: `start`, `start + width`, … (`count` bounds).
    case linear(start: Double, width: Double, count: Int)
    /// `{exponential: {start, factor, count}}`: `start`, `start * factor`, … (`count` bounds).
    case exponential(start: Double, factor: Double, count: Int)

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
        }
    }
}
