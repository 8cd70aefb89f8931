import MetricsSchema
import Testing

/// `profile:` (and the compiler's default profile, from `metrics-schema.json` or `--profile`):
/// the prefix of a schema without `prefix:` and the hierarchy labels it may not declare.
@Suite struct ProfileTests {
    static let noPrefix = """
        version: 1
        type_name: AppMetrics
        metrics:
          - name: requests_total
            type: counter
            help: Requests
        """

    static func compile(_ yaml: String, defaultProfile: SchemaProfile = .defaultProfile) -> SchemaCompilation {
        SchemaCompiler.compile(sources: [(file: "app.metrics.yaml", text: yaml)], defaultProfile: defaultProfile)
    }

    /// Without any profile a schema is exactly what it was before profiles existed: Dynamo's prefix.
    @Test func defaultIsDynamo() throws {
        let schema = try #require(Self.compile(Self.noPrefix).schemas.first)
        #expect(schema.prefix == "dynamo_component")
        #expect(schema.profile == .dynamo)
        #expect(schema.fullName(of: schema.metrics[0]) == "dynamo_component_requests_total")
    }

    @Test func neutralFromTheConfigurationHasNoPrefix() throws {
        let compilation = Self.compile(Self.noPrefix, defaultProfile: .neutral)
        #expect(compilation.diagnostics.isEmpty)
        let schema = try #require(compilation.schemas.first)
        #expect(schema.prefix == "")
        #expect(schema.fullName(of: schema.metrics[0]) == "requests_total")
    }

    @Test func theSchemaProfileWinsOverTheConfiguration() throws {
        let neutral = try #require(Self.compile("profile: neutral\n" + Self.noPrefix).schemas.first)
        #expect(neutral.prefix == "")
        let dynamo = try #require(Self.compile("profile: dynamo\n" + Self.noPrefix, defaultProfile: .neutral).schemas.first)
        #expect(dynamo.prefix == "dynamo_component")
    }

    @Test(arguments: [SchemaProfile.dynamo, .neutral])
    func anExplicitPrefixWinsUnderEveryProfile(_ profile: SchemaProfile) throws {
        let schema = try #require(Self.compile("prefix: shop\n" + Self.noPrefix, defaultProfile: profile).schemas.first)
        #expect(schema.prefix == "shop")
        let none = try #require(Self.compile("prefix: \"\"\n" + Self.noPrefix, defaultProfile: profile).schemas.first)
        #expect(none.prefix == "")
    }

    static func labeled(_ label: String) -> String {
        Self.noPrefix + "\n    labels: [\(label)]\n"
    }

    @Test func neutralReservesItsOwnHierarchyLabels() {
        #expect(Self.compile(Self.labeled("component"), defaultProfile: .neutral).diagnostics.map(\.description) == [
            "app.metrics.yaml:7:14: error: label 'component' is added automatically by the runtime hierarchy; bind the metrics to a namespace, component or endpoint node instead, or use 'binding: raw'",
        ])
        #expect(Self.compile(Self.labeled("dynamo_component"), defaultProfile: .neutral).diagnostics.isEmpty)
        #expect(Self.compile(Self.labeled("component")).diagnostics.isEmpty)
        #expect(!Self.compile(Self.labeled("dynamo_component")).diagnostics.isEmpty)
    }

    @Test func anUnknownProfileIsAnErrorAtItsLine() {
        #expect(Self.compile("profile: neutrl\n" + Self.noPrefix).diagnostics.map(\.description) == [
            "app.metrics.yaml:1:10: error: unknown profile 'neutrl'; did you mean 'neutral'?",
        ])
    }
}
