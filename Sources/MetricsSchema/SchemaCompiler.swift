/// The outcome of loading and checking a set of schema files that are compiled together.
public struct SchemaCompilation: Sendable {
    /// The schemas that could be loaded, in the order of the files given.
    public var schemas: [MetricSchema]
    /// Every finding, sorted by file, line and column.
    public var diagnostics: [Diagnostic]

    /// Whether any finding is an error (then nothing should be generated).
    public var hasErrors: Bool { diagnostics.containsErrors }
}

/// Parse → model → checks for a set of schema files. Every finding is collected; none stops the run.
public enum SchemaCompiler {
    /// Loads and checks the files at `paths` (diagnostics name each path exactly as given).
    /// Schemas without `profile:` follow `defaultProfile` (see ``SchemaProfile``).
    public static func compile(files paths: [String], defaultProfile: SchemaProfile = .defaultProfile) -> SchemaCompilation {
        compile(results: paths.map(SchemaLoader.load(contentsOfFile:)), defaultProfile: defaultProfile)
    }

    /// Loads and checks in-memory sources.
    public static func compile(
        sources: [(file: String, text: String)], defaultProfile: SchemaProfile = .defaultProfile
    ) -> SchemaCompilation {
        compile(results: sources.map { SchemaLoader.load(text: $0.text, file: $0.file) }, defaultProfile: defaultProfile)
    }

    /// Runs every check on schemas that were already loaded, returning the findings in a stable order.
    public static func check(_ schemas: [MetricSchema]) -> [Diagnostic] {
        var context = CheckContext()
        for schema in schemas {
            NameChecks.run(schema, into: &context)
            LabelChecks.run(schema, into: &context)
            BindingChecks.run(schema, into: &context)
            BucketChecks.run(schema, into: &context)
            DuplicateChecks.run(schema, into: &context)
            IdentifierChecks.run(schema, into: &context)
            ConventionChecks.run(schema, into: &context)
        }
        DuplicateChecks.runAcross(schemas, into: &context)
        LifecycleChecks.runAcross(schemas, into: &context)
        return context.diagnostics
    }

    private static func compile(results: [SchemaLoadResult], defaultProfile: SchemaProfile) -> SchemaCompilation {
        let schemas = results.compactMap(\.schema).map { schema in
            var schema = schema
            schema.applyDefaultProfile(defaultProfile)
            return schema
        }
        let diagnostics = results.flatMap(\.diagnostics) + check(schemas)
        return SchemaCompilation(schemas: schemas, diagnostics: diagnostics.sortedByLocation())
    }
}
