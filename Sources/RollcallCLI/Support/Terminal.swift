import Foundation

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

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A runtime failure, as `rollcall: error: MESSAGE`; a message that already names its
    /// place as a diagnostic does (`FILE:LINE:COL: error: …`) is printed as it is.
    static func writeFailure(_ error: any Error) {
        let message = String(describing: error)
        writeError(message.contains(": error: ") ? message + "\n" : "rollcall: error: \(message)\n")
    }

    static func writeWarning(_ message: String) {
        writeError("rollcall: warning: \(message)\n")
    }

    static func writeOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
