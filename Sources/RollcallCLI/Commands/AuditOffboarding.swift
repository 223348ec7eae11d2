import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

/// The formats the offboarding report is written in.
enum OffboardingFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, html
}

extension RollcallCommand.Audit {
    struct Offboarding: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "offboarding",
            abstract: "Report how soon each leaver's access ended, against policy.offboarding_sla. Never writes.",
            usage: "rollcall audit offboarding <PATH> [--format <format>] [<options>]",
            discussion: """
                For every person whose employment ended in the window, the report says when it ended and, \
                for each of their accounts, when it was deactivated: the audit line of the apply that did it \
                (by number and hash), or that it was already inactive with no Rollcall write, or that it is \
                still active (latency so far). A person's latency is their latest account's. Breaches and \
                accounts still active lead.

                When employment ended is read, never guessed: an offboarded entry's ended_at; a roster \
                termination date at the end of that day in roster.time_zone (UTC by default), or at its \
                termination_time; an entry's expires likewise. A person with no known end is listed as such.

                The audit log's chain is verified first (with ROLLCALL_AUDIT_KEY when it is keyed): a \
                broken chain is an error, not a report. The live systems are read as drift reads them, \
                through a reader that has no way to write.

                Formats: text; json (versioned, schemas/offboarding-report.schema.json); markdown; html (a \
                self-contained page for the auditor's file).

                Examples:
                  rollcall audit offboarding clinic/
                  rollcall audit offboarding clinic/ --since 2026-10-01 --format html

                Exit codes: 0 everyone within the SLA, 2 a breach or an account still active, 1 error.
                """)

        @Argument(
            help: ArgumentHelp(
                "The config: a YAML file, or a directory whose *.yaml files merge into one.", valueName: "PATH"),
            completion: .file(extensions: ["yaml", "yml"]))
        var path: String

        @OptionGroup var live: LiveOptions

        @OptionGroup var log: AuditLogOption

        @Option(
            help: ArgumentHelp(
                "The window's first day (default: 90 days before --today).", valueName: "YYYY-MM-DD"))
        var since: String?

        @OptionGroup var day: DayOptions

        @Option(
            help: ArgumentHelp(
                "Measure to this instant instead of the clock (ISO 8601 with its offset).", valueName: "TIME"))
        var now: String?

        @Option(help: "Output format.")
        var format: OffboardingFormat = .text

        @Option(
            help: ArgumentHelp("Write the report to this file; one summary line goes to stderr.", valueName: "FILE"))
        var output: String?

        @Option(
            help: ArgumentHelp(
                "The config's commit for the report (default: git rev-parse HEAD where the config is).",
                valueName: "SHA"))
        var commit: String?

        @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
        var noColor = false

        func validate() throws {
            if let since, CalendarDate(iso: since) == nil {
                throw ValidationError("--since must be a date as YYYY-MM-DD, not '\(since)'")
            }
            try NowOption.validate(now)
        }

        func run() async throws {
            let instant = NowOption.instant(now)
            let today = day.today == nil ? instant.utcDate : day.day
            let inputs = [path, log.auditLog].compactMap { $0 } + live.source.inputFiles
            if let output {
                try CommandRun.orFail(json: format == .json) {
                    try OutputFile.check(output, inputs: inputs, what: "the report")
                }
            }
            let request = OffboardingRun.Request(
                path: path, source: live.source, today: today, now: instant,
                since: since.flatMap(CalendarDate.init(iso:)), auditLog: log.auditLog, commit: commit,
                environment: ProcessInfo.processInfo.environment)
            let outcome = try await CommandRun.reading(noColor: noColor, json: format == .json) { progress in
                try await OffboardingRun.run(request, progress: progress)
            }
            CommandRun.warn(outcome.configWarnings, outcome.warnings, noColor: noColor)
            let report = outcome.report
            let rendered: String
            switch format {
            case .text:
                rendered = OffboardingTextRenderer(
                    colored: output == nil && Terminal.colorsStandardOutput(noColorFlag: noColor)
                ).render(report)
            case .json: rendered = String(decoding: try report.encoded(), as: UTF8.self) + "\n"
            case .markdown: rendered = OffboardingMarkdownRenderer().render(report)
            case .html: rendered = OffboardingHTMLRenderer().render(report)
            }
            if let output {
                try CommandRun.orFail(json: format == .json) {
                    try OutputFile.write(Data(rendered.utf8), to: output, inputs: inputs)
                }
                Terminal.writeError(
                    "rollcall: audit offboarding: \(report.summary); the report is in \(TerminalText.escaped(output))\n"
                )
            } else {
                Terminal.writeOutput(rendered)
            }
            if !report.failing.isEmpty { throw ExitCode(2) }
        }
    }
}
