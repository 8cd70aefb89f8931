import MetricsRuntime

/// Chooses the exposition format from a request's `Accept` header (Prometheus `content_negotiation.md`).
///
/// The header is a comma-separated list of media ranges with parameters. `q` defaults to 1 and `q=0`
/// means "not acceptable"; a range with a malformed `q` is ignored. Each format takes the `q` of the most
/// specific range that matches it. OpenMetrics is chosen only when its `q` is higher than text's, or equal
/// with a more specific range, or equally specific and listed earlier; otherwise, including a missing
/// header or only `*/*`, the answer is text 0.0.4.
public enum ContentNegotiation {
    /// The format to answer a request whose `Accept` headers are `acceptHeaders` (empty when absent).
    public static func format(accept acceptHeaders: [String]) -> ExpositionFormat {
        var best: [ExpositionFormat: Match] = [:]
        var index = 0
        for header in acceptHeaders {
            for rawRange in header.split(separator: ",") {
                defer { index += 1 }
                guard let range = MediaRange(parsing: rawRange) else { continue }
                for format in ExpositionFormat.allCases {
                    guard let specificity = range.specificity(matching: format) else { continue }
                    let match = Match(q: range.q, specificity: specificity, index: index)
                    if let current = best[format], !match.isMoreSpecific(than: current) { continue }
                    best[format] = match
                }
            }
        }
        guard let openMetrics = best[.openMetrics], openMetrics.q > 0 else { return .prometheusText }
        guard let text = best[.prometheusText], text.q > 0 else { return .openMetrics }
        return openMetrics.isPreferred(over: text) ? .openMetrics : .prometheusText
    }

    private struct Match {
        var q: Double
        var specificity: Int
        var index: Int

        /// RFC 9110 §12.5.1: the most specific matching range decides the quality.
        func isMoreSpecific(than other: Match) -> Bool { specificity > other.specificity }

        func isPreferred(over other: Match) -> Bool {
            if q != other.q { return q > other.q }
            if specificity != other.specificity { return specificity > other.specificity }
            return index < other.index
        }
    }
}

/// One media range of an `Accept` header, lower-cased, with its parameters.
struct MediaRange {
    var type: Substring
    var subtype: Substring
    var parameters: [(name: String, value: String)]
    var q: Double

    init?(parsing raw: Substring) {
        let parts = raw.split(separator: ";", omittingEmptySubsequences: false)
        let mediaType = parts[0].trimmingWhitespace().lowercased()
        let typeParts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        guard typeParts.count == 2, !typeParts[0].isEmpty, !typeParts[1].isEmpty else { return nil }
        if typeParts[0] == "*" && typeParts[1] != "*" { return nil }
        type = typeParts[0]
        subtype = typeParts[1]
        parameters = []
        q = 1
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].trimmingWhitespace().lowercased()
            if name.isEmpty { continue }
            var value = pair.count == 2 ? pair[1].trimmingWhitespace() : ""
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            if name == "q" {
                guard let quality = Double(value), quality >= 0, quality <= 1 else { return nil }
                q = quality
            } else {
                parameters.append((name, value))
            }
        }
    }

    /// How specifically this range names `format` (3 = type, subtype and parameters), nil if it does not.
    func specificity(matching format: ExpositionFormat) -> Int? {
        let (wantedType, wantedSubtype, version) =
            switch format {
            case .prometheusText: ("text", "plain", "0.0.4")
            case .openMetrics: ("application", "openmetrics-text", "1.0.0")
            }
        if type == "*" { return 0 }
        guard type == wantedType else { return nil }
        if subtype == "*" { return 1 }
        guard subtype == wantedSubtype else { return nil }
        if let requested = parameters.first(where: { $0.name == "version" })?.value, requested != version {
            return nil
        }
        return parameters.isEmpty ? 2 : 3
    }
}
