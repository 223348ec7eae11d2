import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log of applies.", subcommands: [Verify.self])

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check every line of an audit log's chain; name the first broken one.",
                discussion: """
                    Each line carries the hash of the line before it, so an edited, deleted, reordered or \
                    inserted line breaks the chain there. With --head (the chain head an apply printed), a \
                    log whose last lines were cut off is caught too. Lines signed with ROLLCALL_AUDIT_KEY \
                    are checked with the same key from the environment.

                    Exit codes: 0 intact, 1 broken or unreadable.
                    """)

            @Argument(help: ArgumentHelp("The audit log.", valueName: "FILE"), completion: .file())
            var file: String

            @Option(help: ArgumentHelp("The chain head the log must end at.", valueName: "HASH"))
            var head: String?

            func run() throws {
                let text: String
                do {
                    text = try String(contentsOfFile: file, encoding: .utf8)
                } catch {
                    Terminal.writeFailure(
                        RollcallError("\(file): cannot read the audit log: \(error.localizedDescription)"))
                    throw ExitCode.failure
                }
                let key = ProcessInfo.processInfo.environment["ROLLCALL_AUDIT_KEY"].flatMap {
                    $0.isEmpty ? nil : Array($0.utf8)
                }
                switch AuditChain(key: key).verify(text, head: head?.lowercased()) {
                case .intact(let lines, let head):
                    Terminal.writeOutput("Intact: \(file), \(counted(lines, "line")), chain head \(head).\n")
                case .broken(let line, let reason):
                    Terminal.writeError("\(file):\(line): error: the chain is broken here: \(reason)\n")
                    throw ExitCode.failure
                }
            }
        }
    }
}
