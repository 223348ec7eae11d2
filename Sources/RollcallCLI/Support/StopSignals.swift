import Synchronization

/// SIGINT or SIGTERM, awaited. Installed before `sandbox serve` prints that it serves, so
/// a signal sent after that line is never lost between the line and the server's own setup.
final class StopSignals: Sendable {
    private final class Arrivals: Sendable {
        let state = Mutex((received: false, waiting: [CheckedContinuation<Void, Never>]()))

        func arrived() {
            let woken = state.withLock { state in
                state.received = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for continuation in woken { continuation.resume() }
        }
    }

    private let arrivals = Arrivals()
    private let signals: SignalSources

    init() {
        let arrivals = arrivals
        signals = SignalSources("rollcall.stop-signals") { _ in arrivals.arrived() }
    }

    /// Returns once either signal has arrived, at once if one already has.
    func wait() async {
        await withCheckedContinuation { continuation in
            let now = arrivals.state.withLock { state in
                if !state.received { state.waiting.append(continuation) }
                return state.received
            }
            if now { continuation.resume() }
        }
    }
}
