/// Everything that can go wrong when defining, recording or exposing metrics.
///
/// Every case names the metric (its full, prefixed name) and says what is wrong and how to fix it;
/// ``description`` renders that as one sentence. No API of this library crashes on bad input: it
/// throws one of these, or hands it to ``MetricsConfiguration/errorHandler`` where it cannot throw.
public enum MetricsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The metric name does not match `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    case invalidMetricName(String)
    /// A label name does not match `[a-zA-Z_][a-zA-Z0-9_]*`.
    case invalidLabelName(String, metric: String)
    /// The help text is empty (Prometheus requires help on every metric).
    case emptyHelp(metric: String)
    /// The label name is reserved: an automatic hierarchy label, `le` on a histogram, `quantile`,
    /// or a name starting with `__`.
    case reservedLabelName(String, metric: String, reason: String)
    /// The same label name appears twice (among the variable labels, the constant labels, or both).
    case duplicateLabelName(String, metric: String)
    /// The histogram buckets are empty, not finite or not strictly increasing.
    case invalidBuckets(metric: String, problem: String)
    /// The unit is not a valid name part or the metric name does not end with it.
    case invalidUnit(String, metric: String, reason: String)
    /// A family was given the wrong number of label values.
    case labelCountMismatch(metric: String, expected: [String], got: Int)
    /// A label given by name is not one of the family's label names.
    case unknownLabelName(String, metric: String, expected: [String])
    /// A label of the family was not given a value.
    case missingLabelValue(String, metric: String)
    /// A metric with this name already exists with a different type, help, label names, buckets
    /// or unit. Registering an identical descriptor returns the existing instrument instead.
    case conflictingRegistration(metric: String, difference: String)
    /// The same series (name and full label set) would be produced by two registrations.
    case duplicateSeries(metric: String, labels: String)
    /// A sanitizer could not turn the input into a valid name.
    case cannotSanitize(String, reason: String)
    /// An update or exposition callback threw; with ``CallbackFailurePolicy/failScrape`` the
    /// scrape fails with this error.
    case callbackFailed(message: String)
    /// ``MetricsRuntime/bootstrapShared(_:)`` was called after the shared runtime was created.
    case sharedRuntimeAlreadyCreated
    /// ``MetricsConfiguration/seriesLimitPerFamily`` is below 1; the runtime uses 1.
    case invalidSeriesLimit(Int)
    /// An environment variable (named first) has a value that cannot be used, or a deprecated name.
    case environmentVariable(String, value: String, problem: String)
    /// One family is registered both on the runtime root (no hierarchy labels: for example a
    /// generated type's static accessors) and under a namespace (a bound instance,
    /// `AppMetrics(endpoint)`), so it is exposed as two sets of series with different labels.
    /// Reported once per family, as a warning: both registrations keep working.
    case mixedHierarchyRegistration(metric: String)
    /// A metric recorded through swift-metrics could not be registered (a conflict with another
    /// metric of the same name, say): it records but is not exposed. `label` is the swift-metrics
    /// label, `reason` the underlying error.
    case swiftMetricsRegistrationFailed(label: String, metric: String, reason: String)

    /// A readable, one-sentence explanation with a hint on how to fix it.
    public var description: String {
        switch self {
        case .invalidMetricName(let name):
            return "'\(name)' is not a valid metric name: use letters, digits, '_' and ':', not starting with a digit"
        case .invalidLabelName(let label, let metric):
            return "'\(label)' is not a valid label name for metric '\(metric)': use letters, digits and '_', not starting with a digit"
        case .emptyHelp(let metric):
            return "metric '\(metric)' has an empty help string: describe what it measures"
        case .reservedLabelName(let label, let metric, let reason):
            return "label '\(label)' of metric '\(metric)' is reserved: \(reason)"
        case .duplicateLabelName(let label, let metric):
            return "label '\(label)' appears more than once on metric '\(metric)'"
        case .invalidBuckets(let metric, let problem):
            return metric.isEmpty ? "invalid histogram buckets: \(problem)" : "invalid buckets for histogram '\(metric)': \(problem)"
        case .invalidUnit(let unit, let metric, let reason):
            return "unit '\(unit)' of metric '\(metric)' is invalid: \(reason)"
        case .labelCountMismatch(let metric, let expected, let got):
            return "metric '\(metric)' takes \(expected.count) label value\(expected.count == 1 ? "" : "s") (\(expected.joined(separator: ", "))), got \(got)"
        case .unknownLabelName(let label, let metric, let expected):
            return "metric '\(metric)' has no label '\(label)'; its labels are \(expected.joined(separator: ", "))"
        case .missingLabelValue(let label, let metric):
            return "no value given for label '\(label)' of metric '\(metric)'"
        case .conflictingRegistration(let metric, let difference):
            return "metric '\(metric)' is already registered with \(difference); use the same definition everywhere or another name"
        case .duplicateSeries(let metric, let labels):
            return "metric '\(metric)' already has a series {\(labels)} registered by another node; give it distinct constant labels"
        case .cannotSanitize(let input, let reason):
            return reason.isEmpty ? "cannot sanitize '\(input)'" : reason
        case .callbackFailed(let message):
            return "metrics callback failed: \(message)"
        case .sharedRuntimeAlreadyCreated:
            return "MetricsRuntime.bootstrapShared must be called before MetricsRuntime.shared is first used"
        case .invalidSeriesLimit(let limit):
            return "seriesLimitPerFamily is \(limit), but a family needs room for at least 1 series: using 1; set it to 1 or more"
        case .environmentVariable(let name, let value, let problem):
            return "environment variable \(name)='\(value)': \(problem)"
        case .mixedHierarchyRegistration(let metric):
            return "warning: metric '\(metric)' is registered both on the runtime root (without hierarchy labels, e.g. a generated type's static accessors) "
                + "and under a namespace (with hierarchy labels, e.g. a bound instance Type(endpoint)), so it is exposed as two sets of series with different labels; "
                + "use either the static accessors or bound instances of one schema, not both"
        case .swiftMetricsRegistrationFailed(let label, let metric, let reason):
            return "swift-metrics metric '\(label)' (exposed as '\(metric)') is missing from the exposition: \(reason); "
                + "give '\(label)' the same kind and dimension keys wherever it is created, or rename it or the metric it collides with"
        }
    }
}
