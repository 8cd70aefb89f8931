extension MetricsRegistry {
    /// The metric-name prefix a generated type with `prefix_env:` uses: the value of `variable`
    /// in ``MetricsConfiguration/environment``, sanitized like a metric name, or `fallback` when
    /// the variable is unset or empty — Dynamo's frontend reading `DYN_METRICS_PREFIX`
    /// (`sanitize_frontend_prometheus_prefix`).
    ///
    /// A value that cannot be sanitized (`"!!!"`) gives `fallback`, and a value that sanitizing
    /// changes (`"my-prefix"` → `my_prefix`) is used sanitized; both are reported through the
    /// error handler, naming the variable (Dynamo logs the second and silently does the first).
    public func prefix(fromEnvironment variable: String, fallback: String) -> String {
        guard let raw = environment[variable], !raw.isEmpty else { return fallback }
        guard let sanitized = try? sanitizePrometheusName(raw) else {
            report(.environmentVariable(variable, value: raw, problem: "not sanitizable into a metric-name prefix; using '\(fallback)'"))
            return fallback
        }
        if sanitized != raw {
            report(.environmentVariable(variable, value: raw, problem: "not a valid metric-name prefix; using it sanitized as '\(sanitized)'"))
        }
        return sanitized
    }
}
