import Foundation
import RollcallHTTP

/// One line on stderr that shows how far a long read has got (`athena 195900 users 300/2500`),
/// redrawn at most ten times a second, and only when stderr is a terminal; silent otherwise.
final class ProgressLine: Sendable {
    private let state = Mutex()

    /// A sink for the connectors, or nil when stderr is not a terminal.
    static func sink() -> (ProgressLine, ProgressSink)? {
        guard Terminal.standardErrorIsTerminal else { return nil }
        let line = ProgressLine()
        return (line, { progress in line.show(progress) })
    }

    func show(_ progress: ReadProgress) {
        state.withLock { last in
            let now = Date()
            guard now.timeIntervalSince(last) >= 0.1 else { return }
            last = now
            let total = progress.total.map { "/\($0)" } ?? ""
            Terminal.writeError("\r\u{1B}[2Kreading \(progress.subject) \(progress.read)\(total)")
        }
    }

    /// Clears the line before anything else is written.
    func finish() {
        state.withLock { _ in Terminal.writeError("\r\u{1B}[2K") }
    }

    /// The time of the last redraw, behind a lock.
    private final class Mutex: @unchecked Sendable {
        private let lock = NSLock()
        private var last = Date.distantPast

        func withLock(_ body: (inout Date) -> Void) {
            lock.lock()
            defer { lock.unlock() }
            body(&last)
        }
    }
}
