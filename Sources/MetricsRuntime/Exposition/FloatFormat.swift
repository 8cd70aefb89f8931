/// Number spelling for the exposition formats, identical to the Prometheus reference
/// implementation (Go's `strconv.AppendFloat(f, 'g', -1, 64)`, with `+Inf`, `-Inf` and `NaN`).
///
/// - Text format 0.0.4: `1`, `0.25`, `1e+06`, `1.5e-07`, `+Inf`, `NaN`.
/// - OpenMetrics: the same, with `.0` added when the text has neither `.` nor `e` (`1.0`, `0.0`).
///
/// Swift's own `description` prints `1.0`, `inf` and `1e+16`, which differs from both formats.
/// The longest spelling is 24 bytes (`-2.2250738585072014e-308`).
enum FloatFormat {
    /// The most bytes one number takes in either format.
    static let maximumLength = 26

    /// The text-format spelling of `value`.
    static func prometheus(_ value: Double) -> String {
        var bytes = [UInt8]()
        appendPrometheus(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The OpenMetrics canonical spelling of `value`.
    static func openMetricsCanonical(_ value: Double) -> String {
        var bytes = [UInt8]()
        appendOpenMetrics(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the OpenMetrics spelling: Go's `%g` plus `.0` for integral-looking numbers.
    @inline(__always)
    static func appendOpenMetrics<Output: ByteOutput>(_ value: Double, to bytes: inout Output) {
        appendPrometheus(value, to: &bytes)
        // Only integral values below 10^6 print without `.` or `e`.
        if value.rounded(.towardZero) == value, value.magnitude < 1_000_000 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0"))
        }
    }

    /// Appends the text-format spelling of `value`; integral values need no conversion to text.
    @inline(__always)
    static func appendPrometheus<Output: ByteOutput>(_ value: Double, to bytes: inout Output) {
        if value.isNaN {
            bytes.append(UInt8(ascii: "N"))
            bytes.append(UInt8(ascii: "a"))
            bytes.append(UInt8(ascii: "N"))
            return
        }
        if value.isInfinite {
            bytes.append(value < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            bytes.append(UInt8(ascii: "I"))
            bytes.append(UInt8(ascii: "n"))
            bytes.append(UInt8(ascii: "f"))
            return
        }
        if value == 0 {
            if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if value.rounded(.towardZero) == value, value.magnitude < 9_007_199_254_740_992 {
            appendIntegral(value, to: &bytes)
            return
        }
        ShortestDecimal.append(value.magnitude, negative: value < 0, to: &bytes)
    }

    /// An integral value below 2^53: its digits are exact. Below 10^6 it prints as an integer;
    /// from 10^6 on Go's `%g` switches to `d.ddde+XX` without trailing zeros.
    @inline(__always)
    private static func appendIntegral<Output: ByteOutput>(_ value: Double, to bytes: inout Output) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = UInt(value.magnitude)
        if magnitude < 1_000_000 {
            appendMagnitude(magnitude, to: &bytes)
            return
        }
        withDigits(of: magnitude) { digits in
            var significant = digits.count
            while significant > 1, digits[significant - 1] == UInt8(ascii: "0") { significant -= 1 }
            bytes.append(digits[0])
            if significant > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(raw: UnsafeRawBufferPointer(rebasing: digits[1..<significant]))
            }
            let exponent = UInt(digits.count - 1)
            bytes.append(UInt8(ascii: "e"))
            bytes.append(UInt8(ascii: "+"))
            if exponent < 10 { bytes.append(UInt8(ascii: "0")) }
            appendMagnitude(exponent, to: &bytes)
        }
    }

    /// Appends an integer in decimal.
    @inline(__always)
    static func appendInteger<Output: ByteOutput>(_ value: Int, to bytes: inout Output) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendMagnitude(value.magnitude, to: &bytes)
        } else {
            appendMagnitude(UInt(value), to: &bytes)
        }
    }

    @inline(__always)
    static func appendMagnitude<Output: ByteOutput>(_ value: UInt, to bytes: inout Output) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        withDigits(of: value) { bytes.append(raw: $0) }
    }

    /// Calls `body` with the decimal digits of `value`, kept on the stack.
    @inline(__always)
    private static func withDigits<Result>(of value: UInt, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        return withUnsafeMutableBytes(of: &scratch) { buffer in
            var remaining = value
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 48
                remaining /= 10
            } while remaining > 0
            return body(UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }
}

/// Go's shortest `%g` spelling of a positive, finite number, read off the standard library's
/// shortest round-trip digits (`0.001`, `1.25`, `1e-05`, `1.2345e+16`, the text `description`
/// returns) written into a stack buffer: no `String`, no heap allocation, whatever the length.
enum ShortestDecimal {
    static func append<Output: ByteOutput>(_ magnitude: Double, negative: Bool, to bytes: inout Output) {
        // 32 bytes: the longest spelling is 24 (`2.2250738585072014e-308`). Filled with ASCII `0`
        // first: the formatter leaves the leading zeros of `0.000…` unwritten (as the standard
        // library's own buffer expects); tests pin the result against Go on random doubles.
        let zeros: UInt64 = 0x3030_3030_3030_3030
        var text: (UInt64, UInt64, UInt64, UInt64) = (zeros, zeros, zeros, zeros)
        withUnsafeMutableBytes(of: &text) { raw in
            let base = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self)
            let length = Int(truncatingIfNeeded: swiftFloat64ToString(base, UInt(raw.count), magnitude, false))
            let utf8 = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(raw)[..<min(length, raw.count)])
            append(utf8, magnitude: magnitude, negative: negative, to: &bytes)
        }
    }

    /// `utf8` is the shortest round-trip spelling of `magnitude` as `description` writes it.
    @inline(__always)
    private static func append<Output: ByteOutput>(
        _ utf8: UnsafeRawBufferPointer, magnitude: Double, negative: Bool, to bytes: inout Output
    ) {
        // Between 1e-4 and 1e6 (and not integral, which never gets here below 2^53) Swift's
        // shortest spelling is already Go's `%f` form: copy it as it is.
        if magnitude >= 1e-4, magnitude < 1e6 {
            if negative { bytes.append(UInt8(ascii: "-")) }
            bytes.append(raw: utf8)
            return
        }
        // Up to 17 significant digits; a stack buffer of 32 holds them with room to spare.
        var scratch: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { digits in
            var count = 0
            var integerDigits = 0
            var seenPoint = false
            var exponent = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte == UInt8(ascii: "e") {
                    var sign = 1
                    index += 1
                    if index < utf8.count, utf8[index] == UInt8(ascii: "-") { sign = -1; index += 1 }
                    else if index < utf8.count, utf8[index] == UInt8(ascii: "+") { index += 1 }
                    while index < utf8.count {
                        exponent = exponent * 10 + Int(utf8[index] &- 48)
                        index += 1
                    }
                    exponent *= sign
                    break
                }
                if byte == UInt8(ascii: ".") {
                    seenPoint = true
                } else if count < digits.count {
                    digits[count] = byte
                    count += 1
                    if !seenPoint { integerDigits += 1 }
                }
                index += 1
            }
            // value = 0.d1d2… × 10^point after dropping leading and trailing zeros.
            var first = 0
            var point = integerDigits + exponent
            while first < count - 1, digits[first] == UInt8(ascii: "0") {
                first += 1
                point -= 1
            }
            var last = count
            while last > first + 1, digits[last - 1] == UInt8(ascii: "0") { last -= 1 }
            write(UnsafeRawBufferPointer(rebasing: digits[first..<last]), point: point, negative: negative, to: &bytes)
        }
    }

    /// `%e` when the decimal exponent is below -4 or at least 6 (so 123456 prints as `123456` and
    /// 1234567 as `1.234567e+06`), `%f` otherwise.
    private static func write<Output: ByteOutput>(
        _ digits: UnsafeRawBufferPointer, point: Int, negative: Bool, to bytes: inout Output
    ) {
        if negative { bytes.append(UInt8(ascii: "-")) }
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            bytes.append(digits[0])
            if digits.count > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(raw: UnsafeRawBufferPointer(rebasing: digits[1...]))
            }
            bytes.append(UInt8(ascii: "e"))
            bytes.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            if exponent.magnitude < 10 { bytes.append(UInt8(ascii: "0")) }
            FloatFormat.appendMagnitude(exponent.magnitude, to: &bytes)
            return
        }
        if point <= 0 {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-point) { bytes.append(UInt8(ascii: "0")) }
            bytes.append(raw: digits)
            return
        }
        if point >= digits.count {
            bytes.append(raw: digits)
            for _ in 0..<(point - digits.count) { bytes.append(UInt8(ascii: "0")) }
            return
        }
        bytes.append(raw: UnsafeRawBufferPointer(rebasing: digits[..<point]))
        bytes.append(UInt8(ascii: "."))
        bytes.append(raw: UnsafeRawBufferPointer(rebasing: digits[point...]))
    }
}

/// The standard library's shortest round-trip spelling of a `Double` into a caller's buffer (what
/// `Double.description` calls, an ABI entry point of every Swift runtime): the number of bytes
/// written, at most `bufferLength`.
@_silgen_name("swift_float64ToString")
private func swiftFloat64ToString(
    _ buffer: UnsafeMutablePointer<UInt8>, _ bufferLength: UInt, _ value: Double, _ debug: Bool
) -> UInt64
