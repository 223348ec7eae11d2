import ArgumentParser
import Rollcall
import RollcallCore

/// Runs a command's work with a progress line on a terminal, and turns its
/// failures into messages on stderr and exit code 1.
enum CommandRun {
    static func reading<Value: Sendable>(
        noColor: Bool, _ work: (ProgressSink?) async throws -> Value
    ) async throws -> Value {
        let progress = ProgressLine.sink()
        do {
            let value = try await work(progress?.1)
            progress?.0.finish()
            return value
        } catch let invalid as PlanRun.InvalidConfig {
            progress?.0.finish()
            let renderer = DiagnosticTextRenderer(colored: Terminal.colorsStandardError(noColorFlag: noColor))
            Terminal.writeError(renderer.render(invalid.diagnostics))
            throw ExitCode.failure
        } catch {
            progress?.0.finish()
            Terminal.writeFailure(error)
            throw ExitCode.failure
        }
    }

    /// Runs `work`; a failure is printed as `rollcall: error: …` and ends the command with exit 1.
    static func orFail<Value>(_ work: () throws -> Value) throws -> Value {
        do {
            return try work()
        } catch {
            Terminal.writeFailure(error)
            throw ExitCode.failure
        }
    }

    /// The config's warnings by file, line and column, then what the systems warned of, on stderr.
    static func warn(_ configWarnings: [Diagnostic], _ warnings: [String], noColor: Bool) {
        let diagnostics = DiagnosticTextRenderer(colored: Terminal.colorsStandardError(noColorFlag: noColor))
        Terminal.writeError(diagnostics.render(configWarnings))
        for warning in warnings { Terminal.writeWarning(warning) }
    }
}
