import MetricsServer
import Testing

@Suite struct SlowClientTests {
    /// A byte every 50 ms keeps the connection from being idle, but the head never completes.
    @Test func tricklingRequestHeadIsCutOff() async throws {
        let configuration = loopbackConfiguration { $0.requestHeadTimeout = .milliseconds(300) }
        try await withServer(configuration: configuration) { server in
            let slow = try await RawConnection.open(port: server.boundPort)
            // The writes may meet a connection the server already closed on a loaded machine;
            // that closing is what the test asserts.
            try? await slow.send("GET /metrics HTTP/1.1\r\nX-Slow: ")
            for _ in 0..<200 {
                guard slow.channel.isActive else { break }
                try? await slow.send("a")
                try await Task.sleep(for: .milliseconds(50))
            }
            let (bytes, serverClosed) = try await slow.finish(timeout: .seconds(1))
            #expect(bytes == [])
            #expect(serverClosed)
        }
    }

    /// The head timeout restarts for every request on a kept-alive connection.
    @Test func keptAliveConnectionGetsAFreshHeadTimeoutPerRequest() async throws {
        let configuration = loopbackConfiguration { $0.requestHeadTimeout = .milliseconds(300) }
        try await withServer(configuration: configuration) { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            try await connection.send("GET /live HTTP/1.1\r\nHost: a\r\n\r\n")
            try await Task.sleep(for: .milliseconds(600))
            try await connection.send(http("GET", "/metrics"))
            let responses = try ParsedResponse.parseAll(try await connection.finish().bytes)
            #expect(responses.map(\.status) == [503, 200])
        }
    }
}
