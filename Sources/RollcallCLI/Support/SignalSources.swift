import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM handed to `handler` (with the signal's name) on a queue of their own,
/// instead of ending the process, until `cancel()`.
final class SignalSources: Sendable {
    private let sources: Mutex<[any DispatchSourceSignal]>

    init(_ label: String, handler: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: label)
        var sources: [any DispatchSourceSignal] = []
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(name) }
            source.resume()
            sources.append(source)
        }
        self.sources = Mutex(sources)
    }

    func cancel() {
        sources.withLock { sources in
            for source in sources { source.cancel() }
        }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
