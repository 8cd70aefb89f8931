import MetricsSchema

/// Renders a closed label set as a nested `String` enum.
///
/// `_seriesIndex` (a `switch` over every case) is rendered only for enums that index pre-created
/// series (`withSeriesIndex`): type-checking such a switch grows faster than linearly with the number
/// of cases, and pre-creation caps it at `MetricPlan.precreationLimit` cases.
enum EnumRenderer {
    static func render(
        _ labelEnum: GeneratedNames.LabelEnum, withSeriesIndex: Bool, access: String, into writer: inout SwiftSourceWriter
    ) {
        writer.doc("The allowed values of the label `\(labelEnum.labelName)`; the raw values are the label values.")
        writer.block("\(access)enum \(labelEnum.typeName): String, Sendable, CaseIterable") { body in
            let cases = zip(labelEnum.values, labelEnum.caseNames).enumerated().map { index, pair in
                (value: pair.0, name: SwiftNames.escapedCase(pair.1 ?? "value\(index)"), plain: pair.1 ?? "value\(index)")
            }
            for item in cases {
                // An empty code span (two backticks) would read as an empty symbol link to DocC.
                body.doc(item.value.isEmpty ? "The empty value (Prometheus stores it as an absent label)." : "`\(item.value)`")
                body.line(item.plain == item.value
                    ? "case \(item.name)"
                    : "case \(item.name) = \(SwiftLiteral.string(item.value))")
            }
            guard withSeriesIndex else { return }
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
