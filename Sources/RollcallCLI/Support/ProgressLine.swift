import Foundation
import RollcallCore
import Synchronization

/// One line on stderr that shows how far each read under way has got
/// (`reading athena 195900 users 300/2500, healthie members 75/5001`), redrawn at
/// most ten times a second, and only when stderr is a terminal; silent otherwise.
final class ProgressLine: Sendable {
    private struct Shown {
        var lastDraw = Date.distantPast
        /// The latest progress of each read not yet finished, by subject, in the order they began.
        var reads: [(subject: String, text: String)] = []
    }

    private let shown = Mutex(Shown())

    /// A sink for the connectors, or nil when stderr is not a terminal.
    static func sink() -> (ProgressLine, ProgressSink)? {
        guard Terminal.standardErrorIsTerminal else { return nil }
        let line = ProgressLine()
        return (line, { progress in line.show(progress) })
    }

    func show(_ progress: ReadProgress) {
        shown.withLock { shown in
            let text = "\(progress.subject) \(progress.read)" + (progress.total.map { "/\($0)" } ?? "")
            let finished = progress.total.map { progress.read >= $0 } ?? false
            if let index = shown.reads.firstIndex(where: { $0.subject == progress.subject }) {
                if finished { shown.reads.remove(at: index) } else { shown.reads[index].text = text }
            } else if !finished {
                shown.reads.append((progress.subject, text))
            }
            let now = Date()
            guard now.timeIntervalSince(shown.lastDraw) >= 0.1, !shown.reads.isEmpty else { return }
            shown.lastDraw = now
            Terminal.writeError("\r\u{1B}[2Kreading " + shown.reads.map(\.text).joined(separator: ", "))
        }
    }

    /// Clears the line before anything else is written.
    func finish() {
        shown.withLock { _ in Terminal.writeError("\r\u{1B}[2K") }
    }
}
