import ArgumentParser
import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import Sandbox

extension RollcallCommand {
    struct SandboxCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox",
            abstract: "Simulated athenaOne and Healthie, on loopback, for trying Rollcall without real systems.",
            discussion: """
                The sandbox answers the way the real APIs do, quirks included: form-encoded athenaOne \
                writes, full-PUT resets, capped pages, short-lived tokens, 429s without Retry-After, \
                and Healthie's staff/client split, versions and limits.

                Examples:
                  rollcall sandbox init --seed seed.yaml --state state.json
                  rollcall sandbox serve --state state.json
                  rollcall plan clinic/ --sandbox seed.yaml

                Exit codes: as each subcommand says.
                """,
            subcommands: [SandboxInit.self, SandboxServe.self, SandboxDump.self]
        )
    }

    struct SandboxInit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a sandbox state file from a seed YAML file.",
            discussion: """
                The seed lists athena practices (departments, providers, users) and Healthie \
                members, clients and API keys; see examples/*/sandbox.yaml in Rollcall's repository.

                Example:
                  rollcall sandbox init --seed seed.yaml --state state.json

                Exit codes: 0 done, 1 error.
                """)

        @Option(help: "The seed YAML file.", completion: .file(extensions: ["yaml", "yml"]))
        var seed: String

        @Option(help: "The state file to create (JSON).")
        var state: String

        @Flag(help: "Replace the state file if it exists.")
        var force = false

        func run() throws {
            do {
                let created = try SandboxFiles.initialize(seed: seed, state: state, replace: force)
                let users = created.athena.practices.values.reduce(0) { $0 + $1.users.count }
                Terminal.writeOutput(
                    "Created \(state): \(counted(created.athena.practices.count, "practice")), "
                        + "\(counted(users, "athenaOne user")), \(counted(created.healthie.members.count, "Healthie member")), "
                        + "\(counted(created.healthie.clients.count, "client")).\n")
            } catch {
                throw Failure.report(error, json: false, noColor: true)
            }
        }
    }

    struct SandboxDump: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dump", abstract: "Print every live record of a sandbox state as JSON.",
            discussion: """
                Example:
                  rollcall sandbox dump --state state.json > live.json

                Exit codes: 0 printed, 1 error.
                """)

        @Option(help: "The state file.")
        var state: String

        func run() throws {
            do {
                let decoded = try SandboxState.read(stateFile: URL(fileURLWithPath: state))
                Terminal.writeOutput(String(decoding: try decoded.encodedJSON(), as: UTF8.self) + "\n")
            } catch {
                throw Failure.report(error, json: false, noColor: true)
            }
        }
    }
}
