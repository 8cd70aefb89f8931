/// The Swift names the generator uses for one schema, decided in one place so that the
/// identifier checks and the code generator always agree.
///
/// Closed label sets become nested enums named after the label (`memory_type` → `MemoryType`).
/// When several metrics of a schema use the same label name with the *same* values, they share one
/// enum; when the values differ, each metric gets its own enum named `<Metric><Label>`
/// (`gpu_memory_bytes` + `memory_type` → `GpuMemoryBytesMemoryType`). A name that would shadow a
/// type the generated code uses (`Counter`, `String`, `Type`, `Names`, …, or the schema's own type)
/// gets the suffix `Label`.
public struct GeneratedNames: Sendable {
    /// A nested enum for a closed label set.
    public struct LabelEnum: Sendable, Hashable {
        /// The enum's name inside the schema's type.
        public var typeName: String
        /// The Prometheus label name.
        public var labelName: String
        /// The allowed values, in schema order (the enum's raw values).
        public var values: [String]
        /// The case names, parallel to `values` (`nil` where a value has no identifier form).
        public var caseNames: [String?]
        /// Where each value is, parallel to `values`.
        public var valueLocations: [SourceLocation]
    }

    /// The accessor name of each metric (parallel to `schema.metrics`; `nil` if none can be made).
    public var accessors: [String?]
    /// The argument names of each metric's accessor, parallel to its labels.
    public var parameters: [[String?]]
    /// For each metric and label: the index into `enums` of the label's enum, or `nil` for open labels.
    public var enumIndices: [[Int?]]
    /// The enums, in order of first use.
    public var enums: [LabelEnum]

    /// Plans the names for `schema`.
    public init(schema: MetricSchema) {
        accessors = schema.metrics.map { SwiftNames.lowerCamelCase($0.name) }
        parameters = schema.metrics.map { $0.labels.map { SwiftNames.lowerCamelCase($0.name) } }
        var valueSetsByLabel: [String: Set<[String]>] = [:]
        for metric in schema.metrics {
            for label in metric.labels { if let values = label.values { valueSetsByLabel[label.name, default: []].insert(values) } }
        }
        var enums: [LabelEnum] = []
        var indexByName: [String: Int] = [:]
        enumIndices = schema.metrics.map { metric in
            metric.labels.map { label -> Int? in
                guard let values = label.values else { return nil }
                let shared = valueSetsByLabel[label.name]?.count == 1
                let labelPart = SwiftNames.upperCamelCase(label.name) ?? "Label"
                var typeName = shared ? labelPart : (SwiftNames.upperCamelCase(metric.name) ?? "") + labelPart
                if SwiftNames.reservedTypeNames.contains(typeName) || typeName == schema.typeName { typeName += "Label" }
                let key = shared ? "label:\(label.name)" : "metric:\(metric.name):\(label.name)"
                if let index = indexByName[key] { return index }
                enums.append(LabelEnum(
                    typeName: typeName, labelName: label.name, values: values,
                    caseNames: values.indices.map { label.swiftName(ofValueAt: $0) ?? SwiftNames.caseName(forValue: values[$0]) },
                    valueLocations: label.valueLocations))
                indexByName[key] = enums.count - 1
                return enums.count - 1
            }
        }
        self.enums = enums
    }
}
