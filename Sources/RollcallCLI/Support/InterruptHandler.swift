import Foundation
import Rollcall
import Synchronization

/// SIGINT and SIGTERM during an apply: the first stops new writes (those in flight
/// finish and are recorded), the second releases the lock and exits at once, which the
/// journal makes safe. Either way the exit status is 1, as for any apply that did not finish.
final class InterruptHandler: Sendable {
    private let signals: SignalSources

    init(control: ApplyControl) {
        let count = Counter()
        signals = SignalSources("rollcall.signals") { name in
            if count.next() > 1 {
                Terminal.writeError(
                    "\nrollcall: second \(name): exiting now; the next apply settles what was in flight.\n")
                control.exitingNow()
                Foundation.exit(1)
            }
            control.stop("interrupted by \(name)")
            Terminal.writeError(
                "\nrollcall: \(name): finishing the writes in flight, starting no more (again to exit now).\n")
        }
    }

    func cancel() {
        signals.cancel()
    }

    /// How many signals have arrived.
    private final class Counter: Sendable {
        private let count = Mutex(0)

        func next() -> Int {
            count.withLock {
                $0 += 1
                return $0
            }
        }
    }
}
