import ArgumentParser
import Rollcall
import RollcallCore

/// Runs a command's work with a progress line on a terminal, and hands its failures to
/// `Failure`: a message on stderr (and with `json`, the error as JSON on stdout), exit 1.
enum CommandRun {
    static func reading<Value: Sendable>(
        noColor: Bool, json: Bool = false, _ work: (ProgressSink?) async throws -> Value
    ) async throws -> Value {
        let progress = ProgressLine.sink()
        do {
            let value = try await work(progress?.1)
            progress?.0.finish()
            return value
        } catch {
            progress?.0.finish()
            throw Failure.report(error, json: json, noColor: noColor)
        }
    }

    /// Runs `work`; a failure is printed as `rollcall: error: …` and ends the command with exit 1.
    static func orFail<Value>(json: Bool = false, _ work: () throws -> Value) throws -> Value {
        do {
            return try work()
        } catch {
            throw Failure.report(error, json: json, noColor: true)
        }
    }

    /// The config's warnings by file, line and column, then what the systems warned of, on stderr.
    static func warn(_ configWarnings: [Diagnostic], _ warnings: [String], noColor: Bool) {
        let diagnostics = DiagnosticTextRenderer(colored: Terminal.colorsStandardError(noColorFlag: noColor))
        Terminal.writeError(diagnostics.render(configWarnings))
        for warning in warnings { Terminal.writeWarning(warning) }
    }
}
