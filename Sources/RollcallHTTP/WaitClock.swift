/// Where the connectors read the time and wait: retry backoff, token lifetimes,
/// the token-request window. Production waits on the continuous clock; tests
/// pass a virtual clock (`RollcallTestSupport.VirtualWaitClock`), so backoff and
/// token expiry are proven without sleeping on a wall clock.
package protocol WaitClock: Sendable {
    /// Time since the clock started; only differences mean anything.
    func now() -> Duration
    func sleep(for duration: Duration) async throws
}

package struct SystemWaitClock: WaitClock {
    private let start = ContinuousClock.now

    package init() {}

    package func now() -> Duration { ContinuousClock.now - start }

    package func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// Where backoff draws its jitter: a uniform value in [0, 1).
package protocol JitterSource: Sendable {
    func unit() -> Double
}

package struct SystemJitter: JitterSource {
    package init() {}

    package func unit() -> Double { Double.random(in: 0..<1) }
}
