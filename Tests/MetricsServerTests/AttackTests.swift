import Foundation
import MetricsServer
import NIOCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// #14 deliverable 1: under 1,000 hostile connections a well-behaved scraper is still served (≥ 99 %),
/// and the server's connections, file descriptors and memory come back afterwards.
///
/// Loopback only, bounded: 1,000 attacker connections per attack (`ATTACK_CONNECTIONS` overrides it;
/// `.ci/sanitizers.sh` sets it lower, the assertions stay the same), from 250 addresses of 127.0.0.0/8
/// (4 per address, below the per-peer cap), about 8 s of scraping each, then everything is closed.
/// Default limits (256 connections, 64 per peer, 10 s request deadline): what protects the scraper is
/// that a new connection at the cap evicts the oldest one not being answered.
@Suite(.serialized) struct AttackTests {
    enum Attack: String, CaseIterable, Sendable {
        case idle, slowloris, slowBody, mixed

        /// What attacker `index` sends at once and then one byte per second.
        func opening(_ index: Int) -> (start: String, trickle: String?) {
            switch self == .mixed ? [Attack.idle, .slowloris, .slowBody][index % 3] : self {
            case .idle: ("", nil)
            case .slowloris: ("GET /metrics HTTP/1.1\r\nX-a: ", "a")
            case .slowBody: ("POST /metrics HTTP/1.1\r\nHost: a\r\nContent-Length: 65536\r\n\r\n", "b")
            case .mixed: ("", nil)
            }
        }
    }

    static let attackers = Int(ProcessInfo.processInfo.environment["ATTACK_CONNECTIONS"] ?? "") ?? 1000
    static let isReduced = attackers < 1000
    static let scrapes = 32

    @Test(.timeLimit(.minutes(3)), arguments: Attack.allCases)
    func scraperIsServedUnderAttack(_ attack: Attack) async throws {
        raiseFileLimit(to: 8192)
        try await withServer(source: FakeSource()) { server in
            let baselineRSS = residentBytes()
            var connections: [(RawConnection, String?)] = []
            for index in 0..<Self.attackers {
                let (start, trickle) = attack.opening(index)
                let peer = "127.0.1.\(1 + index % 250)"
                guard let connection = try? await RawConnection.open(port: server.boundPort, from: peer) else { continue }
                if !start.isEmpty { connection.channel.writeAndFlush(ByteBuffer(string: start), promise: nil) }
                connections.append((connection, trickle))
            }
            let attackers = connections
            // With fewer attackers (the sanitizer runs, where opening them outlasts the 10 s request deadline
            // that closes trickling ones), only idle attackers are sure to be held when the last one opens.
            if attack == .idle || !Self.isReduced {
                #expect(connectedSockets(port: server.boundPort) >= min(200, Self.attackers / 2), "the attack holds the server's connections")
            }
            let trickler = Task {
                while !Task.isCancelled {
                    for (connection, trickle) in attackers {
                        if let trickle, connection.channel.isActive {
                            connection.channel.writeAndFlush(ByteBuffer(string: trickle), promise: nil)
                        }
                    }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
            var served = 0
            for _ in 0..<Self.scrapes {
                if let response = try? await scrape(server), response.status == 200, response.text == FakeSource.text {
                    served += 1
                }
                try await Task.sleep(for: .milliseconds(250))
            }
            trickler.cancel()
            _ = await trickler.value
            for (connection, _) in attackers { connection.channel.close(promise: nil) }
            try await waitUntil { server.openConnections == 0 }
            #expect(served * 100 >= Self.scrapes * 99, "\(attack): \(served) of \(Self.scrapes) scrapes served")
            for (connection, _) in attackers { _ = try? await connection.finish(timeout: .seconds(1)) }
            // The server's descriptors: its sockets on the port, other than the listening one (other
            // suites run in parallel, so the process's whole descriptor count would be noise).
            let sockets = try await settledValue { connectedSockets(port: server.boundPort) }
            #expect(sockets == 0, "\(attack): \(sockets) sockets of the server still open after the attack")
            let rss = residentBytes()
            #expect(rss <= baselineRSS + 128 << 20, "\(attack): RSS \(rss >> 20) MiB after, \(baselineRSS >> 20) MiB before")
        }
    }

    private func scrape(_ server: MetricsServer) async throws -> ParsedResponse {
        let connection = try await RawConnection.open(port: server.boundPort)
        try await connection.send(http("GET", "/metrics"))
        return try ParsedResponse.parseOne(try await connection.finish(timeout: .seconds(5)).bytes)
    }
}

/// Raises the soft open-files limit (1,000 attackers need ~2,000 descriptors in this one process).
func raiseFileLimit(to wanted: UInt) {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(wanted) else { return }
    limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
    _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

/// Open TCP sockets whose local port is `port`, except listening and TIME_WAIT ones (`/proc/net/tcp`):
/// the server's connection descriptors.
func connectedSockets(port: Int) -> Int {
    // procfs files report size 0: read to the end instead of trusting the size.
    guard let handle = FileHandle(forReadingAtPath: "/proc/net/tcp") else { return -1 }
    defer { try? handle.close() }
    let table = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
    let wanted = ":" + String(format: "%04X", port)
    return table.split(separator: "\n").dropFirst().filter { line in
        let fields = line.split(separator: " ")
        guard fields.count > 3 else { return false }
        return fields[1].hasSuffix(wanted) && fields[3] != "0A" && fields[3] != "06"
    }.count
}

/// This process's resident set size (`/proc/self/statm`).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}
