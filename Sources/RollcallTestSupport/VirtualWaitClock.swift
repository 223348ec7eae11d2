import RollcallCore
import RollcallHTTP
import Synchronization

/// Virtual time for the connectors: a wait moves the clock forward at once and is
/// recorded, so tests of backoff and token expiry neither sleep nor depend on load.
public final class VirtualWaitClock: WaitClock {
    private let state = Mutex((now: Duration.zero, waits: [Duration]()))

    public init() {}

    public func now() -> Duration { state.withLock { $0.now } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.now += max(duration, .zero)
            state.waits.append(duration)
        }
    }

    public func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }

    /// Every wait asked for, in order.
    public var waits: [Duration] { state.withLock { $0.waits } }
}

/// Jitter from a seed: the same draws every run.
public final class SeededJitter: JitterSource {
    private let generator: Mutex<SeededGenerator>

    public init(seed: UInt64) {
        generator = Mutex(SeededGenerator(seed: seed))
    }

    public func unit() -> Double { generator.withLock { $0.unit() } }
}
