/// Number spelling for the exposition formats, identical to the Prometheus reference
/// implementation (Go's `strconv.AppendFloat(f, 'g', -1, 64)`, with `+Inf`, `-Inf` and `NaN`).
///
/// - Text format 0.0.4: `1`, `0.25`, `1e+06`, `1.5e-07`, `+Inf`, `NaN`.
/// - OpenMetrics: the same, with `.0` added when the text has neither `.` nor `e` (`1.0`, `0.0`).
///
/// Swift's own `description` prints `1.0`, `inf` and `1e+16`, which differs from both formats.
enum FloatFormat {
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
    static func appendOpenMetrics(_ value: Double, to bytes: inout [UInt8]) {
        let start = bytes.count
        appendPrometheus(value, to: &bytes)
        guard value.isFinite else { return }
        for index in start..<bytes.count where bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") {
            return
        }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0"))
    }

    /// Appends the text-format spelling of `value` without allocating for integral values.
    static func appendPrometheus(_ value: Double, to bytes: inout [UInt8]) {
        if value.isNaN {
            bytes.append(contentsOf: [78, 97, 78])  // NaN
            return
        }
        if value.isInfinite {
            bytes.append(value < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            bytes.append(contentsOf: [73, 110, 102])  // Inf
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

    /// An integral value below 2^53: its digits are exact, so no conversion to text is needed.
    /// Below 10^6 it prints as an integer; from 10^6 on Go's `%g` switches to `d.ddde+XX`.
    @inline(__always)
    private static func appendIntegral(_ value: Double, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = UInt(value.magnitude)
        if magnitude < 1_000_000 {
            appendMagnitude(magnitude, to: &bytes)
            return
        }
        let start = bytes.count
        appendMagnitude(magnitude, to: &bytes)
        let exponent = bytes.count - start - 1
        while bytes.count > start + 1, bytes[bytes.count - 1] == UInt8(ascii: "0") { bytes.removeLast() }
        if bytes.count > start + 1 { bytes.insert(UInt8(ascii: "."), at: start + 1) }
        bytes.append(UInt8(ascii: "e"))
        bytes.append(UInt8(ascii: "+"))
        if exponent < 10 { bytes.append(UInt8(ascii: "0")) }
        appendMagnitude(UInt(exponent), to: &bytes)
    }

    /// Appends an integer in decimal.
    @inline(__always)
    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            appendMagnitude(value.magnitude, to: &bytes)
        } else {
            appendMagnitude(UInt(value), to: &bytes)
        }
    }

    @inline(__always)
    static func appendMagnitude(_ value: UInt, to bytes: inout [UInt8]) {
        if value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 48)
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        var remaining = value
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var position = buffer.count
            while remaining > 0 {
                position -= 1
                buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 48
                remaining /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }
}

/// Go's shortest `%g` spelling of a positive, finite number, read off Swift's shortest round-trip
/// `description` (`0.001`, `1.25`, `1e-05`, `1.2345e+16`) without building intermediate arrays.
enum ShortestDecimal {
    static func append(_ magnitude: Double, negative: Bool, to bytes: inout [UInt8]) {
        var text = magnitude.description
        text.withUTF8 { utf8 in
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
    }

    /// `%e` when the decimal exponent is below -4 or at least 6 (so 123456 prints as `123456` and
    /// 1234567 as `1.234567e+06`), `%f` otherwise.
    private static func write(_ digits: UnsafeRawBufferPointer, point: Int, negative: Bool, to bytes: inout [UInt8]) {
        if negative { bytes.append(UInt8(ascii: "-")) }
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            bytes.append(digits[0])
            if digits.count > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[1...]))
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
            bytes.append(contentsOf: digits)
            return
        }
        if point >= digits.count {
            bytes.append(contentsOf: digits)
            for _ in 0..<(point - digits.count) { bytes.append(UInt8(ascii: "0")) }
            return
        }
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[..<point]))
        bytes.append(UInt8(ascii: "."))
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[point...]))
    }
}
