import ArgumentParser
import Rollcall
import RollcallSandbox

/// `--sandbox`, shared by every command that reads live state.
struct LiveOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Use the built-in simulators instead of the real systems.",
            discussion:
                "A state file from `rollcall sandbox init` (writes are saved to it), or a seed YAML such as "
                + "examples/riverside/sandbox.yaml (an in-memory sandbox, nothing saved).",
            valueName: "STATE"))
    var sandbox: String?

    @Option(
        help: ArgumentHelp(
            "Seconds to wait for one request's answer; two in a row unanswered end the run.", valueName: "SECONDS"))
    var timeout = 30

    func validate() throws {
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout must be from 1 to 600 seconds") }
    }

    var source: LiveSource {
        sandbox.map { .sandbox(path: $0) } ?? .processEnvironment(timeout: .seconds(timeout))
    }
}
