import Foundation
import Logging
import MetricsRuntime
import MetricsServer
import NIOCore
import ServiceLifecycle
import Synchronization
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

/// A source that takes `delay` to write its exposition and records that a scrape started.
final class SlowSource: MetricsExpositionSource {
    let started = Atomic<Bool>(false)
    let delay: Duration

    init(delay: Duration) { self.delay = delay }

    func exposition(into buffer: inout [UInt8], format: ExpositionFormat) throws {
        started.store(true, ordering: .sequentiallyConsistent)
        let until = ContinuousClock.now + delay
        while ContinuousClock.now < until { usleep(10_000) }
        buffer += Array(FakeSource.text.utf8)
    }
}

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
