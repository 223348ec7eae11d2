import Synchronization

/// Whether a system answers at all. A server that accepts connections and never
/// answers would otherwise hold a run for every retry's full timeout; after
/// `limit` requests in a row got no answer within the timeout, the sender stops
/// retrying and says so. Any answer resets the count.
package final class Responsiveness: Sendable {
    private let timeouts = Mutex(0)
    let limit: Int

    package init(limit: Int = 2) {
        self.limit = limit
    }

    func answered() {
        timeouts.withLock { $0 = 0 }
    }

    func timedOut() {
        timeouts.withLock { $0 += 1 }
    }

    package var isUnresponsive: Bool { timeouts.withLock { $0 >= limit } }
}
