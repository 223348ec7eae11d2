import Dispatch
import Foundation
import Rollcall

/// SIGINT and SIGTERM during an apply: the first stops new writes (those in flight
/// finish and are recorded), the second exits at once, which the journal makes safe.
final class InterruptHandler: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var count = 0
    private let queue = DispatchQueue(label: "rollcall.signals")

    init(control: ApplyControl) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                count += 1
                if count > 1 {
                    Terminal.writeError(
                        "\nrollcall: second \(name): exiting now; the next apply settles what was in flight.\n")
                    Foundation.exit(130)
                }
                control.stop("interrupted by \(name)")
                Terminal.writeError(
                    "\nrollcall: \(name): finishing the writes in flight, starting no more (again to exit now).\n")
            }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
