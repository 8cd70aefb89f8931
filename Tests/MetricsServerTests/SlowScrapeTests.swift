import MetricsServer
import Testing

/// Probes never depend on metrics rendering; concurrent scrapes share one rendering (#14 defect 4, deliverable 3).
@Suite struct SlowScrapeTests {
    /// Defect 4: scrapes stuck in an update callback used to occupy every thread and block `/health`.
    @Test func healthAndLiveAnswerWhileScrapesAreStuck() async throws {
        let source = ControlledSource(blocked: true)
        // 64 stuck scrapes from one loopback address stand for scrapers on many (above the per-peer cap,
        // whose connections being answered are never evicted, the probes would be refused).
        try await withServer(source: source, configuration: loopbackConfiguration { $0.maxConnectionsPerPeer = 128 }) { server in
            var stuck: [RawConnection] = []
            for _ in 0..<64 {
                let connection = try await RawConnection.open(port: server.boundPort)
                try await connection.send(http("GET", "/metrics"))
                stuck.append(connection)
            }
            try await waitUntil { source.renderCount >= 1 }
            for path in ["/health", "/live"] {
                let response = try await request(server, http("GET", path))
                #expect(response.status == 503)
                #expect(response.text.hasPrefix(#"{"status":"notready""#))
            }
            source.release()
            for connection in stuck {
                #expect(try ParsedResponse.parseOne(try await connection.finish().bytes).status == 200)
            }
        }
    }

    @Test func concurrentScrapesShareOneRenderingAndOneCompression() async throws {
        let source = ControlledSource(size: 64 * 1024, blocked: true)
        try await withServer(source: source) { server in
            var waiting: [RawConnection] = []
            for index in 0..<20 {
                let connection = try await RawConnection.open(port: server.boundPort)
                try await connection.send(http("GET", "/metrics", index % 2 == 0 ? "Accept-Encoding: gzip" : "X-Plain: 1"))
                waiting.append(connection)
            }
            try await waitUntil { source.renderCount == 1 }
            try await Task.sleep(for: .milliseconds(300))  // let every request reach the server
            source.release()
            var bodies: [[UInt8]] = []
            for (index, connection) in waiting.enumerated() {
                let response = try ParsedResponse.parseOne(try await connection.finish().bytes)
                #expect(response.status == 200)
                #expect(response.header("Content-Encoding") == (index % 2 == 0 ? "gzip" : nil))
                bodies.append(index % 2 == 0 ? try gunzip(response.body) : response.body)
            }
            #expect(Set(bodies).count == 1)
            #expect(source.renderCount == 1, "20 scrapes arriving during one rendering share it")
        }
    }
}
