import MetricsServer
import Testing

@Suite struct GracefulShutdownTests {
    @Test func inFlightScrapeCompletesAndIdleConnectionsCloseAtShutdown() async throws {
        let source = SlowSource(delay: .milliseconds(500))
        let server = try #require(
            try await MetricsServer.start(source: source, configuration: loopbackConfiguration())
        )
        let idle = try await RawConnection.open(port: server.boundPort)
        let busy = try await RawConnection.open(port: server.boundPort)
        try await busy.send("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n")
        try await waitUntil { source.started.load(ordering: .sequentiallyConsistent) }
        await server.shutdown()
        let (busyBytes, busyClosed) = try await busy.finish()
        let (idleBytes, idleClosed) = try await idle.finish()
        let response = try ParsedResponse.parseOne(busyBytes)
        #expect(response.status == 200)
        #expect(response.text == FakeSource.text)
        #expect(busyClosed)
        #expect(idleBytes == [])
        #expect(idleClosed)
    }
}
