import Foundation
import MetricsSchema
import Testing

/// `schemas/metrics-schema.schema.json` (for editors) must accept exactly what the loader accepts.
@Suite struct JSONSchemaSyncTests {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas/metrics-schema.schema.json")

    func load() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.url))
        return try #require(object as? [String: Any])
    }

    func object(_ root: [String: Any], _ path: String...) throws -> [String: Any] {
        var current = root
        for key in path { current = try #require(current[key] as? [String: Any], "missing \(path)") }
        return current
    }

    func keys(_ node: [String: Any]) throws -> Set<String> {
        Set(try #require(node["properties"] as? [String: Any]).keys)
    }

    func required(_ node: [String: Any]) -> Set<String> {
        Set(node["required"] as? [String] ?? [])
    }

    @Test func keysMatchTheLoader() throws {
        let root = try load()
        #expect(try keys(root) == Set(SchemaKeys.root))
        #expect(required(root) == Set(SchemaKeys.requiredRoot))
        let metric = try object(root, "definitions", "metric")
        #expect(try keys(metric) == Set(SchemaKeys.metric))
        #expect(required(metric) == Set(SchemaKeys.requiredMetric))
        let label = try object(root, "definitions", "label")
        #expect(try keys(label) == Set(SchemaKeys.label))
        #expect(required(label) == Set(SchemaKeys.requiredLabel))
        let labelValue = try object(root, "definitions", "labelValue")
        #expect(try keys(labelValue) == Set(SchemaKeys.labelValue))
        #expect(required(labelValue) == Set(SchemaKeys.requiredLabelValue))
        let deprecated = try object(metric, "properties", "deprecated")
        #expect(try keys(deprecated) == Set(SchemaKeys.deprecation))
        #expect(required(deprecated) == Set(SchemaKeys.requiredDeprecation))
        let generator = try object(root, "definitions", "bucketGenerator")
        #expect(try keys(generator) == Set(SchemaKeys.bucketGenerators))
        let linear = try object(generator, "properties", "linear")
        #expect(try keys(linear) == Set(SchemaKeys.linearBuckets))
        #expect(required(linear) == Set(SchemaKeys.linearBuckets))
        let exponential = try object(generator, "properties", "exponential")
        #expect(try keys(exponential) == Set(SchemaKeys.exponentialBuckets))
        #expect(required(exponential) == Set(SchemaKeys.exponentialBuckets))
        let log = try object(generator, "properties", "log")
        #expect(try keys(log) == Set(SchemaKeys.logBuckets))
        #expect(required(log) == Set(SchemaKeys.requiredLogBuckets))
        #expect(try object(root, "properties", "binding")["enum"] as? [String] == SchemaBinding.allCases.map(\.rawValue))
        for node in [root, metric, label, labelValue, deprecated, generator, linear, exponential, log] {
            #expect(node["additionalProperties"] as? Bool == false)
        }
    }

    @Test func enumsAndLimitsMatchTheLoader() throws {
        let root = try load()
        let metric = try object(root, "definitions", "metric", "properties")
        #expect(try object(metric, "type")["enum"] as? [String] == MetricType.allCases.map(\.rawValue))
        #expect(try object(metric, "value")["enum"] as? [String] == MetricValueType.allCases.map(\.rawValue))
        #expect(try object(metric, "no_lint", "items")["enum"] as? [String] == MetricDefinition.lintCodes)
        #expect(try object(metric, "stability")["enum"] as? [String] == Stability.allCases.map(\.rawValue))
        #expect(try object(metric, "stability")["default"] as? String == Stability.defaultLevel.rawValue)
        #expect(try object(root, "properties", "version")["enum"] as? [Int] == [MetricSchema.supportedVersion])
        #expect(try object(root, "properties", "prefix")["default"] as? String == MetricSchema.defaultPrefix)
        #expect(try object(root, "properties", "access")["enum"] as? [String] == AccessLevel.allCases.map(\.rawValue))
        #expect(try object(root, "properties", "profile")["enum"] as? [String] == SchemaProfile.allCases.map(\.rawValue))
        #expect(try object(root, "properties", "profile")["default"] as? String == SchemaProfile.defaultProfile.rawValue)
        #expect(try object(root, "definitions", "label", "properties", "values")["maxItems"] as? Int == LabelDefinition.maximumClosedValues)
        let reserved = try object(root, "definitions", "labelName", "not")["enum"] as? [String]
        #expect(reserved == MetricSchema.alwaysReservedLabelNames)
        let logCount = try object(root, "definitions", "bucketGenerator", "properties", "log", "properties", "count")
        #expect(logCount["maximum"] as? Int == BucketSpec.maximumLogCount)
        let linearCount = try object(root, "definitions", "bucketGenerator", "properties", "linear", "properties", "count")
        #expect(linearCount["maximum"] as? Int == BucketSpec.maximumCount)
        let exponentialCount = try object(root, "definitions", "bucketGenerator", "properties", "exponential", "properties", "count")
        #expect(exponentialCount["maximum"] as? Int == BucketSpec.maximumCount)
    }
}
