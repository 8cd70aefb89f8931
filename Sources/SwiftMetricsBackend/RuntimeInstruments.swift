import MetricsRuntime

// CoreMetrics also has `Counter` and `Gauge`, and the module name `MetricsRuntime` is shadowed by
// its class of the same name, so this file (which imports only MetricsRuntime) names them.
typealias RuntimeCounter = Counter
typealias RuntimeGauge = Gauge
