import MetricsSchema

/// The bucket bounds `check-live` expects of a histogram: the schema's, with log buckets that
/// declare `env:` recomputed from the scraped process's environment (`--env NAME=VALUE`), the
/// way the runtime (and Dynamo's `parse_bucket_config`) reads `<env>_{MIN,MAX,COUNT}` and the
/// deprecated `DYN_HISTOGRAM_<env>_*` names. Values that do not parse or give invalid
/// parameters fall back to the defaults, as in the process.
enum LiveBuckets {
    static func bounds(of spec: BucketSpec, environment: [String: String]) -> [Double]? {
        guard case .log(let min, let max, let count, let variable?) = spec else { return spec.bounds }
        func value(_ suffix: String) -> String? {
            let name = "\(variable)_\(suffix)"
            return [environment[name], environment["DYN_HISTOGRAM_" + name]].compactMap { $0 }.first { !$0.isEmpty }
        }
        let tuned = BucketSpec.log(
            min: value("MIN").flatMap(Double.init) ?? min, max: value("MAX").flatMap(Double.init) ?? max,
            count: value("COUNT").flatMap(Int.init) ?? count, environment: nil)
        return tuned.bounds ?? spec.bounds
    }

    /// For env-tunable log buckets: the `--env` setting that reproduces `exposed` when only the
    /// maximum differs (the usual case: a process started with another `<env>_MAX`, or a Dynamo
    /// version with another default), else which variables tune them.
    static func hint(for spec: BucketSpec, exposed: [Double], environment: [String: String]) -> String? {
        guard case .log(let min, _, let count, let variable?) = spec else { return nil }
        if let max = maximum(reproducing: exposed, min: min, count: count) {
            return "the exposed buckets are log(\(format(min)), \(format(max)), \(count)): if the process ran with "
                + "\(variable)_MAX=\(format(max)) (or a version with that default), check with --env \(variable)_MAX=\(format(max))"
        }
        return "the buckets are tunable with \(variable)_{MIN,MAX,COUNT}: pass the process's values with --env NAME=VALUE"
    }

    /// The roundest maximum (a power of two, else an integer with the most trailing zeros, else the
    /// last bound itself) whose log buckets are `exposed`: the last bound is the maximum rounded to
    /// two significant figures, so the maximum lies within 5% of it.
    private static func maximum(reproducing exposed: [Double], min: Double, count: Int) -> Double? {
        guard let last = exposed.last, last > min else { return nil }
        let low = last * 0.95, high = last * 1.05
        var candidates: [Double] = []
        var power = 1.0
        while power <= high { if power >= low { candidates.append(power) }; power *= 2 }
        if high - low < 100_000 {
            let integers = stride(from: low.rounded(.up), through: high.rounded(.down), by: 1).map { $0 }
            func zeros(_ value: Double) -> Int { var v = Int(value), n = 0; while v != 0, v % 10 == 0 { v /= 10; n += 1 }; return n }
            candidates += integers.sorted { (zeros($0), -Swift.abs($0 - last)) > (zeros($1), -Swift.abs($1 - last)) }
        }
        candidates.append(last)
        return candidates.first { BucketSpec.log(min: min, max: $0, count: count, environment: nil).bounds == exposed }
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() && Swift.abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
