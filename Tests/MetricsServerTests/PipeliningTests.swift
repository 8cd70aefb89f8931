import MetricsServer
import NIOCore
import Testing

/// Pipelined requests are answered in order, within a bound, with backpressure (issue #14 defects 2, 8).
@Suite struct PipeliningTests {
    static let liveRequest = "GET /live HTTP/1.1\r\nHost: a\r\n\r\n"
    static let metricsRequest = "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n"

    /// Defect 8: garbage in a pipeline used to lose every answer and give no 400.
    @Test func malformedRequestGetsItsBadRequestAfterTheAnswersBeforeIt() async throws {
        try await withServer { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            let before = String(repeating: Self.metricsRequest, count: 3) + String(repeating: Self.liveRequest, count: 2)
            try await connection.send(before + "GARBAGE\r\n\r\n" + String(repeating: Self.metricsRequest, count: 3))
            let (bytes, serverClosed) = try await connection.finish()
            let responses = try ParsedResponse.parseAll(bytes)
            #expect(responses.map(\.status) == [200, 200, 200, 503, 503, 400])
            #expect(responses.prefix(3).allSatisfy { $0.text == FakeSource.text })
            #expect(responses.last?.header("Connection") == "close")
            #expect(serverClosed)
        }
    }

    @Test func everyRequestWithinTheBoundIsAnsweredInOrder() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.maxPipelinedRequests = 16 }) { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            var requests = ""
            for index in 0..<16 { requests += index % 2 == 0 ? Self.metricsRequest : Self.liveRequest }
            try await connection.send(requests + http("GET", "/nope"))
            let responses = try ParsedResponse.parseAll(try await connection.finish().bytes)
            #expect(responses.map(\.status) == (0..<16).map { $0 % 2 == 0 ? 200 : 503 } + [404])
        }
    }

    /// One request more than the bound in the same read gets 429 after the others, then a close.
    @Test func requestsBeyondTheBoundInOneReadGet429AfterTheOthers() async throws {
        let source = ControlledSource(blocked: true)
        let configuration = loopbackConfiguration { $0.maxPipelinedRequests = 2 }
        try await withServer(source: source, configuration: configuration) { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            // The first is taken out of the queue at once (its rendering blocks); two more fill the queue.
            try await connection.send(String(repeating: Self.metricsRequest, count: 4))
            try await waitUntil { source.renderCount == 1 }
            source.release()
            let (bytes, serverClosed) = try await connection.finish()
            #expect(try ParsedResponse.parseAll(bytes).map(\.status) == [200, 200, 200, 429])
            #expect(serverClosed)
        }
    }

    /// Defect 2: a client that pipelines scrapes and never reads made the server render and hold every
    /// answer. Now the server stops rendering once the unsent bytes exceed the bound.
    @Test func clientThatDoesNotReadStopsTheRendering() async throws {
        let source = ControlledSource(size: 1 << 20)
        try await withServer(source: source) { server in
            let connection = try await RawConnection.open(port: server.boundPort, autoRead: false)
            let requests = String(repeating: Self.metricsRequest, count: 1000)
            try? await connection.send(requests)
            // Settled once rendering has begun (on a starved machine the count can sit at 0 for a while).
            try await waitUntil { source.renderCount >= 1 }
            let rendered = try await settledValue { source.renderCount }
            // Kernel socket buffers absorb a few answers of 1 MiB; the other ~990 are never rendered.
            #expect(rendered >= 1)
            #expect(rendered <= 40, "\(rendered) of 1000 pipelined scrapes rendered while the client reads nothing")
            try await connection.channel.close()
        }
    }
}
