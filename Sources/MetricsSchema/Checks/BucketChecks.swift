/// Errors about histogram settings: buckets on other types, invalid bounds or parameters, and
/// `value: int` on a histogram.
enum BucketChecks {
    static func run(_ schema: MetricSchema, into context: inout CheckContext) {
        for metric in schema.metrics {
            if metric.type == .histogram, metric.valueType == .int {
                context.error(
                    "int-histogram", "'value: int' is only supported for counters and gauges", at: metric.valueTypeLocation,
                    hint: "remove 'value' (histograms observe Double values)")
            }
            guard let buckets = metric.buckets else { continue }
            guard metric.type == .histogram else {
                context.error(
                    "buckets-not-histogram", "'buckets' is only valid for histograms, but '\(metric.name)' is a \(metric.type.rawValue)",
                    at: metric.bucketsLocation, hint: "remove 'buckets' or change the type to 'histogram'")
                continue
            }
            switch buckets {
            case .explicit(let bounds): checkExplicit(bounds, metric, into: &context)
            case .linear(let start, let width, let count):
                checkCount(count, metric, into: &context)
                if !start.isFinite || !width.isFinite {
                    context.error("invalid-buckets", "linear bucket 'start' and 'width' must be finite", at: metric.bucketsLocation)
                } else if width <= 0 {
                    context.error(
                        "invalid-buckets", "linear bucket 'width' must be greater than 0, found \(width)", at: metric.bucketsLocation)
                }
            case .exponential(let start, let factor, let count):
                checkCount(count, metric, into: &context)
                if !start.isFinite || !factor.isFinite {
                    context.error(
                        "invalid-buckets", "exponential bucket 'start' and 'factor' must be finite", at: metric.bucketsLocation)
                } else if start <= 0 {
                    context.error(
                        "invalid-buckets", "exponential bucket 'start' must be greater than 0, found \(start)",
                        at: metric.bucketsLocation)
                } else if factor <= 1 {
                    context.error(
                        "invalid-buckets", "exponential bucket 'factor' must be greater than 1, found \(factor)",
                        at: metric.bucketsLocation)
                }
            case .log(let min, let max, let count, let environment):
                checkLog(min: min, max: max, count: count, environment: environment, metric, into: &context)
            }
            if case .explicit = buckets { continue }
            if let bounds = buckets.bounds, bounds.contains(where: { !$0.isFinite }) {
                context.error(
                    "invalid-buckets", "the generated bucket bounds overflow to infinity", at: metric.bucketsLocation,
                    hint: "lower 'count' or 'factor'")
            }
        }
    }

    private static func checkLog(
        min: Double, max: Double, count: Int, environment: String?, _ metric: MetricDefinition,
        into context: inout CheckContext
    ) {
        if count < 1 || count > BucketSpec.maximumLogCount {
            context.error(
                "invalid-buckets", "log bucket 'count' must be between 1 and \(BucketSpec.maximumLogCount), found \(count)",
                at: metric.bucketsLocation)
        }
        if !min.isFinite || !max.isFinite || min <= 0 || min >= max {
            context.error(
                "invalid-buckets", "log buckets need finite bounds with 0 < 'min' < 'max', found min \(min), max \(max)",
                at: metric.bucketsLocation)
        }
        if let environment, !PrometheusSyntax.isValidLabelName(environment) || environment.hasSuffix("_") {
            context.error(
                "invalid-buckets", "log bucket 'env' must be an environment variable prefix such as 'DYN_METRICS_TTFT', found '\(environment)'",
                at: metric.bucketsLocation, hint: "letters, digits and '_', not ending in '_'; '_MIN', '_MAX', '_COUNT' are appended")
        }
    }

    private static func checkCount(_ count: Int, _ metric: MetricDefinition, into context: inout CheckContext) {
        if count < 1 || count > BucketSpec.maximumCount {
            context.error(
                "invalid-buckets", "bucket 'count' must be between 1 and \(BucketSpec.maximumCount), found \(count)",
                at: metric.bucketsLocation)
        }
    }

    private static func checkExplicit(_ bounds: [Double], _ metric: MetricDefinition, into context: inout CheckContext) {
        guard !bounds.isEmpty else {
            context.error(
                "invalid-buckets", "'buckets' must not be empty", at: metric.bucketsLocation,
                hint: "list at least one bound, or remove 'buckets' to use the runtime's default buckets")
            return
        }
        func location(_ index: Int) -> SourceLocation {
            metric.bucketBoundLocations.indices.contains(index) ? metric.bucketBoundLocations[index] : metric.bucketsLocation
        }
        for (index, bound) in bounds.enumerated() {
            if !bound.isFinite {
                context.error(
                    "invalid-buckets", "bucket bound \(bound) is not a finite number", at: location(index),
                    hint: bound == .infinity ? "the '+Inf' bucket is added automatically; remove it" : nil)
            } else if index > 0, bounds[index - 1].isFinite, bound <= bounds[index - 1] {
                context.error(
                    "invalid-buckets", "bucket bounds must be strictly increasing, but \(bound) follows \(bounds[index - 1])",
                    at: location(index))
            }
        }
    }
}
