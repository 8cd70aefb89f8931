struct ConditionNeverHeld: Error {}

/// Polls `condition` every 10 ms for at most 10 s.
func waitUntil(_ condition: () -> Bool) async throws {
    for _ in 0..<1000 {
        if condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw ConditionNeverHeld()
}
