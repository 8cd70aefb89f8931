import Logging
import MetricsServer
import Testing

@Suite struct LoggingTests {
    @Test func deprecatedVariableIsLoggedAsAWarningAndStartupAsInfo() async throws {
        let (logger, store) = CapturingLogHandler.logger()
        let environment = ["DYN_SYSTEM_PORT": "0", "DYN_SYSTEM_HOST": "127.0.0.1", "DYN_SYSTEM_ENABLED": "true"]
        let server = try #require(
            try await MetricsServer.start(source: FakeSource(), environment: environment, logger: logger)
        )
        await server.shutdown()
        #expect(store.messages(at: .warning).count == 1)
        #expect(store.messages(at: .warning).first?.hasPrefix("DYN_SYSTEM_ENABLED is deprecated.") == true)
        #expect(store.messages(at: .info) == ["Metrics server listening", "Metrics server stopped"])
    }

    @Test func failedScrapeIsLoggedAsAnError() async throws {
        let (logger, store) = CapturingLogHandler.logger()
        let source = FakeSource()
        source.setFailing(true)
        let server = try #require(
            try await MetricsServer.start(source: source, configuration: loopbackConfiguration(), logger: logger)
        )
        let response = try await request(server, http("GET", "/metrics"))
        await server.shutdown()
        #expect(response.status == 500)
        #expect(store.messages(at: .error) == ["Failed to get metrics"])
    }

    @Test(arguments: [[:], ["DYN_SYSTEM_PORT": "-1"], ["DYN_SYSTEM_PORT": ""]])
    func disabledServerLogsOneLineSayingHowToTurnItOn(_ environment: [String: String]) async throws {
        let (logger, store) = CapturingLogHandler.logger()
        let server = try await MetricsServer.start(source: FakeSource(), environment: environment, logger: logger)
        #expect(server == nil)
        #expect(store.entries.withLockedValue { $0.map { "\($0.level): \($0.message)" } } == [
            "info: Metrics server is off: DYN_SYSTEM_PORT is unset or -1. Set DYN_SYSTEM_PORT to a port "
                + "(0 picks a free one) to serve /metrics, /health and /live."
        ])
    }
}
