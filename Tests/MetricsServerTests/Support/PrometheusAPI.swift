import Foundation

/// The instant-query part of Prometheus's HTTP API (`/api/v1/query`), over a raw loopback connection.
struct PrometheusAPI {
    let port: Int

    struct Sample: Equatable {
        var labels: [String: String]
        var value: String
    }

    struct NoSamples: Error, CustomStringConvertible {
        var query: String
        var lastAnswer: String
        var description: String { "Prometheus returned no samples for \(query) within 60 s; last answer: \(lastAnswer)" }
    }

    /// Queries until the answer has samples (at most 60 s), then returns them.
    func waitForSamples(_ query: String) async throws -> [Sample] {
        var lastAnswer = "(no answer)"
        for _ in 0..<300 {
            do {
                let (samples, raw) = try await self.query(query)
                if !samples.isEmpty { return samples }
                lastAnswer = raw
            } catch {
                lastAnswer = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw NoSamples(query: query, lastAnswer: lastAnswer)
    }

    struct BadAnswer: Error {
        var text: String
    }

    /// Every metric name Prometheus has stored (`/api/v1/label/__name__/values`).
    func storedNames() async throws -> [String] {
        let bytes = try await RawConnection.exchange(port: port, http("GET", "/api/v1/label/__name__/values"))
        let response = try ParsedResponse.parseOne(bytes)
        guard response.status == 200,
            let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let names = json["data"] as? [String]
        else { throw BadAnswer(text: "\(response.status) \(response.text)") }
        return names
    }

    func query(_ query: String) async throws -> ([Sample], String) {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = query.addingPercentEncoding(withAllowedCharacters: allowed) ?? query
        let bytes = try await RawConnection.exchange(port: port, http("GET", "/api/v1/query?query=\(encoded)"))
        let response = try ParsedResponse.parseOne(bytes)
        guard response.status == 200,
            let json = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any],
            let data = json["data"] as? [String: Any],
            let result = data["result"] as? [[String: Any]]
        else { throw BadAnswer(text: "\(response.status) \(response.text)") }
        let samples = result.compactMap { entry -> Sample? in
            guard let labels = entry["metric"] as? [String: String], let value = entry["value"] as? [Any],
                value.count == 2, let text = value[1] as? String
            else { return nil }
            return Sample(labels: labels, value: text)
        }
        return (samples, response.text)
    }
}
