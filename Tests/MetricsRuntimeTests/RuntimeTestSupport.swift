import MetricsRuntime
import Synchronization
import Testing

/// Collects the errors a runtime hands to its `errorHandler`, safely from any thread.
final class ErrorRecorder: Sendable {
    private let storage = Mutex<[MetricsError]>([])

    /// Everything reported so far, in order.
    var errors: [MetricsError] { storage.withLock { $0 } }

    /// A handler to put into `MetricsConfiguration.errorHandler`.
    var handler: @Sendable (MetricsError) -> Void {
        { [self] error in self.storage.withLock { $0.append(error) } }
    }
}

/// A configuration whose errors go to `recorder` (never to stderr), with optional overrides.
func recordingConfiguration(
    _ recorder: ErrorRecorder, _ adjust: (inout MetricsConfiguration) -> Void = { _ in }
) -> MetricsConfiguration {
    var configuration = MetricsConfiguration()
    configuration.errorHandler = recorder.handler
    adjust(&configuration)
    return configuration
}

/// The `MetricsError` `body` throws, or `nil` when it returns normally (any other error is
/// recorded as an issue).
func thrownError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> T
) -> MetricsError? {
    do {
        _ = try body()
        return nil
    } catch let error as MetricsError {
        return error
    } catch {
        Issue.record("expected a MetricsError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// How many times `needle` occurs in `text` (non-overlapping, byte-wise).
func occurrences(of needle: String, in text: String) -> Int {
    let hay = Array(text.utf8)
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, hay.count >= pattern.count else { return 0 }
    var count = 0
    var index = 0
    while index <= hay.count - pattern.count {
        if hay[index..<(index + pattern.count)].elementsEqual(pattern) {
            count += 1
            index += pattern.count
        } else {
            index += 1
        }
    }
    return count
}

/// Compares two texts exactly; on mismatch records the first differing line, both texts, so the
/// failure is readable, and returns false.
@discardableResult
func expectSameText(
    _ actual: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
) -> Bool {
    guard actual != expected else { return true }
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    var firstDifference = min(actualLines.count, expectedLines.count)
    for index in 0..<min(actualLines.count, expectedLines.count) where actualLines[index] != expectedLines[index] {
        firstDifference = index
        break
    }
    let got = firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end of text>"
    let want = firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end of text>"
    Issue.record(
        """
        texts differ at line \(firstDifference + 1):
          expected: \(want)
          actual:   \(got)
        --- expected ---
        \(expected)--- actual ---
        \(actual)--- end ---
        """, sourceLocation: sourceLocation)
    return false
}

/// Replaces the value of the one `<prefix>uptime_seconds` sample by `<uptime>` after checking it
/// is a plain non-negative number; records an issue when there is not exactly one such sample.
func maskingUptime(
    _ text: String, name: String = "dynamo_component_uptime_seconds",
    sourceLocation: SourceLocation = #_sourceLocation
) -> String {
    var found = 0
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        guard let space = line.lastIndex(of: " ") else { return String(line) }
        let head = line[..<space]
        guard head == name || head.hasPrefix(name + "{") else { return String(line) }
        found += 1
        let value = line[line.index(after: space)...]
        if !(Double(value).map { $0 >= 0 } ?? false) {
            Issue.record("uptime value '\(value)' is not a non-negative number", sourceLocation: sourceLocation)
        }
        return head + " <uptime>"
    }
    if found != 1 {
        Issue.record("expected exactly one \(name) sample, found \(found)", sourceLocation: sourceLocation)
    }
    return lines.joined(separator: "\n")
}

/// The help and type lines of the built-in uptime gauge, as every root exposition has them.
let uptimeHeader = """
    # HELP dynamo_component_uptime_seconds Total uptime of the DistributedRuntime in seconds
    # TYPE dynamo_component_uptime_seconds gauge
    """
