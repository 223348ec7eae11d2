import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Audit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Check the audit log of applies, and report on the offboarding it records.",
            discussion: """
                Examples:
                  rollcall audit verify clinic/.rollcall/audit.jsonl --head 3a7c70e92131
                  rollcall audit offboarding clinic/ --format html --output offboarding.html

                Exit codes: as each subcommand says.
                """,
            subcommands: [Verify.self, Offboarding.self])

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify",
                abstract: "Check every line of an audit log's chain; name the first broken one.",
                discussion: """
                    Each line carries the hash of the line before it, so an edited, deleted, reordered or \
                    inserted line breaks the chain there. With --head (the chain head an apply printed), a \
                    log whose last lines were cut off is caught too. Lines signed with ROLLCALL_AUDIT_KEY \
                    are checked with the same key from the environment.

                    A last line left torn by an interrupted append (no line break, no entry) is a warning, \
                    not a break: the write it described was never sent, and the next apply removes it.

                    Examples:
                      rollcall audit verify clinic/.rollcall/audit.jsonl
                      rollcall audit verify clinic/.rollcall/audit.jsonl --head 3a7c70e92131

                    Exit codes: 0 intact (a torn last line included), 1 broken or unreadable.
                    """)

            @Argument(help: ArgumentHelp("The audit log.", valueName: "FILE"), completion: .file())
            var file: String

            @Option(
                help: ArgumentHelp(
                    "The chain head the log must end at (64 hex digits, or its first 12 or more).", valueName: "HASH"))
            var head: String?

            func validate() throws {
                if let head, let problem = HashPrefix.problem(with: head, option: "--head") {
                    throw ValidationError(problem)
                }
            }

            func run() throws {
                let verification = try CommandRun.orFail {
                    try AuditFile.verify(
                        file, head: head?.lowercased(), environment: ProcessInfo.processInfo.environment)
                }
                switch verification {
                case .intact(let lines, let head):
                    Terminal.writeOutput("Intact: \(file), \(counted(lines, "line")), chain head \(head).\n")
                case .torn(let lines, let head, let line):
                    Terminal.writeError(
                        "\(file):\(line): warning: the last line is torn: it has no line break and is no entry, as an "
                            + "append that was interrupted (a full disk, a crash) leaves it, not as an edit does; the "
                            + "write it described was never sent, and the next apply removes it\n")
                    Terminal.writeOutput(
                        "Intact: \(file), \(counted(lines, "whole line")) before the torn line \(line), "
                            + "chain head \(head).\n")
                case .broken(let line, let reason):
                    Terminal.writeError("\(file):\(line): error: the chain is broken here: \(reason)\n")
                    throw ExitCode.failure
                }
            }
        }
    }
}
