import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPCompression

/// One HTTP/1.1 response cut out of the raw bytes a ``RawConnection`` received.
struct ParsedResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The single value of header `name` (case-insensitive); nil when absent.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// Splits `bytes` into responses; responses whose index is in `bodiless` (answers to HEAD) have no body.
    static func parseAll(_ bytes: [UInt8], bodiless: Set<Int> = []) throws -> [ParsedResponse] {
        var responses: [ParsedResponse] = []
        var rest = bytes[...]
        while !rest.isEmpty {
            guard let end = rest.firstRange(of: Array("\r\n\r\n".utf8)) else {
                throw Malformed(description: "no end of head in \(String(decoding: rest, as: UTF8.self))")
            }
            let head = String(decoding: rest[..<end.lowerBound], as: UTF8.self)
            let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
            let statusLine = lines[0].split(separator: " ", maxSplits: 2)
            guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else {
                throw Malformed(description: "bad status line \(lines[0])")
            }
            var headers: [(name: String, value: String)] = []
            for line in lines.dropFirst() {
                let pair = line.split(separator: ":", maxSplits: 1)
                guard pair.count == 2 else { throw Malformed(description: "bad header line \(line)") }
                headers.append((String(pair[0]), String(pair[1].drop(while: { $0 == " " }))))
            }
            var response = ParsedResponse(status: status, headers: headers, body: [])
            rest = rest[end.upperBound...]
            if !bodiless.contains(responses.count), response.header("Transfer-Encoding") == "chunked" {
                response.body = try dechunk(&rest)
            } else if !bodiless.contains(responses.count) {
                let length = Int(response.header("Content-Length") ?? "0") ?? -1
                guard length >= 0, rest.count >= length else {
                    throw Malformed(description: "body shorter than Content-Length \(length): \(rest.count) bytes")
                }
                response.body = Array(rest.prefix(length))
                rest = rest.dropFirst(length)
            }
            responses.append(response)
        }
        return responses
    }

    /// Reads a chunked body from the front of `rest` (trailers are not expected).
    private static func dechunk(_ rest: inout ArraySlice<UInt8>) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            guard let lineEnd = rest.firstRange(of: Array("\r\n".utf8)),
                let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16)
            else { throw Malformed(description: "bad chunk size line") }
            rest = rest[lineEnd.upperBound...]
            guard rest.count >= size + 2 else { throw Malformed(description: "chunk shorter than \(size)") }
            body += rest.prefix(size)
            rest = rest.dropFirst(size + 2)
            if size == 0 { return body }
        }
    }

    /// The one response in `bytes`.
    static func parseOne(_ bytes: [UInt8], bodiless: Bool = false) throws -> ParsedResponse {
        let all = try parseAll(bytes, bodiless: bodiless ? [0] : [])
        guard all.count == 1 else { throw Malformed(description: "expected 1 response, got \(all.count)") }
        return all[0]
    }
}

/// Decompresses a gzip body with swift-nio-extras' client-side decompressor.
func gunzip(_ body: [UInt8]) throws -> [UInt8] {
    let channel = EmbeddedChannel(handler: NIOHTTPResponseDecompressor(limit: .none))
    var head = HTTPResponseHead(version: .http1_1, status: .ok)
    head.headers.add(name: "Content-Encoding", value: "gzip")
    head.headers.add(name: "Content-Length", value: String(body.count))
    try channel.writeInbound(HTTPClientResponsePart.head(head))
    try channel.writeInbound(HTTPClientResponsePart.body(ByteBuffer(bytes: body)))
    try channel.writeInbound(HTTPClientResponsePart.end(nil))
    var output: [UInt8] = []
    while let part = try channel.readInbound(as: HTTPClientResponsePart.self) {
        if case .body(var chunk) = part {
            output += chunk.readBytes(length: chunk.readableBytes) ?? []
        }
    }
    _ = try channel.finish()
    return output
}
