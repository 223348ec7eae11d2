import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review",
            abstract: "The quarterly access certification: start a campaign, verify it, report it.",
            discussion: """
                review start reads the live systems and writes a campaign file: every active account in \
                scope, who it belongs to, what it grants, whether that is admin-level, and Healthie's last \
                sign-in. The reviewer sets a decision on each item (keep, revoke, modify) and opens a pull \
                request: the review is the git history of that file. review verify checks it is complete \
                and carried out; review report writes the signed-off attestation.

                Examples:
                  rollcall review start clinic/ --reviewer "Dana Reyes" --out q4.yaml
                  rollcall review verify q4.yaml clinic/
                  rollcall review report q4.yaml clinic/ --output attestation.html

                Exit codes: as each subcommand says.
                """,
            subcommands: [Start.self, Verify.self, Report.self])

        struct Start: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "start",
                abstract: "Read the live systems and write a campaign file with one item per active account.",
                usage: "rollcall review start <PATH> --out <FILE> --reviewer <NAME> [<options>]",
                discussion: """
                    Reads as drift does, through a reader that has no way to write. The items' accounts, \
                    grants and roles are sealed (SHA-256, or HMAC-SHA256 with ROLLCALL_AUDIT_KEY), so an \
                    edit of anything but decision, reason and ticket is caught by review verify. An existing \
                    file is never written over without --force.

                    Example:
                      rollcall review start clinic/ --reviewer "Dana Reyes" --out q4.yaml

                    Exit codes: 0 written, 1 error.
                    """)

            @Argument(help: ArgumentHelp("The config: a YAML file or a directory.", valueName: "PATH"))
            var path: String

            @Option(help: ArgumentHelp("The campaign file to write, such as reviews/2026-Q4.yaml.", valueName: "FILE"))
            var out: String

            @Option(help: ArgumentHelp("Who reviews the accounts.", valueName: "NAME"))
            var reviewer: String

            @Option(help: ArgumentHelp("Days from today to the next review.", valueName: "DAYS"))
            var next = 90

            @Option(
                help: ArgumentHelp(
                    "Start as of this instant instead of the clock (ISO 8601 with its offset).", valueName: "TIME"))
            var now: String?

            @Flag(help: "Write over an existing campaign file.")
            var force = false

            @OptionGroup var live: LiveOptions

            @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
            var noColor = false

            func validate() throws {
                guard !reviewer.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--reviewer names who reviews the accounts; it may not be empty")
                }
                guard (1...366).contains(next) else { throw ValidationError("--next must be from 1 to 366 days") }
                try NowOption.validate(now)
            }

            func run() async throws {
                let request = ReviewRun.StartRequest(
                    path: path, source: live.source, out: out, reviewer: reviewer,
                    now: NowOption.instant(now),
                    nextInDays: next, force: force, environment: ProcessInfo.processInfo.environment)
                let started = try await CommandRun.reading(noColor: noColor) { progress in
                    try await ReviewRun.start(request, progress: progress)
                }
                CommandRun.warn(started.configWarnings, started.warnings, noColor: noColor)
                let campaign = started.campaign
                Terminal.writeOutput(
                    "Wrote \(TerminalText.escaped(out)): \(campaign.items.count) accounts to review "
                        + "(\(campaign.privilegedCount) privileged) across \(campaign.systems.count) systems; next "
                        + "review \(campaign.nextReview). Set each decision, then run `rollcall review verify`.\n")
            }
        }

        struct Verify: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Check a campaign is complete and each revoke or modify is carried out.",
                usage: "rollcall review verify <FILE> <PATH> [<options>]",
                discussion: """
                    Every item needs a decision (keep, revoke, modify); a privileged keep needs a reason; a \
                    revoke or modify needs a ticket, and must be carried out: the config now removes that \
                    access (planning it from a fresh read shows the deactivation or the change) or the live \
                    account no longer holds it. Each shortfall is named as FILE:LINE:COL. An edited item, an \
                    item added or removed, an account that does not exist, an unknown decision or totals \
                    that do not reconcile are errors, and nothing is reported as complete.

                    Example:
                      rollcall review verify q4.yaml clinic/

                    Exit codes: 0 complete and carried out, 2 incomplete, 1 error.
                    """)

            @Argument(help: ArgumentHelp("The campaign file.", valueName: "FILE"))
            var file: String

            @Argument(help: ArgumentHelp("The config: a YAML file or a directory.", valueName: "PATH"))
            var path: String

            @OptionGroup var live: LiveOptions

            @OptionGroup var day: DayOptions

            @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
            var noColor = false

            func run() async throws {
                let verified = try await CommandRun.reading(noColor: noColor) { progress in
                    try await ReviewRun.verify(
                        file: file, path: path, source: live.source, today: day.day,
                        environment: ProcessInfo.processInfo.environment, progress: progress)
                }
                CommandRun.warn(verified.configWarnings, verified.warnings, noColor: noColor)
                let renderer = DiagnosticTextRenderer(colored: Terminal.colorsStandardError(noColorFlag: noColor))
                let outcome = verified.outcome
                if !outcome.errors.isEmpty {
                    Terminal.writeError(renderer.render(outcome.errors))
                    Terminal.writeError("rollcall: error: \(file) does not verify; nothing is reported as complete\n")
                    throw ExitCode.failure
                }
                let total = verified.campaign?.items.count ?? 0
                if !outcome.shortfalls.isEmpty {
                    Terminal.writeOutput(outcome.shortfalls.map(Self.incomplete).joined())
                    Terminal.writeOutput(
                        "Incomplete: \(outcome.shortfalls.count) shortfalls among \(total) items.\n")
                    throw ExitCode(2)
                }
                let counts = ReviewItem.Decision.allCases.map { "\(outcome.counts[$0] ?? 0) \($0.rawValue)" }
                Terminal.writeOutput(
                    "Complete: \(total) items decided (\(counts.joined(separator: ", "))), every revoke and "
                        + "modify carried out.\n")
            }

            /// `FILE:LINE:COL: incomplete: MESSAGE`, as compilers place a problem, with its hint.
            static func incomplete(_ shortfall: Diagnostic) -> String {
                var text = "\(TerminalText.escaped(shortfall.place, keepingLineBreaks: false)): incomplete: "
                text += TerminalText.escaped(shortfall.message, keepingLineBreaks: false) + "\n"
                if let hint = shortfall.hint { text += "    hint: \(TerminalText.escaped(hint))\n" }
                return text
            }
        }
    }
}
