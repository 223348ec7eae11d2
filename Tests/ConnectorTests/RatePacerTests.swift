import RollcallCore
import RollcallHTTP
import RollcallTestSupport
import Testing

/// The pacer on virtual time against a simulated server: requests go one after another,
/// each answered 5 ms after it is sent, so the client alone would send 200 a second.
@Suite struct RatePacerTests {
    /// A rate limit as the sandbox and many gateways keep one: a bucket of `burst` tokens
    /// refilled at `rate` a second; a request without a token is throttled and spends none.
    struct TokenBucket {
        var rate: Double
        let burst: Double
        var tokens: Double
        var refilledAt = Duration.zero

        init(rate: Double, burst: Double) {
            self.rate = rate
            self.burst = burst
            tokens = burst
        }

        mutating func take(at now: Duration) -> Bool {
            tokens = min(burst, tokens + (now - refilledAt).inSeconds * rate)
            refilledAt = now
            guard tokens >= 1 else { return false }
            tokens -= 1
            return true
        }
    }

    struct Tally {
        var accepted = 0
        var throttled = 0
        var seconds = 0.0
    }

    static let latency = Duration.milliseconds(5)

    /// Sends `count` requests through the pacer; `throttle` answers each at the time it arrives.
    static func run(
        _ count: Int, pacer: RatePacer, clock: VirtualWaitClock, throttle: (Duration) -> Bool
    ) async throws -> Tally {
        var tally = Tally()
        let start = clock.now()
        for _ in 0..<count {
            try await pacer.turn()
            clock.advance(by: latency)
            let throttled = throttle(clock.now())
            if throttled { tally.throttled += 1 } else { tally.accepted += 1 }
            await pacer.answered(throttled: throttled)
        }
        tally.seconds = (clock.now() - start).inSeconds
        return tally
    }

    /// A paced client against a bucket: `warmUp` requests to find the limit, then `count` measured.
    static func steady(
        _ bucket: TokenBucket, warmUp: Int, count: Int
    ) async throws -> (tally: Tally, pacer: RatePacer) {
        let clock = VirtualWaitClock()
        let pacer = RatePacer(clock: clock)
        var bucket = bucket
        _ = try await run(warmUp, pacer: pacer, clock: clock) { !bucket.take(at: $0) }
        let tally = try await run(count, pacer: pacer, clock: clock) { !bucket.take(at: $0) }
        return (tally, pacer)
    }

    @Test func aRateLimitIsLearnedAndUsedAlmostWholeWithFewThrottles() async throws {
        let (steady, pacer) = try await Self.steady(TokenBucket(rate: 50, burst: 10), warmUp: 250, count: 3_000)

        let rate = Double(steady.accepted) / steady.seconds
        #expect(rate >= 0.95 * 50, "accepted \(rate) a second of a 50 a second limit")
        #expect(Double(steady.throttled) <= 0.05 * Double(steady.accepted), "\(steady.throttled) throttled")
        let pace = try #require(await pacer.pace)
        #expect(pace > 40 && pace < 60)
    }

    @Test func aLargeBurstAllowanceIsNeitherTakenForTheLimitNorForNoise() async throws {
        // A bucket of 40 lets the first quarter second through at the client's own 200 a second;
        // the throttles that follow a pace set from it are the limit's, not noise.
        let (steady, pacer) = try await Self.steady(TokenBucket(rate: 50, burst: 40), warmUp: 400, count: 2_000)

        #expect(Double(steady.throttled) <= 0.05 * Double(steady.accepted), "\(steady.throttled) throttled")
        #expect(Double(steady.accepted) / steady.seconds >= 0.95 * 50)
        #expect(await pacer.noise == 0)
    }

    @Test func withoutThePacerTheSameClientIsThrottledMostOfTheTime() async throws {
        // The baseline the test above improves on: a client that does not pace sends at 200 a second.
        var bucket = TokenBucket(rate: 50, burst: 10)
        var now = Duration.zero
        var throttled = 0
        for _ in 0..<3_000 {
            now += Self.latency
            if !bucket.take(at: now) { throttled += 1 }
        }
        #expect(throttled > 2_000)
    }

    @Test func aLimitThatDropsMidRunIsFollowed() async throws {
        let clock = VirtualWaitClock()
        let pacer = RatePacer(clock: clock)
        var bucket = TokenBucket(rate: 50, burst: 10)
        _ = try await Self.run(1_000, pacer: pacer, clock: clock) { !bucket.take(at: $0) }
        bucket.rate = 20
        _ = try await Self.run(100, pacer: pacer, clock: clock) { !bucket.take(at: $0) }
        let steady = try await Self.run(1_000, pacer: pacer, clock: clock) { !bucket.take(at: $0) }

        let rate = Double(steady.accepted) / steady.seconds
        #expect(rate >= 0.9 * 20 && rate <= 20.5)
        #expect(Double(steady.throttled) <= 0.05 * Double(steady.accepted))
    }

    @Test func throttlesAtRandomAreLearnedAsNoiseAndDoNotSlowTheClient() async throws {
        let clock = VirtualWaitClock()
        let pacer = RatePacer(clock: clock)
        var generator = SeededGenerator(seed: 7)
        _ = try await Self.run(2_000, pacer: pacer, clock: clock) { _ in generator.unit() < 0.1 }
        let tally = try await Self.run(4_000, pacer: pacer, clock: clock) { _ in generator.unit() < 0.1 }

        // Unpaced, 4,000 requests take 20 s; a pace walked down by each throttle would take minutes.
        #expect(tally.seconds < 20 / 0.8, "took \(tally.seconds) s")
        #expect(await pacer.noise >= 0.05)
    }

    @Test func aClientNeverThrottledIsNeverPaced() async throws {
        let clock = VirtualWaitClock()
        let pacer = RatePacer(clock: clock)
        let tally = try await Self.run(1_000, pacer: pacer, clock: clock) { _ in false }
        #expect(await pacer.pace == nil)
        #expect(abs(tally.seconds - 5) < 0.001)
    }
}
