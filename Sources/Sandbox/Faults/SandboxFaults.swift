/// Faults the simulators inject, configurable per run and deterministic under `seed`:
/// the same seed and the same sequence of requests give the same faults.
package struct SandboxFaults: Sendable, Hashable {
    /// A token bucket shared by all callers: over it, 429 with no Retry-After header.
    package struct RateLimit: Sendable, Hashable {
        package var requestsPerSecond: Double
        package var burst: Int

        package init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    package var seed: UInt64
    package var rateLimit: RateLimit?
    /// The share of requests answered 429 at random (no Retry-After), on top of `rateLimit`.
    package var throttleRate: Double
    /// The share of requests answered 503 at random, before anything is applied.
    package var serverErrorRate: Double
    /// Added to every answer.
    package var latency: Duration
    /// The share of writes whose response is dropped after the write was applied:
    /// the connection closes, and the client cannot tell whether the write happened.
    package var dropResponseRate: Double

    package init(
        seed: UInt64 = 1, rateLimit: RateLimit? = nil, throttleRate: Double = 0, serverErrorRate: Double = 0,
        latency: Duration = .zero, dropResponseRate: Double = 0
    ) {
        self.seed = seed
        self.rateLimit = rateLimit
        self.throttleRate = throttleRate
        self.serverErrorRate = serverErrorRate
        self.latency = latency
        self.dropResponseRate = dropResponseRate
    }

    package static let none = SandboxFaults()
}
