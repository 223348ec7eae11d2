import ArgumentParser
import Rollcall
import RollcallCore

/// Every error a command ends with goes through here: its words on stderr (a config's problems
/// as `FILE:LINE:COL` lines), with `--format json` its `ErrorReport` on stdout as well, so CI
/// can read why a run failed, and its exit status.
enum Failure {
    /// The exit status of a command that failed: 1 for every error, as the command contract
    /// says. 2 is an outcome a command reports itself (changes, drift, a breach), never an error.
    static func exitCode(for error: any Error) -> ExitCode {
        (error as? ExitCode) ?? .failure
    }

    /// Tells of `error` and returns the status to exit with.
    static func report(_ error: any Error, json: Bool, noColor: Bool) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        if let invalid = error as? PlanRun.InvalidConfig {
            let renderer = DiagnosticTextRenderer(colored: Terminal.colorsStandardError(noColorFlag: noColor))
            Terminal.writeError(renderer.render(invalid.diagnostics))
        } else {
            Terminal.writeFailure(error)
        }
        if json { Terminal.writeOutput(ErrorReport(error).json() + "\n") }
        return exitCode(for: error)
    }
}
