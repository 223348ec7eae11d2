/// Where the connectors read the time and wait: retry backoff, token lifetimes,
/// the token-request window. Production waits on the continuous clock; tests
/// pass a virtual clock (`RollcallTestSupport.VirtualWaitClock`), so backoff and
/// token expiry are proven without sleeping on a wall clock.
public protocol WaitClock: Sendable {
    /// Time since the clock started; only differences mean anything.
    func now() -> Duration
    func sleep(for duration: Duration) async throws
}

public struct SystemWaitClock: WaitClock {
    private let start = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - start }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// Where backoff draws its jitter: a uniform value in [0, 1).
public protocol JitterSource: Sendable {
    func unit() -> Double
}

public struct SystemJitter: JitterSource {
    public init() {}

    public func unit() -> Double { Double.random(in: 0..<1) }
}
