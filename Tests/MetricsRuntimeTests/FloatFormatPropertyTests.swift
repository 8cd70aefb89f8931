import Foundation
import MetricsRuntime
import Testing

/// Differential test of sample-value spelling over many seeded pseudo-random doubles: every
/// value must round-trip exactly and equal an independent spelling of Go's
/// `strconv.FormatFloat(v, 'g', -1, 64)` built here from Swift's shortest digits.
@Suite struct FloatFormatPropertyTests {
    /// SplitMix64, so failures reproduce.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Go's shortest `%g`, written independently of the runtime.
    static func goShortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let sign = value < 0 ? "-" : ""
        let text = value.magnitude.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(of: "e") {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) ?? 0
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts.first.map(String.init) ?? ""
        var digits = Array(integerPart + (parts.count > 1 ? String(parts[1]) : ""))
        var point = integerPart.count + exponent  // value = 0.digits × 10^point
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let decimalExponent = point - 1
        if decimalExponent < -4 || decimalExponent >= 6 {
            var result = String(digits[0])
            if digits.count > 1 { result += "." + String(digits[1...]) }
            let magnitude = abs(decimalExponent)
            result += "e" + (decimalExponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
            return sign + result
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }

    static func values() -> [Double] {
        var generator = SeededGenerator(state: 0x5EED_F10A7)
        var values: [Double] = []
        for _ in 0..<4_000 {
            let bits = Double(bitPattern: generator.next())
            if bits.isFinite { values.append(bits) }
            values.append(Double(Int64.random(in: -(1 << 53)...(1 << 53), using: &generator)))
            let scale = Double.random(in: -30...30, using: &generator).rounded()
            let digits = Double(Int.random(in: 1...999_999_999, using: &generator))
            values.append(digits * pow10(Int(scale)))
            values.append(Double.random(in: -1e7...1e7, using: &generator))
        }
        for power in -12...25 {
            let exact = pow10(power)
            values += [exact, exact.nextUp, exact.nextDown, -exact, exact * 1.5]
        }
        values += [9_007_199_254_740_992, 9_007_199_254_740_991, 999_999.5, 1e6 - 0.25,
                   0.000099999, 0.0001 - 1e-20, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude,
                   Double.leastNormalMagnitude, -Double.leastNormalMagnitude.nextDown]
        return values
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 { for _ in 0..<exponent { result *= 10 } } else { for _ in 0..<(-exponent) { result /= 10 } }
        return result
    }

    @Test func referenceAgreesWithKnownGoOutput() {
        let known: [(Double, String)] = [
            (1e6, "1e+06"), (123_456, "123456"), (1.5e-07, "1.5e-07"), (0.0001, "0.0001"), (1e-05, "1e-05"),
            (-0.0, "-0"), (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"), (1_234_567, "1.234567e+06"),
        ]
        for (value, text) in known { #expect(Self.goShortest(value) == text) }
    }

    @Test func randomValuesMatchGoAndRoundTrip() throws {
        var configuration = MetricsConfiguration()
        configuration.seriesLimitPerFamily = 1_000_000
        let runtime = MetricsRuntime(configuration: configuration)
        let metrics = runtime.namespace("ns").metrics.withPrefix(nil)
        let gauges = try metrics.makeGaugeVec("v", help: "V", labelNames: ["i"])
        let values = Self.values()
        for (index, value) in values.enumerated() { gauges.labels(String(index)).set(value) }

        for format in ExpositionFormat.allCases {
            var byIndex = [Int: String]()
            for line in try metrics.exposition(format: format).split(separator: "\n") where line.hasPrefix("v{") {
                guard let start = line.range(of: "i=\""), let end = line[start.upperBound...].firstIndex(of: "\""),
                      let index = Int(line[start.upperBound..<end]), let space = line.lastIndex(of: " ") else { continue }
                byIndex[index] = String(line[line.index(after: space)...])
            }
            #expect(byIndex.count == values.count)
            var mismatches = [String]()
            for (index, value) in values.enumerated() {
                var expected = Self.goShortest(value)
                if format == .openMetrics, !expected.contains("."), !expected.contains("e") { expected += ".0" }
                let actual = byIndex[index] ?? "<missing>"
                let roundTrips = Double(actual).map { $0.bitPattern == value.bitPattern } ?? false
                if actual != expected || !roundTrips {
                    mismatches.append("\(value.bitPattern): got \(actual), want \(expected)")
                }
            }
            #expect(mismatches.prefix(20) == [], "\(mismatches.count) of \(values.count) values differ (\(format))")
        }
    }
}
