import MetricsSchema

/// Renders a closed label set as a nested `String` enum.
enum EnumRenderer {
    static func render(_ labelEnum: GeneratedNames.LabelEnum, into writer: inout SwiftSourceWriter) {
        writer.doc("The allowed values of the label `\(labelEnum.labelName)`; the raw values are the label values.")
        writer.block("public enum \(labelEnum.typeName): String, Sendable, CaseIterable") { body in
            let cases = zip(labelEnum.values, labelEnum.caseNames).enumerated().map { index, pair in
                (value: pair.0, name: SwiftNames.escaped(pair.1 ?? "value\(index)"), plain: pair.1 ?? "value\(index)")
            }
            for item in cases {
                body.doc("`\(item.value)`")
                body.line(item.plain == item.value
                    ? "case \(item.name)"
                    : "case \(item.name) = \(SwiftLiteral.string(item.value))")
            }
            body.line()
            body.doc("The position of this case in `allCases`, used to find a pre-created series without hashing.")
            body.block("var _seriesIndex: Int") { getter in
                getter.line("switch self {")
                for (index, item) in cases.enumerated() {
                    getter.line("case .\(item.name): \(index)")
                }
                getter.line("}")
            }
        }
    }
}
