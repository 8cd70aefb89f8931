import MetricsServer
import NIOCore
import Testing

@Suite struct RobustnessTests {
    @Test(arguments: ["/", "/nope", "/metrics/", "/metricsx", "/HEALTH"])
    func unknownPathsGive404(_ path: String) async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", path))
            #expect(response.status == 404)
            #expect(response.text == "Route not found")
        }
    }

    @Test(arguments: [("POST", "/metrics"), ("PUT", "/health"), ("DELETE", "/live"), ("OPTIONS", "/metrics")])
    func otherMethodsGive405(_ method: String, _ path: String) async throws {
        try await withServer { server in
            let response = try await request(server, http(method, path, "Content-Length: 0"))
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, HEAD")
            #expect(response.text == "Method not allowed")
        }
    }

    @Test(arguments: ["GARBAGE\r\n\r\n", "GET /metrics HTTP/9.9\r\n\r\n", "GET /metrics HTTP/1.1\r\nBad Header\r\n\r\n"])
    func malformedRequestGets400AndCloseWhileOthersAreServed(_ raw: String) async throws {
        // The bystander idles until the bad request is answered: under the sanitizers, with every suite
        // running at once, that can take longer than the default 60 s idle timeout.
        try await withServer(configuration: loopbackConfiguration { $0.idleTimeout = .seconds(600) }) { server in
            let bystander = try await RawConnection.open(port: server.boundPort)
            let bad = try await RawConnection.open(port: server.boundPort)
            try await bad.send(raw)
            let (bytes, serverClosed) = try await bad.finish()
            let response = try ParsedResponse.parseOne(bytes)
            #expect(response.status == 400)
            #expect(response.header("Connection") == "close")
            #expect(serverClosed)
            try await bystander.send(http("GET", "/metrics"))
            let served = try ParsedResponse.parseOne(try await bystander.finish().bytes)
            #expect(served.status == 200)
        }
    }

    @Test func oversizedHeadersGet400AndClose() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.maxHeaderBytes = 1024 }) { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            let big = String(repeating: "a", count: 4096)
            try await connection.send("GET /metrics HTTP/1.1\r\nHost: a\r\nX-Big: \(big)\r\n\r\n")
            let (bytes, serverClosed) = try await connection.finish()
            #expect(try ParsedResponse.parseOne(bytes).status == 400)
            #expect(serverClosed)
            #expect(try await request(server, http("GET", "/metrics")).status == 200)
        }
    }

    @Test func oversizedBodyGets413AndClose() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.maxBodyBytes = 16 }) { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            let body = String(repeating: "b", count: 64)
            try await connection.send("POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 64\r\n\r\n\(body)")
            let (bytes, serverClosed) = try await connection.finish()
            let response = try ParsedResponse.parseOne(bytes)
            #expect(response.status == 413)
            #expect(response.text == "Request body too large")
            #expect(serverClosed)
        }
    }

    @Test func idleConnectionIsClosedByTheServer() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.idleTimeout = .milliseconds(200) }) { server in
            let silent = try await RawConnection.open(port: server.boundPort)
            let (bytes, serverClosed) = try await silent.finish(timeout: .seconds(20))
            #expect(bytes == [])
            #expect(serverClosed)
        }
    }

    @Test func idleTimeoutAlsoEndsAHalfSentRequest() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.idleTimeout = .seconds(1) }) { server in
            let slow = try await RawConnection.open(port: server.boundPort)
            do {
                try await slow.send("GET /metrics HTTP/1.1\r\nHost: a\r\n")
            } catch ChannelError.ioOnClosedChannel {
                // On a loaded machine the idle timeout can fire before the half request is
                // written; the server closing the connection is exactly what is asserted below.
            }
            let (bytes, serverClosed) = try await slow.finish(timeout: .seconds(20))
            #expect(bytes == [])
            #expect(serverClosed)
        }
    }

    /// At the cap the oldest connection that is not being answered makes room for the new one.
    @Test func connectionAtTheLimitEvictsTheOldestIdleOne() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.maxConnections = 1 }) { server in
            let first = try await RawConnection.open(port: server.boundPort)
            try await waitUntil { server.openConnections == 1 }
            let second = try await RawConnection.open(port: server.boundPort)
            let (evictedBytes, evictedClosed) = try await first.finish()
            #expect(evictedBytes == [])
            #expect(evictedClosed)
            try await second.send(http("GET", "/metrics"))
            #expect(try ParsedResponse.parseOne(try await second.finish().bytes).status == 200)
        }
    }

    /// At the per-peer cap a new connection evicts its own peer's oldest idle connection, not another
    /// peer's: a flood from one address leaves a scraper's kept-alive connection (here the oldest) alone.
    @Test func connectionAtThePeerLimitEvictsThatPeersOldest() async throws {
        let configuration = loopbackConfiguration { $0.maxConnections = 3; $0.maxConnectionsPerPeer = 2 }
        try await withServer(configuration: configuration) { server in
            let scraper = try await RawConnection.open(port: server.boundPort, from: "127.0.0.2")
            try await waitUntil { server.openConnections == 1 }
            let first = try await RawConnection.open(port: server.boundPort, from: "127.0.0.3")
            try await waitUntil { server.openConnections == 2 }
            let second = try await RawConnection.open(port: server.boundPort, from: "127.0.0.3")
            try await waitUntil { server.openConnections == 3 }
            // Both caps are reached; without the per-peer cap the scraper's (the oldest) would go.
            let third = try await RawConnection.open(port: server.boundPort, from: "127.0.0.3")
            let (evictedBytes, evictedClosed) = try await first.finish()
            #expect(evictedBytes == [])
            #expect(evictedClosed)
            try await waitUntil { server.openConnections == 3 }
            for connection in [scraper, second, third] {
                try await connection.send(http("GET", "/metrics"))
                #expect(try ParsedResponse.parseOne(try await connection.finish().bytes).status == 200)
            }
        }
    }
}
