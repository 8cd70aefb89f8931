@testable import MetricsRuntime
import Testing

/// ``ByteSink`` copies short pieces with overlapping loads and stores instead of `memcpy`: every
/// length on either side of each threshold must come out exact, with nothing written past it.
@Suite struct ByteSinkTests {
    @Test func everyPieceLengthIsCopiedExactly() {
        let lead: [UInt8] = [0xAA, 0xBB, 0xCC]
        let source = (0..<80).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for length in 0...70 {
            var buffer = [UInt8]()
            let capacity = 3 + length + 8 + length + 16
            ByteSink.write(capacity: capacity, into: &buffer) { sink in
                lead.withUnsafeBytes { sink.append(raw: $0) }
                source.withUnsafeBytes { sink.append(raw: UnsafeRawBufferPointer(rebasing: $0[5..<(5 + length)])) }
                sink.append(UInt8(ascii: "|"))
                sink.appendWritten(from: 3, length: length)
            }
            let piece = Array(source[5..<(5 + length)])
            #expect(buffer == lead + piece + [UInt8(ascii: "|")] + piece, "length \(length)")
        }
    }

    @Test func splitBytesAreWrittenHeadFirstAndCompareAsOneRun() {
        let head: [UInt8] = Array("name{a=\"x\",".utf8)
        let tails: [[UInt8]] = [Array("b=\"1\"".utf8), Array("b=\"2\"".utf8), []]
        head.withUnsafeBytes { headBytes in
            tails[0].withUnsafeBytes { one in
                tails[1].withUnsafeBytes { two in
                    let first = SplitBytes(head: headBytes, tail: one)
                    let second = SplitBytes(head: headBytes, tail: two)
                    let whole = Array(head + tails[0])
                    whole.withUnsafeBytes { wholeBytes in
                        #expect(SplitBytes.compare(first, second) < 0)
                        #expect(SplitBytes.compare(second, first) > 0)
                        #expect(SplitBytes.compare(first, SplitBytes(wholeBytes)) == 0)
                        #expect(SplitBytes.compare(SplitBytes(wholeBytes), second) < 0)
                        // A proper prefix sorts first.
                        #expect(SplitBytes.compare(SplitBytes(head: headBytes, tail: UnsafeRawBufferPointer(start: nil, count: 0)), first) < 0)
                    }
                    var buffer = [UInt8]()
                    ByteSink.write(capacity: first.count, into: &buffer) { $0.append(first) }
                    #expect(buffer == head + tails[0])
                }
            }
        }
    }
}
