/// When and how long to wait before trying a request again.
///
/// Backoff is exponential with full jitter (a random wait between zero and the
/// exponential bound), so many callers throttled together do not come back
/// together. A `Retry-After` the server sends is honoured instead, up to
/// `maxRetryAfter`.
package struct RetryPolicy: Sendable, Equatable {
    /// Tries per request, the first included.
    package var maxAttempts: Int
    package var baseDelay: Duration
    package var maxDelay: Duration
    package var maxRetryAfter: Duration
    /// Retries allowed across a whole run without a success between them, so a failing system
    /// ends the run instead of stalling it; each success gives one back (see `RetryBudget`).
    package var runBudget: Int

    package init(
        maxAttempts: Int = 8, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(120), runBudget: Int = 500
    ) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.runBudget = runBudget
    }

    /// The wait before retry number `retry` (1 for the first retry); `unit` is a random draw in [0, 1).
    package func delay(retry: Int, retryAfter: Duration?, unit: Double) -> Duration {
        if let retryAfter { return min(retryAfter, maxRetryAfter) }
        let exponent = min(max(retry - 1, 0), 30)
        let bound = min(maxDelay, baseDelay * (1 << exponent))
        return bound * unit
    }
}
