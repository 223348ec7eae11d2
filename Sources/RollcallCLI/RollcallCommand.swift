import ArgumentParser
import CMallocArenas
import Foundation

@main
struct RollcallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollcall",
        abstract: "Access-as-code for clinic staff accounts in athenaOne and Healthie.",
        discussion: """
            Describe staff, roles and practices in YAML kept in git. `rollcall validate` checks \
            the config; `rollcall doctor` checks the credentials and access a first plan needs; \
            `rollcall plan` reads the live systems and shows what would change to match the \
            config; `rollcall apply` makes it so, bound to the reviewed plan, with a chained audit \
            log that `rollcall audit verify` checks; `rollcall drift` reports what changed behind \
            the config's back; `rollcall review` runs the quarterly access certification; \
            `rollcall import` writes the config that describes a live clinic, to start from; \
            `rollcall sandbox` runs simulators of both systems to try it on.

            Examples:
              rollcall validate clinic/
              rollcall plan clinic/ --out plan.json
              rollcall apply plan.json

            Exit codes: 0 success; 1 an error (an invalid config, a refused or stale plan, a \
            failed apply, a broken audit chain, bad usage); 2 something to act on, where a \
            command says so (plan --detailed-exitcode: changes; drift: findings at --fail-on; \
            audit offboarding: a breach; review verify: incomplete). Each command's --help says \
            what its codes mean.

            Errors print as `rollcall: error: MESSAGE`, config problems as \
            `FILE:LINE:COL: error: MESSAGE`. Colour is off when output is not a terminal, with \
            --no-color, or when NO_COLOR is set.
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Doctor.self, Plan.self, Apply.self, Drift.self, Audit.self, Review.self, Import.self,
            SandboxCommand.self,
        ]
    )

    /// Runs the command, making a usage mistake exit 1 like every other error, as the
    /// command contract says, instead of ArgumentParser's 64.
    static func main() async {
        // A reader that goes away (`rollcall apply … | head`) makes a write fail, never kills
        // the process in the middle of its work; each command decides what a closed output means.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            // A client holds a large config and a read, and is kept to one malloc arena; the
            // simulators' server answers on many threads at once, and keeps one arena for each.
            if !(command is SandboxServe) { rollcall_use_one_malloc_arena() }
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
