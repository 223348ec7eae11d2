import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

/// The formats a drift report is written in.
enum DriftFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, junit, html
}

extension DriftSeverity: ExpressibleByArgument {}

extension RollcallCommand {
    struct Drift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drift",
            abstract: "Report what changed in the live systems behind the config's back. Never writes.",
            usage: "rollcall drift <PATH> [--format <format>] [--output <FILE>] [<options>]",
            discussion: """
                Reads the live systems as `plan` does, through a reader that has no way to write, and \
                reports every difference from the config as a finding with a severity: critical \
                (someone offboarded or expired still active, more access than declared, an unmanaged \
                admin), high (an unmanaged account, a staff email among Healthie clients), medium (a \
                missing or deactivated account, a field that differs), low (a missing department, an \
                inactive unmanaged account, an ignore rule past its date), info (access ending within \
                14 days). Each finding says what the next apply would do and how to adopt the live \
                value into the config instead. policy.ignore suppresses findings on purpose.

                Formats: text; json (versioned, schemas/drift-report.schema.json); markdown (for a \
                pull-request comment or a step summary, under GitHub's 65,535 characters); junit (one \
                test case per account); html (a self-contained access review to sign off).

                --from renders a JSON report saved earlier in another format, without reading the \
                systems again: a nightly job reads once and writes every format from that one read.

                Examples:
                  rollcall drift clinic/
                  rollcall drift clinic/ --format json --output drift.json --fail-on high
                  rollcall drift --from drift.json --format html --output review.html

                Exit codes: 0 nothing at or above --fail-on, 2 drift at or above it, 1 error \
                (terraform's meaning).
                """)

        @Argument(
            help: ArgumentHelp(
                "The config: a YAML file, or a directory whose *.yaml files merge into one.", valueName: "PATH"),
            completion: .file(extensions: ["yaml", "yml"]))
        var path: String?

        @Option(
            help: ArgumentHelp(
                "Render this saved JSON report instead of reading the systems (no PATH then).",
                valueName: "REPORT.json"))
        var from: String?

        @OptionGroup var live: LiveOptions

        @Option(help: ArgumentHelp("Report only this athenaOne practice key (repeatable).", valueName: "KEY"))
        var practice: [String] = []

        @OptionGroup var day: DayOptions

        @Option(help: "Output format.")
        var format: DriftFormat = .text

        @Option(
            help: ArgumentHelp(
                "Write the report to this file; one summary line goes to stderr.", valueName: "FILE"))
        var output: String?

        @Option(
            help: ArgumentHelp(
                "An earlier JSON report: mark each finding new or known, and list what was resolved.",
                valueName: "PREVIOUS.json"))
        var since: String?

        @Option(help: ArgumentHelp("Exit 2 when a finding is at or above this severity.", valueName: "SEVERITY"))
        var failOn: DriftSeverity = .low

        @Option(
            help: ArgumentHelp(
                "The config's commit for the report (default: git rev-parse HEAD where the config is).",
                valueName: "SHA"))
        var commit: String?

        @Option(
            help: ArgumentHelp(
                "Where the full report is, named when Markdown is cut to fit GitHub's limit.", valueName: "NAME"))
        var fullReport: String?

        @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
        var noColor = false

        func validate() throws {
            switch (path, from) {
            case (nil, nil): throw ValidationError("name the config PATH to read, or a saved report with --from")
            case (.some, .some): throw ValidationError("give the config PATH or --from, not both")
            case (nil, .some) where since != nil || !practice.isEmpty || live.sandbox != nil:
                throw ValidationError("--from renders a saved report; --since, --practice and --sandbox need a read")
            default: return
            }
        }

        func run() async throws {
            let inputs = [path, from, since].compactMap { $0 } + live.source.inputFiles
            if let output {
                try CommandRun.orFail(json: format == .json) { try OutputFile.check(output, inputs: inputs) }
            }
            let report: DriftReport
            if let from {
                report = try CommandRun.orFail(json: format == .json) {
                    try DriftRun.readReport(from, option: "--from")
                }
            } else {
                let request = DriftRun.Request(
                    path: path ?? "", source: live.source, today: day.day,
                    practices: practice.isEmpty ? nil : practice, since: since, commit: commit)
                let outcome = try await CommandRun.reading(noColor: noColor, json: format == .json) { progress in
                    try await DriftRun.run(request, progress: progress)
                }
                CommandRun.warn(outcome.configWarnings, outcome.warnings, noColor: noColor)
                report = outcome.report
            }
            let rendered = try render(
                report, colored: output == nil && Terminal.colorsStandardOutput(noColorFlag: noColor))
            if let output {
                try CommandRun.orFail(json: format == .json) {
                    try OutputFile.write(Data(rendered.utf8), to: output, inputs: inputs)
                }
                Terminal.writeError(
                    "rollcall: drift: \(report.summary); the report is in \(TerminalText.escaped(output))\n")
            } else {
                Terminal.writeOutput(rendered)
            }
            if report.fails(at: failOn) { throw ExitCode(2) }
        }

        private func render(_ report: DriftReport, colored: Bool) throws -> String {
            switch format {
            case .text: return DriftTextRenderer(colored: colored).render(report)
            case .json: return String(decoding: try report.encoded(), as: UTF8.self) + "\n"
            case .markdown:
                let full = fullReport ?? "in the JSON report (`rollcall drift --format json`)"
                return DriftMarkdownRenderer(fullReport: full).render(report)
            case .junit: return DriftJUnitRenderer().render(report)
            case .html: return DriftHTMLRenderer().render(report)
            }
        }
    }
}
