import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Doctor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            abstract: "Check everything a first real plan needs, one line each. Never writes.",
            usage: "rollcall doctor <PATH> [--format <format>] [<options>]",
            discussion: """
                A read-light preflight: each credential the config needs is set (every missing one \
                named at once); athenaOne grants a token and both scopes; each practice's users are \
                readable (one page, not the whole list) and every declared department is found; the \
                Healthie key authenticates, belongs to the config's organization and to an admin, \
                and the API version it sends draws no sunset warning; rate-limited answers are \
                counted; the audit log can be written and its chain is intact; this machine's clock \
                agrees with the servers'. Each failed check says what to do.

                Examples:
                  rollcall doctor clinic/
                  rollcall doctor clinic/ --format json
                  rollcall doctor clinic/ --sandbox seed.yaml

                Exit codes: 0 every check passed, 1 a check failed or an error.
                """)

        @Argument(
            help: ArgumentHelp(
                "The config: a YAML file, or a directory whose *.yaml files merge into one.", valueName: "PATH"),
            completion: .file(extensions: ["yaml", "yml"]))
        var path: String

        @OptionGroup var live: LiveOptions

        @OptionGroup var log: AuditLogOption

        @Option(help: "Output format: text for people, json for scripts and CI.")
        var format: OutputFormat = .text

        @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
        var noColor = false

        func run() async throws {
            let request = DoctorRun.Request(
                path: path, source: live.source, environment: ProcessInfo.processInfo.environment,
                auditLog: log.auditLog)
            let outcome = try await CommandRun.reading(noColor: noColor, json: format == .json) { _ in
                try await DoctorRun.run(request)
            }
            CommandRun.warn(outcome.configWarnings, [], noColor: noColor)
            let report = outcome.report
            switch format {
            case .text:
                Terminal.writeOutput(
                    DoctorTextRenderer(colored: Terminal.colorsStandardOutput(noColorFlag: noColor)).render(report))
            case .json:
                Terminal.writeOutput(String(decoding: try report.encoded(), as: UTF8.self) + "\n")
            }
            if !report.passed { throw ExitCode.failure }
        }
    }
}
