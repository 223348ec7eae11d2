import Dispatch

/// SIGINT or SIGTERM, awaited. Installed before `sandbox serve` prints that it serves, so
/// a signal sent after that line is never lost between the line and the server's own setup.
final class StopSignals: @unchecked Sendable {
    private let queue = DispatchQueue(label: "rollcall.stop-signals")
    private var signals: SignalSources?
    private var received = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init() {
        signals = SignalSources(queue: queue) { [self] _ in
            received = true
            let woken = waiting
            waiting = []
            for continuation in woken { continuation.resume() }
        }
    }

    /// Returns once either signal has arrived, at once if one already has.
    func wait() async {
        await withCheckedContinuation { continuation in
            queue.async { [self] in
                if received { continuation.resume() } else { waiting.append(continuation) }
            }
        }
    }
}
