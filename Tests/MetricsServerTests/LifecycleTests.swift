import Logging
import MetricsServer
import NIOCore
import ServiceLifecycle
import Testing

@Suite struct LifecycleTests {
    @Test(arguments: [[:], ["DYN_SYSTEM_PORT": "-1"], ["DYN_SYSTEM_PORT": ""], ["DYN_SYSTEM_ENABLED": "true"]])
    func disabledServerIsNil(_ environment: [String: String]) async throws {
        let server = try await MetricsServer.start(source: FakeSource(), environment: environment)
        #expect(server == nil)
    }

    @Test func invalidEnvironmentThrowsNamingTheVariable() async throws {
        await #expect(throws: StatusServerConfigurationError(
            variable: "DYN_SYSTEM_PORT", value: "99999",
            reason: "expected an integer port 0...65535 (0 picks a free port), or -1 to disable the server"
        )) {
            _ = try await MetricsServer.start(source: FakeSource(), environment: ["DYN_SYSTEM_PORT": "99999"])
        }
    }

    @Test func portInUseIsABindError() async throws {
        try await withServer { server in
            let taken = loopbackConfiguration { $0.port = server.boundPort }
            await #expect {
                _ = try await MetricsServer.start(source: FakeSource(), configuration: taken)
            } throws: { error in
                guard case .bindFailed(let host, let port, _) = error as? MetricsServerError else { return false }
                return host == "127.0.0.1" && port == server.boundPort
            }
        }
    }

    @Test func shutdownStopsListeningAndClosesConnections() async throws {
        let server = try #require(
            try await MetricsServer.start(source: FakeSource(), configuration: loopbackConfiguration())
        )
        let open = try await RawConnection.open(port: server.boundPort)
        try await waitUntil { server.openConnections == 1 }
        await server.shutdown()
        let (_, serverClosed) = try await open.finish()
        #expect(serverClosed)
        await #expect(throws: (any Error).self) {
            _ = try await RawConnection.open(port: server.boundPort)
        }
    }

    @Test func serviceGroupGracefulShutdownEndsRun() async throws {
        let server = try #require(
            try await MetricsServer.start(source: FakeSource(), configuration: loopbackConfiguration())
        )
        var logger = Logger(label: "lifecycle-test")
        logger.logLevel = .critical
        let group = ServiceGroup(services: [server], logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            #expect(try await request(server, http("GET", "/metrics")).status == 200)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        await #expect(throws: (any Error).self) {
            _ = try await RawConnection.open(port: server.boundPort)
        }
    }
}
