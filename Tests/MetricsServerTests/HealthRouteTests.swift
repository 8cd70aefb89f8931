import MetricsServer
import Testing

@Suite struct HealthRouteTests {
    @Test(arguments: ["/health", "/live"])
    func notReadyByDefaultGives503(_ path: String) async throws {
        try await withServer { server in
            let response = try await request(server, http("GET", path))
            #expect(response.status == 503)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.text == #"{"status":"notready","uptime":{"secs":12,"nanos":345}}"#)
        }
    }

    @Test(arguments: ["/health", "/live"])
    func applicationSetsReadiness(_ path: String) async throws {
        try await withServer { server in
            server.setReady(true)
            let ready = try await request(server, http("GET", path))
            #expect(ready.status == 200)
            #expect(ready.text == #"{"status":"ready","uptime":{"secs":12,"nanos":345}}"#)
            server.setReady(false)
            #expect(try await request(server, http("GET", path)).status == 503)
        }
    }

    @Test func startingStatusReady() async throws {
        try await withServer(configuration: loopbackConfiguration { $0.startingHealthStatus = .ready }) { server in
            let response = try await request(server, http("GET", "/health"))
            #expect(server.health.status == .ready)
            #expect(response.status == 200)
        }
    }

    @Test func customPathsReplaceTheDefaults() async throws {
        let configuration = loopbackConfiguration {
            $0.healthPath = "/healthz"
            $0.livePath = "/livez"
        }
        try await withServer(configuration: configuration) { server in
            #expect(try await request(server, http("GET", "/healthz")).status == 503)
            #expect(try await request(server, http("GET", "/livez")).status == 503)
            let oldHealth = try await request(server, http("GET", "/health"))
            #expect(oldHealth.status == 404)
            #expect(oldHealth.text == "Route not found")
            #expect(try await request(server, http("GET", "/live")).status == 404)
        }
    }

    @Test func environmentConfiguresTheServer() async throws {
        let environment = [
            "DYN_SYSTEM_PORT": "0", "DYN_SYSTEM_HOST": "127.0.0.1", "DYN_SYSTEM_HEALTH_PATH": "/ready",
            "DYN_SYSTEM_STARTING_HEALTH_STATUS": "ready",
        ]
        let server = try #require(try await MetricsServer.start(source: FakeSource(), environment: environment))
        #expect(server.boundPort > 0)
        let response = try await request(server, http("GET", "/ready"))
        await server.shutdown()
        #expect(response.status == 200)
        #expect(response.text.hasPrefix(#"{"status":"ready","uptime":{"secs":"#))
    }

    /// Without an uptime source the server counts from its start: well-formed and never decreasing.
    @Test func defaultUptimeCountsFromStart() async throws {
        try await withServer(uptime: nil) { server in
            let first = try Self.uptime(in: try await request(server, http("GET", "/health")).text)
            let second = try Self.uptime(in: try await request(server, http("GET", "/health")).text)
            #expect(first.nanos < 1_000_000_000)
            #expect(second.nanos < 1_000_000_000)
            #expect((second.secs, second.nanos) >= (first.secs, first.nanos))
        }
    }

    struct NotHealthJSON: Error { var text: String }

    /// The `secs` and `nanos` of a `{"status":"notready","uptime":{"secs":N,"nanos":N}}` body.
    static func uptime(in text: String) throws -> (secs: Int, nanos: Int) {
        let prefix = #"{"status":"notready","uptime":{"secs":"#
        guard text.hasPrefix(prefix), text.hasSuffix("}}") else { throw NotHealthJSON(text: text) }
        let fields = text.dropFirst(prefix.count).dropLast(2).split(separator: ",")
        guard fields.count == 2, let secs = Int(fields[0]), fields[1].hasPrefix(#""nanos":"#),
            let nanos = Int(fields[1].dropFirst(#""nanos":"#.count))
        else { throw NotHealthJSON(text: text) }
        return (secs, nanos)
    }

    @Test func headOnHealthSendsHeadersOnly() async throws {
        try await withServer { server in
            let connection = try await RawConnection.open(port: server.boundPort)
            try await connection.send("HEAD /health HTTP/1.1\r\nHost: a\r\n\r\n" + http("GET", "/live"))
            let responses = try ParsedResponse.parseAll(try await connection.finish().bytes, bodiless: [0])
            let body = #"{"status":"notready","uptime":{"secs":12,"nanos":345}}"#
            #expect(responses.map(\.status) == [503, 503])
            #expect(responses.first?.header("Content-Length") == String(body.utf8.count))
            #expect(responses.last?.text == body)
        }
    }
}
