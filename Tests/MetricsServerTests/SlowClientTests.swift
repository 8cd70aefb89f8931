import MetricsServer
import Testing

@Suite struct SlowClientTests {
    /// Sends `start`, then `trickle` every 50 ms; expects the server to close without answering.
    private func expectCutOff(start: String, trickle: String) async throws {
        let configuration = loopbackConfiguration { $0.requestHeadTimeout = .milliseconds(300) }
        try await withServer(configuration: configuration) { server in
            let slow = try await RawConnection.open(port: server.boundPort)
            // The writes may meet a connection the server already closed on a loaded machine;
            // that closing is what the test asserts.
            try? await slow.send(start)
            // Bounded by time, not by a count of writes: under the sanitizers, with the attack
            // suites flooding the same event loops, the 300 ms deadline has fired 6 s late.
            let giveUp = ContinuousClock.now + .seconds(60)
            while slow.channel.isActive, ContinuousClock.now < giveUp {
                try? await slow.send(trickle)
                try await Task.sleep(for: .milliseconds(50))
            }
            let (bytes, serverClosed) = try await slow.finish(timeout: .seconds(1))
            #expect(bytes == [])
            #expect(serverClosed)
        }
    }

    /// A byte every 50 ms keeps the connection from being idle, but the head never completes.
    @Test func tricklingRequestHeadIsCutOff() async throws {
        try await expectCutOff(start: "GET /metrics HTTP/1.1\r\nX-Slow: ", trickle: "a")
    }

    /// #14 defect 3: a complete head, then the body a byte at a time, used to pass the head timeout and be
    /// bounded only by the body size limit. The request deadline now covers the body too.
    @Test func tricklingBodyIsCutOffByTheRequestDeadline() async throws {
        try await expectCutOff(start: "POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n", trickle: "b")
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
