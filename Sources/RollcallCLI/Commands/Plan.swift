import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

/// The formats a plan is printed in.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

extension RollcallCommand {
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Read the live systems and show what would change to match the config.",
            usage: "rollcall plan <PATH> [--out <PLAN>] [--format <format>] [<options>]",
            discussion: """
                Reads every athenaOne practice and the Healthie organization the config manages, \
                compares them with it, and prints a terraform-style plan. Nothing is changed.

                Credentials come from ATHENA_CLIENT_ID, ATHENA_CLIENT_SECRET and HEALTHIE_API_KEY; \
                with --sandbox, from the built-in simulators instead. A plan that breaks a policy \
                rule (policy.max_deactivations, policy.min_admins) is refused and exits 1.

                Examples:
                  rollcall plan clinic/
                  rollcall plan clinic/ --out plan.json --format markdown > plan.md
                  rollcall plan clinic/ --practice main --detailed-exitcode

                Exit codes: 0 success (with --detailed-exitcode: no changes), 1 error or refused, \
                2 changes present (with --detailed-exitcode only).
                """)

        @Argument(
            help: ArgumentHelp(
                "The config: a YAML file, or a directory whose *.yaml files merge into one.", valueName: "PATH"),
            completion: .file(extensions: ["yaml", "yml"]))
        var path: String

        @OptionGroup var live: LiveOptions

        @Option(
            help: ArgumentHelp(
                "Save the plan (JSON, with digests of the config and of every live record it changes).",
                valueName: "PLAN"))
        var out: String?

        @Flag(help: "Exit 2 when the plan has changes, 0 when it has none.")
        var detailedExitcode = false

        @Flag(help: "Allow a plan over policy.max_deactivations (policy.min_admins has no override).")
        var allowMassDeactivation = false

        @Option(
            help: ArgumentHelp(
                "Plan only this athenaOne practice key (repeatable); the others are not read.", valueName: "KEY"))
        var practice: [String] = []

        @OptionGroup var day: DayOptions

        @Option(help: "Output format: text for people, json for programs, markdown for a pull request.")
        var format: PlanFormat = .text

        @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
        var noColor = false

        func run() async throws {
            let request = PlanRun.Request(
                path: path, source: live.source, today: day.day,
                practices: practice.isEmpty ? nil : practice, allowMassDeactivation: allowMassDeactivation,
                environment: ProcessInfo.processInfo.environment)
            if let out {
                try CommandRun.orFail(json: format == .json) {
                    try OutputFile.check(out, inputs: [path] + live.source.inputFiles)
                }
            }
            let outcome = try await CommandRun.reading(noColor: noColor, json: format == .json) { progress in
                try await PlanRun.run(request, progress: progress)
            }
            CommandRun.warn(outcome.configWarnings, outcome.warnings, noColor: noColor)
            let document = outcome.document
            switch format {
            case .text:
                let renderer = PlanTextRenderer(colored: Terminal.colorsStandardOutput(noColorFlag: noColor))
                Terminal.writeOutput(renderer.render(document.plan, read: document.read))
            case .json:
                Terminal.writeOutput(String(decoding: try document.encoded(), as: UTF8.self) + "\n")
            case .markdown:
                let full = out.map { "saved in \($0)" } ?? "in `rollcall plan --format json`"
                Terminal.writeOutput(PlanMarkdownRenderer(fullReport: full).render(document))
            }
            guard document.refusals.isEmpty else {
                if out != nil { Terminal.writeError("The plan was refused, so it was not saved.\n") }
                throw ExitCode.failure
            }
            if let out {
                try CommandRun.orFail(json: format == .json) {
                    try OutputFile.write(document.encoded(), to: out, inputs: [path] + live.source.inputFiles)
                }
                if format == .text { Terminal.writeOutput("\nSaved the plan to \(out).\n") }
            }
            if detailedExitcode, document.plan.hasChanges { throw ExitCode(2) }
        }
    }
}
