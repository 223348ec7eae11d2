import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Make the live systems match a config, or apply a reviewed saved plan.",
            usage: "rollcall apply <PLAN|PATH> [--expect-checksum <SHA256>] [<options>]",
            discussion: """
                With a config PATH: reads the live systems, plans, prints the plan and asks for `yes` \
                (without a terminal, --auto-approve is required). With a PLAN saved by `rollcall plan \
                --out`: checks the plan's checksum (and --expect-checksum, and with ROLLCALL_PLAN_KEY \
                set its signature), reads the live systems again, plans the config again, and applies \
                the reviewed changes whose records are as planned; no prompt. Every change in the plan \
                must be one the config makes now, exactly as saved, or the whole plan is refused: no \
                flag applies the rest of an edited plan.

                A change whose record moved on since the plan is stale: nothing is applied unless \
                --skip-stale. Changes the fresh read wants that the plan does not hold are listed, \
                never applied. The safety rules are checked again on the fresh read. Every write is \
                recorded in a chained audit log (default .rollcall/audit.jsonl beside the config) and \
                a journal, so an interrupted apply is finished by the next one with no duplicate.

                Examples:
                  rollcall apply plan.json
                  rollcall apply plan.json --expect-checksum 3b904a74dc4d
                  rollcall apply clinic/ --practice main

                Exit codes: 0 every change applied (or already applied) and verified, 1 anything else.
                """)

        @Argument(
            help: ArgumentHelp(
                "A config (YAML file or directory) or a plan saved by `rollcall plan --out`.",
                valueName: "PATH | PLAN"),
            completion: .file())
        var input: String

        @OptionGroup var live: LiveOptions

        @Flag(help: "Apply a config without asking (needed when there is no terminal).")
        var autoApprove = false

        @Option(
            help: ArgumentHelp(
                "Refuse a saved plan whose checksum is not this one (64 hex digits, or its first 12 or more).",
                valueName: "SHA"))
        var expectChecksum: String?

        @Flag(help: "Apply the changes that are not stale when some are (the safety rules must still hold).")
        var skipStale = false

        @Flag(help: "Start no new write after one fails.")
        var failFast = false

        @Flag(help: "Emergency mode: apply everything else, deactivate nobody.")
        var noDeactivations = false

        @Flag(help: "Allow more deactivations than policy.max_deactivations (policy.min_admins has no override).")
        var allowMassDeactivation = false

        @Option(
            help: ArgumentHelp(
                "Apply only this athenaOne practice's changes (repeatable), as a canary.", valueName: "KEY"))
        var practice: [String] = []

        @OptionGroup var day: DayOptions

        @OptionGroup var log: AuditLogOption

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let expectChecksum, let problem = HashPrefix.problem(with: expectChecksum, option: "--expect-checksum") {
                throw ValidationError(problem)
            }
        }

        func run() async throws {
            Terminal.keepsGoingWhenOutputCloses.store(true, ordering: .relaxed)
            let control = ApplyControl()
            var request = ApplyRun.Request(
                input: input, source: live.source, today: day.day,
                practices: practice.isEmpty ? nil : practice, environment: ProcessInfo.processInfo.environment,
                control: control)
            request.allowMassDeactivation = allowMassDeactivation
            request.expectChecksum = expectChecksum
            request.skipStale = skipStale
            request.failFast = failFast
            request.noDeactivations = noDeactivations
            request.auditLog = log.auditLog
            request.canApprove = autoApprove || isatty(STDIN_FILENO) == 1
            let json = output.format == .json
            let colored = !json && Terminal.colorsStandardOutput(noColorFlag: output.noColor)
            let renderer = ApplyTextRenderer(colored: colored)
            let write: @Sendable (String) -> Void = json ? Terminal.writeError : Terminal.writeOutput
            let autoApprove = autoApprove
            let observer = ApplyRun.Observer(
                confirm: { prepared in
                    Self.confirm(prepared, autoApprove: autoApprove, colored: colored, write: write)
                },
                changed: { write(renderer.line($0)) })
            let interrupts = InterruptHandler(control: control)
            defer { interrupts.cancel() }
            let report: ApplyReport
            do {
                report = try await CommandRun.reading(noColor: output.noColor, json: output.format == .json) {
                    progress in
                    try await ApplyRun.run(request, progress: progress, observer: observer)
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Terminal.writeOutput(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
            } else {
                write("\n" + renderer.summary(report))
            }
            if Terminal.outputClosed.load(ordering: .relaxed) {
                Terminal.writeWarning(
                    "standard output was closed while apply ran (its reader went away, as `| head` does); every "
                        + "write was still made, recorded and verified, and the lock released: "
                        + "\(counted(report.summary.created + report.summary.updated + report.summary.reactivated + report.summary.deactivated, "change")) applied, "
                        + "\(report.summary.failed) failed; the audit log \(report.auditLog ?? "") holds each one")
            }
            if !report.succeeded { throw ExitCode.failure }
        }

        /// Shows what will be applied; a config's plan needs `yes` typed at a terminal or --auto-approve.
        static func confirm(
            _ prepared: ApplyRun.Prepared, autoApprove: Bool, colored: Bool, write: @Sendable (String) -> Void
        ) -> Bool {
            for notice in prepared.notices { Terminal.writeWarning(notice) }
            let pending = prepared.reconciliation.pending.count
            if prepared.fromSavedPlan {
                write(
                    "Applying the reviewed plan \(prepared.document.checksum ?? ""): \(counted(pending, "change")) to make, "
                        + "\(prepared.reconciliation.alreadyApplied.count) already applied, "
                        + "\(prepared.reconciliation.stale.count) stale.\n\n")
                return true
            }
            write(PlanTextRenderer(colored: colored).render(prepared.document.plan, read: nil))
            guard pending > 0 else { return true }
            if autoApprove { return true }
            guard isatty(STDIN_FILENO) == 1 else {
                Terminal.writeFailure(
                    RollcallError(.usage, "no terminal to ask for approval: pass --auto-approve, or apply a saved plan")
                )
                return false
            }
            write("\nDo you want to apply these changes? Only 'yes' is accepted: ")
            return readLine() == "yes"
        }
    }
}
