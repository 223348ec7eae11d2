import Synchronization

/// Whether an apply should start more writes: a first SIGINT or SIGTERM, `--fail-fast`
/// after a failure, or an audit line that could not be written stops new writes; the
/// ones in flight finish and are recorded.
public final class ApplyControl: Sendable {
    private let reason = Mutex<String?>(nil)
    private let cleanups = Mutex<[@Sendable () -> Void]>([])

    public init() {}

    /// Asks the run to stop starting writes; the first reason given is kept.
    public func stop(_ why: String) {
        reason.withLock { current in
            if current == nil { current = why }
        }
    }

    var stopReason: String? { reason.withLock { $0 } }

    /// What must still happen if the process exits at once (a second signal): the lock released.
    func atExitNow(_ cleanup: @escaping @Sendable () -> Void) {
        cleanups.withLock { $0.append(cleanup) }
    }

    /// Runs every cleanup once, before the caller exits the process.
    public func exitingNow() {
        let pending = cleanups.withLock { list in
            defer { list = [] }
            return list
        }
        for cleanup in pending { cleanup() }
    }
}
