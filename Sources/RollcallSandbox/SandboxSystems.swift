import AsyncHTTPClient
import AthenaOne
import Foundation
import Healthie
import Rollcall
import RollcallCore
import Sandbox

extension LiveSource {
    /// Both simulators in this process on loopback ports, over a sandbox state file (writes
    /// are saved to it) or, given a seed YAML, over an in-memory state seeded from it;
    /// `faults` makes them misbehave (latency, throttling) for tests and the benchmark.
    package static func sandbox(path: String, faults: SandboxFaults = .none) -> LiveSource {
        LiveSource(SandboxSystems(path: path, faults: faults))
    }
}

/// Opens the simulators for a run, serves them on loopback for as long as it lasts, and
/// hands it connectors that talk to them with the credentials the state holds.
struct SandboxSystems: LiveSystemsOpener {
    let path: String
    let faults: SandboxFaults

    var inputFiles: [String] { [path] }
    var label: String { "sandbox \(path)" }
    var credentials: LiveCredentials { .own(origin: "the sandbox state", detail: path) }

    /// Every practice the state holds, keyed `practice-ID`: a sandbox can list them, a real
    /// athenaOne cannot.
    func discoverPractices() throws -> [(key: String, practiceID: Int)]? {
        let state = try SandboxFiles.state(at: path)
        return state.athena.practices.keys.compactMap(Int.init).sorted().map { (key: "practice-\($0)", practiceID: $0) }
    }

    func open<Value: Sendable>(
        config: Config, permissions: [String], client: HTTPClient,
        _ body: @escaping @Sendable (LiveSystems) async throws -> Value
    ) async throws -> Value {
        let server = try SandboxServer(store: try SandboxFiles.store(path), faults: faults)
        let value = try await server.run { endpoints in
            try await body(
                Self.connectors(config: config, endpoints: endpoints, permissions: permissions, client: client))
        }
        guard let value else { throw RollcallError(.sandbox, "the sandbox stopped before the run finished") }
        return value
    }

    /// Connectors to simulators serving at `endpoints`, with the credentials their state holds.
    static func connectors(
        config: Config, endpoints: SandboxEndpoints, permissions: [String], client: HTTPClient
    ) -> LiveSystems {
        var systems = LiveSystems(
            healthieOrganizationID: config.healthie?.organizationID ?? endpoints.healthieOrganizationID,
            sendInviteEmail: config.healthie?.sendInviteEmail ?? false,
            healthieKeySource: "the --sandbox state (is it this config's sandbox?)")
        if config.athena != nil, let athenaClient = endpoints.athenaClient {
            systems.athena = AthenaConnector(
                AthenaConnection(
                    baseURL: endpoints.athenaBaseURL,
                    credentials: AthenaCredentials(clientID: athenaClient.id, clientSecret: athenaClient.secret)),
                client: client)
        }
        if let healthie = config.healthie, let key = endpoints.healthieAPIKey {
            systems.healthie = HealthieConnector(
                HealthieConnection(
                    url: endpoints.healthieURL, apiKey: key,
                    apiVersion: healthie.apiVersion ?? HealthieConnection.defaultVersion,
                    permissions: permissions),
                client: client)
        }
        return systems
    }
}

extension LiveSystems {
    /// Connectors to simulators already serving at `endpoints`, for tests that read their request log.
    package static func sandbox(config: Config, endpoints: SandboxEndpoints, client: HTTPClient) -> LiveSystems {
        SandboxSystems.connectors(
            config: config, endpoints: endpoints, permissions: config.managedHealthiePermissions, client: client)
    }
}

extension LiveSource {
    /// Simulators already serving at `endpoints` (a test's `SandboxSession`), so a test can run
    /// a whole command in process and read the simulators' request log after.
    package static func serving(_ endpoints: SandboxEndpoints) -> LiveSource {
        LiveSource(ServingSandbox(endpoints: endpoints))
    }
}

/// Connectors to simulators someone else serves and stops.
struct ServingSandbox: LiveSystemsOpener {
    let endpoints: SandboxEndpoints

    var label: String { "sandbox at \(endpoints.athenaBaseURL)" }
    var credentials: LiveCredentials { .own(origin: "the sandbox state", detail: endpoints.athenaBaseURL) }

    func open<Value: Sendable>(
        config: Config, permissions: [String], client: HTTPClient,
        _ body: @escaping @Sendable (LiveSystems) async throws -> Value
    ) async throws -> Value {
        try await body(
            SandboxSystems.connectors(config: config, endpoints: endpoints, permissions: permissions, client: client))
    }
}
