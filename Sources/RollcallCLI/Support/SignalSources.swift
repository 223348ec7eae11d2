import Dispatch
import Foundation

/// SIGINT and SIGTERM handed to `handler` (with the signal's name) on `queue`, instead of
/// ending the process, until `cancel()`.
final class SignalSources: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []

    init(queue: DispatchQueue, handler: @escaping @Sendable (String) -> Void) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(name) }
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
