import MetricsSchema

/// Loads and checks one in-memory schema and returns every diagnostic in compiler format.
func diagnostics(_ yaml: String, file: String = "app.metrics.yaml") -> [String] {
    SchemaCompiler.compile(sources: [(file: file, text: yaml)]).diagnostics.map(\.description)
}

/// Loads one in-memory schema, expecting no diagnostics at all.
func loadClean(_ yaml: String, file: String = "app.metrics.yaml") -> MetricSchema? {
    let compilation = SchemaCompiler.compile(sources: [(file: file, text: yaml)])
    guard compilation.diagnostics.isEmpty else { return nil }
    return compilation.schemas.first
}

/// A schema header followed by `metrics` (indented as list items under `metrics:`).
func schema(_ metrics: String) -> String {
    "version: 1\nmetrics:\n" + metrics
}
