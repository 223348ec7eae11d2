/// Faults the simulators inject, configurable per run and deterministic under `seed`:
/// the same seed and the same sequence of requests give the same faults.
public struct SandboxFaults: Sendable, Hashable {
    /// A token bucket shared by all callers: over it, 429 with no Retry-After header.
    public struct RateLimit: Sendable, Hashable {
        public var requestsPerSecond: Double
        public var burst: Int

        public init(requestsPerSecond: Double, burst: Int) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
        }
    }

    public var seed: UInt64
    public var rateLimit: RateLimit?
    /// The share of requests answered 429 at random (no Retry-After), on top of `rateLimit`.
    public var throttleRate: Double
    /// The share of requests answered 503 at random, before anything is applied.
    public var serverErrorRate: Double
    /// Added to every answer.
    public var latency: Duration
    /// The share of writes whose response is dropped after the write was applied:
    /// the connection closes, and the client cannot tell whether the write happened.
    public var dropResponseRate: Double

    public init(
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

    public static let none = SandboxFaults()
}

/// SplitMix64: small, fast and the same on every platform, so a seed means the same faults everywhere.
struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) / Double(UInt64(1) << 53)
    }
}
