/// What one try of a request came to.
package enum Attempt<Value: Sendable>: Sendable {
    case done(Value)
    /// The system pushed back (429, `TOO_MANY_REQUESTS`): retry later, and with fewer requests in flight.
    case throttled(retryAfter: Duration?, reason: String)
    /// A passing failure (5xx, no answer to an idempotent request): retry later.
    case transient(reason: String)
    /// Nothing was sent: the host refused the connection or its name does not resolve. Trying
    /// again in a few seconds changes neither, so the request fails at once, naming the host.
    case unreachable(reason: String)

    var isThrottled: Bool {
        if case .throttled = self { return true }
        return false
    }

    /// The same outcome with its value, if any, transformed.
    package func map<Other: Sendable>(_ transform: (Value) -> Other) -> Attempt<Other> {
        switch self {
        case .done(let value): .done(transform(value))
        case .throttled(let retryAfter, let reason): .throttled(retryAfter: retryAfter, reason: reason)
        case .transient(let reason): .transient(reason: reason)
        case .unreachable(let reason): .unreachable(reason: reason)
        }
    }
}

/// The retries of a request ran out, or the run's retry budget did.
package struct RetriesExhausted: Error, Sendable, CustomStringConvertible {
    package var endpoint: String
    package var attempts: Int
    package var lastReason: String
    package var budgetSpent: Bool
    /// The host could not be reached at all: not retried.
    package var unreachable = false

    package var description: String {
        if unreachable {
            return "\(endpoint): the host cannot be reached (\(lastReason)); nothing was sent, so it was not tried "
                + "again: check the base_url, the network and DNS"
        }
        let why = budgetSpent ? "the run's retry budget is spent" : "gave up after \(attempts) tries"
        return "\(endpoint): \(why); last answer: \(lastReason)"
    }
}

/// Runs each try of a request under the system's adaptive concurrency and
/// retries passing failures with the shared policy, within the run's budget.
///
/// Whether a request may be retried at all is the caller's to decide: an
/// attempt for a create must look for what a lost answer may have created
/// before it sends again (its `retry` number says whether this is a retry).
package struct RetryingSender: Sendable {
    package let policy: RetryPolicy
    package let concurrency: AdaptiveConcurrency
    package let pacer: RatePacer
    package let ledger: RequestLedger
    package let clock: any WaitClock
    package let jitter: any JitterSource
    /// Shared with the exchange the requests go through: when the system stopped answering, retries stop.
    let responsiveness: Responsiveness?
    private let budget: RetryBudget

    package init(
        policy: RetryPolicy, concurrency: AdaptiveConcurrency, ledger: RequestLedger,
        clock: any WaitClock = SystemWaitClock(), jitter: any JitterSource = SystemJitter(),
        responsiveness: Responsiveness? = nil
    ) {
        self.policy = policy
        self.concurrency = concurrency
        pacer = RatePacer(clock: clock)
        self.ledger = ledger
        self.clock = clock
        self.jitter = jitter
        self.responsiveness = responsiveness
        budget = RetryBudget(policy.runBudget)
    }

    package func run<Value: Sendable>(
        endpoint: String, _ attempt: @Sendable (_ retry: Int) async throws -> Attempt<Value>
    ) async throws -> Value {
        var retry = 0
        while true {
            let number = retry
            let outcome = try await concurrency.run(
                { [pacer] in
                    try await pacer.turn()
                    let outcome = try await attempt(number)
                    await pacer.answered(throttled: outcome.isThrottled)
                    return outcome
                }, throttled: { $0.isThrottled })
            let retryAfter: Duration?
            let reason: String
            switch outcome {
            case .done(let value):
                await budget.refund()
                return value
            case .throttled(let after, let why): (retryAfter, reason) = (after, why)
            case .transient(let why): (retryAfter, reason) = (nil, why)
            case .unreachable(let why):
                var failure = RetriesExhausted(
                    endpoint: endpoint, attempts: retry + 1, lastReason: why, budgetSpent: false)
                failure.unreachable = true
                throw failure
            }
            retry += 1
            if let responsiveness, responsiveness.isUnresponsive {
                throw RetriesExhausted(
                    endpoint: endpoint, attempts: retry,
                    lastReason: "\(reason); \(responsiveness.limit) requests in a row got no answer in time, "
                        + "so the system is not answering (check its base_url and the network)",
                    budgetSpent: false)
            }
            guard retry < policy.maxAttempts else {
                throw RetriesExhausted(endpoint: endpoint, attempts: retry, lastReason: reason, budgetSpent: false)
            }
            guard await budget.spend() else {
                throw RetriesExhausted(endpoint: endpoint, attempts: retry, lastReason: reason, budgetSpent: true)
            }
            await ledger.retried(throttled: outcome.isThrottled)
            try await clock.sleep(for: policy.delay(retry: retry, retryAfter: retryAfter, unit: jitter.unit()))
        }
    }
}

/// Retries left in this run: a token bucket, as AWS's SDKs keep one. A retry spends a
/// token and a request that succeeds returns one, up to the policy's `runBudget`. A long
/// run against a healthy but busy system keeps going; one against a failing system (no
/// successes) stops after `runBudget` retries instead of stalling.
actor RetryBudget {
    private let capacity: Int
    private var remaining: Int

    init(_ total: Int) {
        capacity = total
        remaining = total
    }

    func spend() -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        return true
    }

    func refund() {
        remaining = min(capacity, remaining + 1)
    }
}
