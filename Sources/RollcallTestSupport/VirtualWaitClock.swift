import RollcallCore
import RollcallHTTP
import Synchronization

/// Virtual time for the connectors: a wait moves the clock forward at once and is
/// recorded, so tests of backoff and token expiry neither sleep nor depend on load.
package final class VirtualWaitClock: WaitClock {
    private let state = Mutex((now: Duration.zero, waits: [Duration]()))

    package init() {}

    package func now() -> Duration { state.withLock { $0.now } }

    package func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.now += max(duration, .zero)
            state.waits.append(duration)
        }
    }

    package func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }

    /// Every wait asked for, in order.
    package var waits: [Duration] { state.withLock { $0.waits } }
}

/// Jitter from a seed: the same draws every run.
package final class SeededJitter: JitterSource {
    private let generator: Mutex<SeededGenerator>

    package init(seed: UInt64) {
        generator = Mutex(SeededGenerator(seed: seed))
    }

    package func unit() -> Double { generator.withLock { $0.unit() } }
}
