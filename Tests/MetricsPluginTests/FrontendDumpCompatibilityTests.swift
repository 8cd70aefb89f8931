import DynamoMetrics
import MetricsRuntime
import Synchronization
import Testing

/// Binding `FrontendServiceMetrics` and recording one value per family gives exactly the
/// families of a real Dynamo frontend dump (FrontendDumpFixture): names, types, label names and
/// bucket bounds.
@Suite struct FrontendDumpCompatibilityTests {
    /// Name, type, label names (without `le`) and `le` values of each family in Prometheus text.
    static func families(in text: String) -> [String: DumpFamily] {
        var result: [String: DumpFamily] = [:]
        var current: String?
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                current = String(parts[2])
                result[String(parts[2])] = DumpFamily(name: String(parts[2]), type: String(parts[3]), labels: [])
                continue
            }
            guard !line.hasPrefix("#"), let family = current, var entry = result[family] else { continue }
            // Label names and `le` values; the test's label values contain no quotes or commas.
            if let open = line.firstIndex(of: "{"), let close = line.firstIndex(of: "}") {
                for pair in line[line.index(after: open)..<close].split(separator: ",") {
                    let name = String(pair.prefix { $0 != "=" })
                    let value = pair.drop { $0 != "=" }.dropFirst().dropFirst().dropLast()
                    if name == "le" {
                        if value != "+Inf", !entry.buckets.contains(String(value)) { entry.buckets.append(String(value)) }
                    } else {
                        entry.labels.insert(name)
                    }
                }
            }
            result[family] = entry
        }
        return result
    }

    @Test func everyFamilyOfTheDumpIsExposedExactlyAsDynamoDoes() throws {
        let errors = Mutex<[MetricsError]>([])
        var configuration = MetricsConfiguration()
        configuration.instanceID = 0x1f  // raw families must not get it
        configuration.errorHandler = { error in errors.withLock { $0.append(error) } }
        // The dump's request-duration buckets: Dynamo's knob, honoured as Dynamo does.
        configuration.environment = ["DYN_METRICS_REQUEST_DURATION_MAX": "256"]
        let runtime = MetricsRuntime(configuration: configuration)
        let frontend = FrontendServiceMetrics(runtime)
        let model = "qwen/qwen3-0.6b"
        frontend.disconnectedClients.set(0)
        frontend.inflightRequests(model: model).set(0)
        frontend.inputSequenceTokens(model: model).observe(33)
        frontend.interTokenLatencySeconds(model: model).observe(0.002)
        frontend.modelContextLength(model: model).set(40960)
        frontend.modelKvCacheBlockSize(model: model).set(1)
        frontend.modelMaxNumBatchedTokens(model: model).set(16384)
        frontend.modelMaxNumSeqs(model: model).set(2)
        frontend.modelMigrationLimit(model: model).set(0)
        frontend.modelTotalKvBlocks(model: model).set(92962)
        frontend.outputSequenceTokens(model: model).observe(300)
        frontend.outputTokensTotal(model: model).inc(by: 300)
        frontend.queuedRequests(model: model).set(0)
        frontend.requestDurationSeconds(model: model).observe(2.2)
        frontend.requestsTotal(model: model, endpoint: "chat_completions", requestType: .unary, status: .success, errorType: .empty).inc()
        // error_type="" (Dynamo's value on success) is an absent label in Prometheus and is not
        // written here; a failed request shows the label.
        frontend.requestsTotal(model: model, endpoint: "chat_completions", requestType: .unary, status: .error, errorType: .internal).inc()
        frontend.timeToFirstTokenSeconds(model: model).observe(1.56)

        let exposed = Self.families(in: try runtime.raw.metrics.exposition(format: .prometheusText))
        for expected in FrontendDumpFixture.families {
            let family = try #require(exposed[expected.name], "\(expected.name) is not exposed")
            #expect(family.type == expected.type, "\(expected.name)")
            #expect(family.labels == expected.labels.union(FrontendDumpFixture.newerLabels[expected.name] ?? []), "\(expected.name)")
            #expect(family.buckets == expected.buckets, "\(expected.name)")
        }
        #expect(errors.withLock { $0 } == [])
    }
}
