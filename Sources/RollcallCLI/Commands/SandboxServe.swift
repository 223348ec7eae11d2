import ArgumentParser
import Foundation
import Rollcall
import RollcallSandbox
import Sandbox

extension RollcallCommand {
    struct SandboxServe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve both simulators on loopback until interrupted.",
            discussion: """
                Prints the base URLs and the credentials that work against them, then serves until \
                SIGINT or SIGTERM. Writes are saved to the state file as they happen.

                athenaOne: POST /oauth2/v1/token, then /v1/{practiceid}/users|providers|departments.

                Healthie: POST /graphql with Authorization: Basic <key> and AuthorizationSource: API.

                Example:
                  rollcall sandbox serve --state state.json

                Exit codes: 0 stopped by a signal, 1 error.
                """)

        @Option(help: "The state file, from `rollcall sandbox init`.")
        var state: String

        @Option(help: "athenaOne port (0 picks a free one).")
        var athenaPort = 0

        @Option(help: "Healthie port (0 picks a free one).")
        var healthiePort = 0

        @Option(help: "athenaOne token lifetime in seconds.")
        var tokenLifetime = 3600

        @Option(help: "athenaOne new-token requests allowed per client per minute.")
        var tokenRequestsPerMinute = 5

        @Option(help: "athenaOne largest page, whatever `limit` asks for.")
        var maxPageSize = 100

        @Flag(
            help:
                "Behave as Healthie will from 2027-01-31: version header required, versions before 2026-07-01 refused.")
        var afterSunset = false

        @Flag(help: "Refuse GraphQL introspection, as Healthie production may.")
        var production = false

        @OptionGroup var faults: FaultOptions

        @Option(help: "Output: text or json (one line with URLs and credentials).")
        var format: OutputFormat = .text

        func validate() throws {
            for (name, port) in [("--athena-port", athenaPort), ("--healthie-port", healthiePort)]
            where !(0...65535).contains(port) {
                throw ValidationError("\(name) must be between 0 and 65535, not \(port)")
            }
            guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
            guard maxPageSize > 0 else { throw ValidationError("--max-page-size must be positive") }
            guard tokenRequestsPerMinute > 0 else {
                throw ValidationError("--token-requests-per-minute must be positive")
            }
        }

        func run() async throws {
            let server: SandboxServer
            do {
                server = try SandboxServer(
                    store: SandboxFiles.open(state: state),
                    athena: AthenaOptions(
                        tokenLifetime: TimeInterval(tokenLifetime), tokenRequestsPerMinute: tokenRequestsPerMinute,
                        maxPageSize: maxPageSize),
                    healthie: HealthieOptions(afterSunset: afterSunset, productionMode: production),
                    faults: faults.settings)
            } catch {
                throw Failure.report(error, json: format == .json, noColor: true)
            }
            let format = format
            let stop = StopSignals()
            _ = try await server.run(athenaPort: athenaPort, healthiePort: healthiePort) { endpoints in
                Terminal.writeOutput(Self.describe(endpoints, format: format))
                await stop.wait()
            }
        }

        static func describe(_ endpoints: SandboxEndpoints, format: OutputFormat) -> String {
            switch format {
            case .json:
                let object: [String: String] = [
                    "athena_base_url": endpoints.athenaBaseURL, "athena_client_id": endpoints.athenaClient?.id ?? "",
                    "athena_client_secret": endpoints.athenaClient?.secret ?? "",
                    "healthie_url": endpoints.healthieURL, "healthie_api_key": endpoints.healthieAPIKey ?? "",
                    "healthie_organization_id": endpoints.healthieOrganizationID,
                ]
                let data =
                    (try? JSONSerialization.data(
                        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
                    ?? Data()
                return String(decoding: data, as: UTF8.self) + "\n"
            case .text:
                return """
                    athenaOne  \(endpoints.athenaBaseURL)
                      token:   POST \(endpoints.athenaBaseURL)/oauth2/v1/token (form-encoded, HTTP Basic)
                      client:  \(endpoints.athenaClient?.id ?? "(none)")
                      secret:  \(endpoints.athenaClient?.secret ?? "(none)")
                    Healthie   \(endpoints.healthieURL)
                      api key: \(endpoints.healthieAPIKey ?? "(none)")
                      org id:  \(endpoints.healthieOrganizationID)
                    Serving on loopback until interrupted (Ctrl-C).

                    """
            }
        }
    }
}
