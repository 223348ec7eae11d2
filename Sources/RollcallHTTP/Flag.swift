import Synchronization

/// A flag one retry sets and the next reads: whether a write may already have been applied.
package final class Flag: Sendable {
    private let value = Mutex(false)

    package init() {}

    package var isSet: Bool { value.withLock { $0 } }

    package func set() {
        value.withLock { $0 = true }
    }
}
