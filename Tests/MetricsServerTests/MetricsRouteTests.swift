import MetricsServer
import Testing

@Suite struct MetricsRouteTests {
    static let prometheus3Accept =
        "Accept: application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
        + "application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,"
        + "text/plain;version=0.0.4;q=0.2,*/*;q=0.1"

    @Test func getServesTextByDefault() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "/metrics"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.header("Content-Length") == String(FakeSource.text.utf8.count))
            #expect(response.header("Content-Encoding") == nil)
            #expect(response.header("Vary") == "Accept, Accept-Encoding")
            #expect(response.text == FakeSource.text)
        }
    }

    /// OpenMetrics is off by default (client_golang's `EnableOpenMetrics`), whatever the scraper prefers.
    @Test func prometheus3AcceptGetsTextByDefault() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "/metrics", Self.prometheus3Accept))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.text == FakeSource.text)
        }
    }

    @Test func prometheus3AcceptGetsOpenMetricsWhenEnabled() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.enableOpenMetrics = true }) { server in
            let response = try await request(server, http("GET", "/metrics", Self.prometheus3Accept))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
            #expect(response.text == FakeSource.text + "# EOF\n")
        }
    }

    @Test func refusedOpenMetricsGetsText() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.enableOpenMetrics = true }) { server in
            let response = try await request(
                server, http("GET", "/metrics", "Accept: application/openmetrics-text;q=0, */*;q=0.1")
            )
            #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(response.text == FakeSource.text)
        }
    }

    @Test func queryStringIsIgnored() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "/metrics?name%5B%5D=x"))
            #expect(response.status == 200)
            #expect(response.text == FakeSource.text)
        }
    }

    @Test func absoluteFormTargetIsServed() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "http://127.0.0.1:\(server.boundPort)/metrics?x=1"))
            #expect(response.status == 200)
            #expect(response.text == FakeSource.text)
        }
    }

    @Test func gzipWhenAcceptEncodingAllowsIt() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "/metrics", "Accept-Encoding: gzip"))
            #expect(response.status == 200)
            #expect(response.header("Content-Encoding") == "gzip")
            #expect(response.header("Content-Length") == String(response.body.count))
            #expect(Array(response.body.prefix(2)) == [0x1f, 0x8b])
            #expect(String(decoding: try gunzip(response.body), as: UTF8.self) == FakeSource.text)
        }
    }

    @Test func noGzipWhenRefused() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "/metrics", "Accept-Encoding: gzip;q=0, identity"))
            #expect(response.header("Content-Encoding") == nil)
            #expect(response.text == FakeSource.text)
        }
    }

    @Test func healthIsNeverCompressed() async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", "/health", "Accept-Encoding: gzip"))
            #expect(response.header("Content-Encoding") == nil)
            #expect(response.text.hasPrefix(#"{"status":"#))
        }
    }

    /// The HEAD answer is followed on the same connection by a GET answer; it parses only if HEAD sent no body.
    @Test func headSendsHeadersWithContentLengthButNoBody() async throws {
        try await withServer { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            try await connection.send(
                "HEAD /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n" + http("GET", "/health")
            )
            let responses = try ParsedResponse.parseAll(try await connection.finish().bytes, bodiless: [0])
            #expect(responses.count == 2)
            #expect(responses[0].status == 200)
            #expect(responses[0].header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
            #expect(responses[0].header("Content-Length") == String(FakeSource.text.utf8.count))
            #expect(responses.last?.status == 503)
            #expect(responses.last?.text == #"{"status":"notready","uptime":{"secs":12,"nanos":345}}"#)
        }
    }

    @Test func failingSourceGives500AndTheServerKeepsServing() async throws {
        let source = FakeSource()
        try await withServer(source: source) { server in
            source.setFailing(true)
            let failed = try await request(server, http("GET", "/metrics"))
            #expect(failed.status == 500)
            #expect(failed.text == "Failed to get metrics")
            source.setFailing(false)
            let next = try await request(server, http("GET", "/metrics"))
            #expect(next.status == 200)
            #expect(next.text == FakeSource.text)
        }
    }

    @Test func keepAliveServesSeveralRequestsOnOneConnection() async throws {
        try await withServer { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            try await connection.send(
                "GET /metrics HTTP/1.1\r\nHost: a\r\n\r\nGET /live HTTP/1.1\r\nHost: a\r\n\r\n" + http("GET", "/metrics")
            )
            let (bytes, serverClosed) = try await connection.finish()
            let responses = try ParsedResponse.parseAll(bytes)
            #expect(responses.map(\.status) == [200, 503, 200])
            #expect(responses.last?.header("Connection") == "close")
            #expect(serverClosed)
        }
    }

    @Test func concurrentScrapesAllSucceed() async throws {
        try await withServer { server in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<32 {
                    group.addTask { try await request(server, http("GET", "/metrics")).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 32))
        }
    }
}
