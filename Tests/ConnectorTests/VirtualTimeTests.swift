import AthenaOne
import RollcallCore
import RollcallHTTP
import RollcallTestSupport
import Sandbox
import Testing

/// Backoff and token lifetimes run on an injected clock and jitter: proven here on virtual
/// time, so nothing sleeps on the wall clock and the result is the same under any load.
@Suite struct VirtualTimeTests {
    struct Flaky: Error {}

    @Test func backoffWaitsExactlyWhatThePolicyAndTheJitterSay() async throws {
        let clock = VirtualWaitClock()
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(3))
        let sender = RetryingSender(
            policy: policy, concurrency: AdaptiveConcurrency(initial: 1, maximum: 1), ledger: RequestLedger(),
            clock: clock, jitter: SeededJitter(seed: 42))
        let attempts = AttemptCounter()
        let value = try await sender.run(endpoint: "GET /x") { retry in
            await attempts.add()
            return retry < 3 ? .transient(reason: "503") : .done("ok")
        }
        #expect(value == "ok")
        #expect(await attempts.count == 4)
        var draws = SeededGenerator(seed: 42)
        let expected = (1...3).map { policy.delay(retry: $0, retryAfter: nil, unit: draws.unit()) }
        #expect(clock.waits == expected)
        #expect(clock.now() == expected.reduce(.zero, +))
    }

    /// Successes give retries back: a long run against a busy but healthy system is never cut
    /// short by the run's budget, which still stops a failing one.
    @Test func successesRefillTheRunsRetryBudget() async throws {
        let sender = RetryingSender(
            policy: RetryPolicy(maxAttempts: 10, runBudget: 2),
            concurrency: AdaptiveConcurrency(initial: 1, maximum: 1),
            ledger: RequestLedger(), clock: VirtualWaitClock(), jitter: SeededJitter(seed: 3))
        for request in 0..<20 {
            let value = try await sender.run(endpoint: "GET /x") { retry in
                retry == 0 ? .throttled(retryAfter: nil, reason: "429") : .done(request)
            }
            #expect(value == request)
        }
        #expect(await sender.ledger.counts.retries == 20)
        let error = await #expect(throws: RetriesExhausted.self) {
            let _: Int = try await sender.run(endpoint: "GET /x") { _ in .transient(reason: "HTTP 503") }
        }
        #expect(error?.budgetSpent == true)
    }

    @Test func aRetryAfterIsWaitedOutWhateverTheJitter() async throws {
        let clock = VirtualWaitClock()
        let sender = RetryingSender(
            policy: RetryPolicy(), concurrency: AdaptiveConcurrency(initial: 1, maximum: 1), ledger: RequestLedger(),
            clock: clock, jitter: SeededJitter(seed: 1))
        _ = try await sender.run(endpoint: "GET /x") { retry in
            retry == 0 ? .throttled(retryAfter: .seconds(7), reason: "429") : .done(1)
        }
        #expect(clock.waits == [.seconds(7)])
    }

    /// The sandbox's tokens live an hour; on the connector's clock, a token is reused until
    /// close to its end and replaced after, with no waiting.
    @Test func aTokenIsReusedUntilNearItsEndOnTheConnectorsClock() async throws {
        let clock = VirtualWaitClock()
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 2)) { sandbox in
            let athena = sandbox.athena(clock: clock)
            let practiceID = SyntheticSandbox.firstPracticeID
            _ = try await athena.user(1_000, practiceID: practiceID)
            clock.advance(by: .seconds(3_000))
            _ = try await athena.user(1_000, practiceID: practiceID)
            #expect(await sandbox.log(.athena).filter { $0.path.hasSuffix("/token") }.count == 1)
            clock.advance(by: .seconds(560))
            _ = try await athena.user(1_000, practiceID: practiceID)
            #expect(await sandbox.log(.athena).filter { $0.path.hasSuffix("/token") }.count == 2)
        }
    }
}

actor AttemptCounter {
    private(set) var count = 0
    func add() { count += 1 }
}
