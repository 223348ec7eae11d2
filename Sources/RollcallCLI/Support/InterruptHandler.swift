import Dispatch
import Foundation
import Rollcall

/// SIGINT and SIGTERM during an apply: the first stops new writes (those in flight
/// finish and are recorded), the second releases the lock and exits at once, which the
/// journal makes safe. Either way the exit status is 1, as for any apply that did not finish.
final class InterruptHandler: @unchecked Sendable {
    private var signals: SignalSources?
    private var count = 0
    private let queue = DispatchQueue(label: "rollcall.signals")

    init(control: ApplyControl) {
        signals = SignalSources(queue: queue) { [self] name in
            count += 1
            if count > 1 {
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
        signals?.cancel()
    }
}
