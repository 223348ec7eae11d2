import Foundation
import RollcallCore
import Synchronization

/// What the process is writing to, and how to write there.
enum Terminal {
    /// Colour only on a terminal, never with `--no-color`, `NO_COLOR` (https://no-color.org) or `TERM=dumb`.
    static func colorsStandardError(noColorFlag: Bool) -> Bool {
        colors(STDERR_FILENO, noColorFlag: noColorFlag)
    }

    static func colorsStandardOutput(noColorFlag: Bool) -> Bool {
        colors(STDOUT_FILENO, noColorFlag: noColorFlag)
    }

    private static func colors(_ descriptor: Int32, noColorFlag: Bool) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if noColorFlag || !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb" { return false }
        return isatty(descriptor) == 1
    }

    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// To stderr. A closed stderr is ignored: there is nowhere left to say anything.
    static func writeError(_ text: String) {
        _ = write(text, to: STDERR_FILENO)
    }

    /// A runtime failure, as `rollcall: error: MESSAGE`; a message that already names its
    /// place as a diagnostic does (`FILE:LINE:COL: error: …`) is printed as it is.
    static func writeFailure(_ error: any Error) {
        let message = TerminalText.escaped(String(describing: error))
        writeError(message.contains(": error: ") ? message + "\n" : "rollcall: error: \(message)\n")
    }

    /// Escaped as a failure is: a warning may carry words from outside (a lock file's run id, a
    /// server's warning).
    static func writeWarning(_ message: String) {
        writeError("rollcall: warning: \(TerminalText.escaped(message))\n")
    }

    /// Set by apply, whose writes must not stop because the reader of its output went away.
    static let keepsGoingWhenOutputCloses = Atomic<Bool>(false)
    /// Whether stdout was found closed while `keepsGoingWhenOutputCloses` was set.
    static let outputClosed = Atomic<Bool>(false)

    /// To stdout. When the reader has gone (`rollcall plan | head`), the command ends quietly
    /// with the status a SIGPIPE gives, as `git log | head` does, instead of crashing; an apply
    /// goes on instead (SIGPIPE is ignored, so the write only fails) and says so at the end.
    static func writeOutput(_ text: String) {
        if write(text, to: STDOUT_FILENO) { return }
        if keepsGoingWhenOutputCloses.load(ordering: .relaxed) {
            outputClosed.store(true, ordering: .relaxed)
            return
        }
        exit(128 + SIGPIPE)
    }

    /// Every byte of `text` to `descriptor`; false when the other end is closed.
    private static func write(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            bytes = bytes.dropFirst(written)
        }
        return true
    }
}

#if canImport(Darwin)
    private let systemWrite = Darwin.write
#else
    private let systemWrite = Glibc.write
#endif
