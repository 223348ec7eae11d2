/// How many requests to one system may be in flight, adapted to what it tolerates:
/// additive increase, multiplicative decrease (AIMD). A throttled answer halves
/// the limit; each answer that was not throttled grows it by 1/limit, so it
/// takes a whole window of good answers to add one more request in flight.
package actor AdaptiveConcurrency {
    package let maximum: Int
    package private(set) var limit: Double
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    package init(initial: Int = 4, maximum: Int = 8) {
        self.maximum = max(1, maximum)
        limit = Double(min(max(1, initial), self.maximum))
    }

    /// Runs `body` once a slot is free; `throttled` tells from its outcome whether the system pushed back.
    package func run<T: Sendable>(
        _ body: @Sendable () async throws -> T, throttled: @Sendable (T) -> Bool
    ) async throws -> T {
        await acquire()
        do {
            let value = try await body()
            release(throttled: throttled(value))
            return value
        } catch {
            release(throttled: false)
            throw error
        }
    }

    private func acquire() async {
        if inFlight < Int(limit) {
            inFlight += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release(throttled: Bool) {
        inFlight -= 1
        if throttled {
            limit = max(1, limit / 2)
        } else {
            limit = min(Double(maximum), limit + 1 / limit)
        }
        while inFlight < Int(limit), !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }
}
