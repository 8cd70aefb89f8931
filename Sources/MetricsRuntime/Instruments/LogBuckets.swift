#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Buckets {
    /// The largest `count` ``logarithmic(min:max:count:)`` accepts (Dynamo's `MAX_BUCKET_COUNT`).
    public static let maximumLogarithmicCount = 512

    /// Dynamo's `generate_log_buckets(min, max, count)`: `0`, then `count - 1` values spaced
    /// evenly on a log scale from `min` to `max`, each rounded to two significant figures;
    /// values that rounding makes equal appear once, so there may be fewer than `count` bounds.
    ///
    /// `logarithmic(min: 0.001, max: 2, count: 13)` is `0, 0.0019, 0.0035, …, 1.1, 2`.
    ///
    /// - Throws: ``MetricsError/invalidBuckets(metric:problem:)`` unless `0 < min < max` (both
    ///   finite) and `1 <= count <= 512` (Dynamo's `validate_bucket_config`).
    public static func logarithmic(min: Double, max: Double, count: Int) throws(MetricsError) -> [Double] {
        if let problem = logarithmicProblem(min: min, max: max, count: count) {
            throw .invalidBuckets(metric: "", problem: problem)
        }
        if count == 1 { return [0] }
        var bounds: [Double] = [0]
        let logMin = log(min)
        let logMax = log(max)
        for index in 1..<count {
            let value = exp(logMin + (logMax - logMin) * (Double(index) / Double(count - 1)))
            let bound = roundedToTwoSignificantFigures(value)
            if bound != bounds[bounds.count - 1] { bounds.append(bound) }
        }
        return bounds
    }

    /// Log buckets whose parameters `<environmentPrefix>_MIN`, `_MAX` and `_COUNT` may override,
    /// as Dynamo's frontend histograms do (`parse_bucket_config`): for example
    /// `DYN_METRICS_TTFT_MAX=120`. Each variable is also read under Dynamo's deprecated doubled
    /// name (`DYN_HISTOGRAM_DYN_METRICS_TTFT_MAX`) when the new one is unset; using it is reported.
    ///
    /// Never fails: a value that does not parse, or a combination that is not valid, is handed
    /// to `report` naming the variable, and the defaults are used (Dynamo logs and uses the
    /// defaults too). Invalid defaults give `1, 10, 10`, as in Dynamo.
    public static func logarithmic(
        min defaultMin: Double, max defaultMax: Double, count defaultCount: Int,
        environmentPrefix: String,
        environment: [String: String] = EnvironmentVariables.current(),
        report: (MetricsError) -> Void
    ) -> [Double] {
        var settings = LogBucketSettings(min: defaultMin, max: defaultMax, count: defaultCount)
        if let problem = logarithmicProblem(min: defaultMin, max: defaultMax, count: defaultCount) {
            report(.invalidBuckets(metric: "", problem: "invalid default log buckets (\(problem)); using min 1, max 10, count 10"))
            settings = LogBucketSettings(min: 1, max: 10, count: 10)
        } else {
            let read = LogBucketSettings.read(prefix: environmentPrefix, environment: environment, defaults: settings, report: report)
            if let problem = logarithmicProblem(min: read.min, max: read.max, count: read.count) {
                let names = ["MIN", "MAX", "COUNT"].map { "\(environmentPrefix)_\($0)" }.joined(separator: ", ")
                report(.environmentVariable(
                    names, value: "min \(FloatFormat.prometheus(read.min)), max \(FloatFormat.prometheus(read.max)), count \(read.count)",
                    problem: "\(problem); using the defaults"))
            } else {
                settings = read
            }
        }
        return (try? logarithmic(min: settings.min, max: settings.max, count: settings.count)) ?? [0]
    }

    /// Why `min`, `max`, `count` are not valid log-bucket parameters, or `nil`.
    static func logarithmicProblem(min: Double, max: Double, count: Int) -> String? {
        guard min.isFinite, max.isFinite, min > 0, min < max else {
            return "log buckets need finite bounds with 0 < min < max, got min \(FloatFormat.prometheus(min)), max \(FloatFormat.prometheus(max))"
        }
        guard count >= 1, count <= maximumLogarithmicCount else {
            return "log buckets need a count from 1 to \(maximumLogarithmicCount), got \(count)"
        }
        return nil
    }

    /// Dynamo's `round_to_sig_figs(value, 2)`.
    static func roundedToTwoSignificantFigures(_ value: Double) -> Double {
        if value == 0 { return 0 }
        let magnitude = log10(Swift.abs(value)).rounded(.down)
        let scale = pow(10, 1 - magnitude)
        return (value * scale).rounded() / scale
    }
}

/// The three parameters of log buckets, read from the environment.
struct LogBucketSettings {
    var min: Double
    var max: Double
    var count: Int

    /// Dynamo's prefix of the deprecated doubled names (`DYN_HISTOGRAM_DYN_METRICS_TTFT_MAX`).
    static let deprecatedPrefix = "DYN_HISTOGRAM_"

    static func read(
        prefix: String, environment: [String: String], defaults: LogBucketSettings, report: (MetricsError) -> Void
    ) -> LogBucketSettings {
        func value(_ suffix: String) -> (name: String, text: String)? {
            let name = "\(prefix)_\(suffix)"
            if let text = environment[name], !text.isEmpty { return (name, text) }
            let deprecated = deprecatedPrefix + name
            guard let text = environment[deprecated], !text.isEmpty else { return nil }
            report(.environmentVariable(deprecated, value: text, problem: "deprecated name; set \(name) instead"))
            return (deprecated, text)
        }
        var settings = defaults
        if let (name, text) = value("MIN") {
            if let number = Double(text.trimmingSpaces) { settings.min = number } else {
                report(.environmentVariable(name, value: text, problem: "not a number; using \(FloatFormat.prometheus(defaults.min))"))
            }
        }
        if let (name, text) = value("MAX") {
            if let number = Double(text.trimmingSpaces) { settings.max = number } else {
                report(.environmentVariable(name, value: text, problem: "not a number; using \(FloatFormat.prometheus(defaults.max))"))
            }
        }
        if let (name, text) = value("COUNT") {
            if let number = Int(text.trimmingSpaces), number >= 0 { settings.count = number } else {
                report(.environmentVariable(name, value: text, problem: "not a non-negative integer; using \(defaults.count)"))
            }
        }
        return settings
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// The process environment as a dictionary.
public enum EnvironmentVariables {
    /// The current process environment.
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
