/// Counts what a run asked of a system: requests per endpoint, their outcomes,
/// and retries, so a plan can say what its read cost and the benchmark can
/// compare it with the minimum.
package actor RequestLedger {
    package struct Counts: Sendable, Equatable, Codable {
        /// Requests sent, by endpoint (`GET /v1/{practiceid}/users`).
        package var requests: [String: Int] = [:]
        /// Answers by status; requests that got no answer count under 0.
        package var statuses: [Int: Int] = [:]
        package var retries = 0
        /// Retries caused by throttling (429 or `TOO_MANY_REQUESTS`).
        package var throttled = 0

        package var totalRequests: Int { requests.values.reduce(0, +) }

        package init() {}
    }

    package private(set) var counts = Counts()
    /// The `Date` header of the latest answer: the server's clock, for `rollcall doctor`.
    package private(set) var serverDate: String?

    package init() {}

    func sent(_ endpoint: String) {
        counts.requests[endpoint, default: 0] += 1
    }

    func answered(_ endpoint: String, status: Int?, date: String? = nil) {
        counts.statuses[status ?? 0, default: 0] += 1
        if let date { serverDate = date }
    }

    func retried(throttled: Bool) {
        counts.retries += 1
        if throttled { counts.throttled += 1 }
    }
}
