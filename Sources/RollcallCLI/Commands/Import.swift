import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Write the config that describes the live systems, and prove it plans to nothing.",
            discussion: """
                Reads athenaOne and Healthie as `plan` does and writes YAML for what it finds: one staff \
                entry per person (athenaOne users joined across practices by email, and their Healthie \
                membership), roles inferred from what people hold, departments by name, supervisors by \
                staff id, and every athenaOne user pinned by userid. Inactive accounts become \
                `status: offboarded`. An account the config cannot describe exactly (a service account, \
                a usertype Rollcall does not manage) goes under policy.protected with a comment saying \
                why, so nothing live is dropped. Healthie clients are patients and are never imported.

                The systems come from --config (an existing config's systems section), from \
                --athena-practice and --healthie, or, with --sandbox alone, from every practice the \
                sandbox holds. Credentials come from the environment as for `plan`; none is written.

                At the end the written config is planned against the read it came from: \
                "round trip: 0 changes", or exit 1 naming each record that did not round-trip.

                Examples:
                  rollcall import --athena-practice main=195900 --healthie --out clinic/
                  rollcall import --config clinic/ --out imported/

                Exit codes: 0 written and round trip holds, 1 error or a round trip that does not hold.
                """)

        @Option(
            help: ArgumentHelp(
                "A directory (gets systems.yaml, policy.yaml, roles.yaml, staff.yaml) or a .yaml file.",
                valueName: "DIR|FILE"),
            completion: .file(extensions: ["yaml", "yml"]))
        var out: String

        @Option(
            help: ArgumentHelp(
                "Take the systems (practices, base URLs, Healthie) from this config; nothing else of it is used.",
                valueName: "PATH"))
        var config: String?

        @Option(
            help: ArgumentHelp(
                "An athenaOne practice to import, as KEY=PRACTICEID (repeatable).", valueName: "KEY=PRACTICEID"))
        var athenaPractice: [String] = []

        @Option(help: ArgumentHelp("athenaOne's API base, for --athena-practice.", valueName: "URL"))
        var athenaBaseURL: String?

        @Flag(help: "Import the Healthie organization the API key belongs to (alone or with --athena-practice).")
        var healthie = false

        @Option(help: ArgumentHelp("Healthie's GraphQL URL, for --healthie.", valueName: "URL"))
        var healthieBaseURL: String?

        @OptionGroup var live: LiveOptions

        @Option(help: ArgumentHelp("Import only this athenaOne practice key (repeatable).", valueName: "KEY"))
        var practice: [String] = []

        @Flag(help: "Replace files the import writes that already exist.")
        var force = false

        @Option(
            help: ArgumentHelp(
                "What each file's yaml-language-server line points at (default: schemas/rollcall.schema.json "
                    + "in the current directory, relative to the files, when it is there; otherwise "
                    + "\(ImportTarget.publishedSchema)).",
                valueName: "PATH|URL"))
        var schema: String?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            _ = try practices()
            for url in [athenaBaseURL, healthieBaseURL].compactMap({ $0 }) {
                if let problem = BaseURL.problem(with: url) {
                    throw ValidationError("\(url) is not a usable base URL: \(problem)")
                }
            }
            if config != nil, !athenaPractice.isEmpty || healthie {
                throw ValidationError("give the systems by --config or by --athena-practice/--healthie, not both")
            }
        }

        private func practices() throws -> [(key: String, practiceID: Int)] {
            try athenaPractice.map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, let id = Int(parts[1]), id > 0 else {
                    throw ValidationError("--athena-practice takes KEY=PRACTICEID, such as main=195900, not '\(pair)'")
                }
                return (parts[0], id)
            }
        }

        func run() async throws {
            let request = ImportRun.Request(
                out: out, source: live.source,
                systems: ImportSources(
                    configPath: config, athenaPractices: try practices(), athenaBaseURL: athenaBaseURL,
                    healthie: healthie, healthieBaseURL: healthieBaseURL),
                practices: practice.isEmpty ? nil : practice, force: force, today: .today(),
                schemaReference: schema
                    ?? ImportTarget.defaultSchemaReference(
                        out: out, workingDirectory: FileManager.default.currentDirectoryPath))
            let outcome = try await CommandRun.reading(noColor: output.noColor, json: output.format == .json) {
                progress in
                try await ImportRun.run(request, progress: progress)
            }
            for warning in outcome.warnings { Terminal.writeWarning(warning) }
            let report = ImportReport(
                draft: outcome.draft, written: outcome.written, roundTrip: outcome.roundTrip, read: outcome.read)
            for warning in report.clientWarnings { Terminal.writeWarning(warning) }
            switch output.format {
            case .text: Terminal.writeOutput(report.text)
            case .json: Terminal.writeOutput(String(decoding: try report.encoded(), as: UTF8.self) + "\n")
            }
            if !report.roundTripHolds { throw ExitCode.failure }
        }
    }
}
