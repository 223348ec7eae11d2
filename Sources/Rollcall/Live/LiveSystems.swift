import AsyncHTTPClient
import AthenaOne
import Foundation
import Healthie
import RollcallCore
import RollcallHTTP
import Sandbox

/// The connectors a run talks through, one per system the config manages.
package struct LiveSystems: Sendable {
    package var athena: AthenaConnector?
    package var healthie: HealthieConnector?
    /// The organization new memberships go into.
    package var healthieOrganizationID: String?
    package var sendInviteEmail: Bool
    /// Where the Healthie key came from, for a message about the key: the environment, or a sandbox.
    package var healthieKeySource = "HEALTHIE_API_KEY"

    /// Opens connectors for `config` from `source`, runs `body`, and closes everything after.
    /// `healthiePermissions` are the `can_*` flags member reads ask for: by default those the
    /// config's roles manage.
    package static func with<Value: Sendable>(
        config: Config, source: LiveSource, healthiePermissions: [String]? = nil,
        _ body: @escaping @Sendable (LiveSystems) async throws -> Value
    ) async throws -> Value {
        // AsyncHTTPClient keeps trying a refused connection until its connect timeout (10 s by
        // default): 5 s is time enough for a handshake and lets an unreachable host fail soon.
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let permissions = healthiePermissions ?? config.managedHealthiePermissions
        do {
            let value = try await run(
                config: config, source: source, permissions: permissions, client: client, body)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func run<Value: Sendable>(
        config: Config, source: LiveSource, permissions: [String], client: HTTPClient,
        _ body: @escaping @Sendable (LiveSystems) async throws -> Value
    ) async throws -> Value {
        switch source {
        case .environment(let environment, let timeout):
            return try await body(
                try fromEnvironment(
                    config: config, environment: environment, timeout: timeout, permissions: permissions,
                    client: client))
        case .sandbox(let path, let faults):
            let server = try SandboxServer(store: try openSandbox(path), faults: faults)
            let value = try await server.run { endpoints in
                try await body(
                    fromSandbox(config: config, endpoints: endpoints, permissions: permissions, client: client))
            }
            guard let value else { throw RollcallError("the sandbox stopped before the run finished") }
            return value
        }
    }

    static func fromEnvironment(
        config: Config, environment: [String: String], timeout: Duration = .seconds(30), permissions: [String],
        client: HTTPClient
    ) throws -> LiveSystems {
        /// A credential's value, checked for a control character or padding; every missing one is
        /// named at once before any is read.
        func required(_ name: String) throws -> String {
            let value = environment[name] ?? ""
            if let problem = credentialProblem(name, value) { throw RollcallError(problem) }
            return value
        }
        // Every missing credential named at once, not one a run.
        let needed = neededCredentials(config)
        let missing = needed.filter { (environment[$0.0] ?? "").isEmpty }
        if !missing.isEmpty {
            let names = missing.map(\.0)
            var systems: [String] = []
            for (_, system) in missing where !systems.contains(system) { systems.append(system) }
            let list =
                names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw RollcallError(
                "\(list) \(names.count == 1 ? "is" : "are") not set; the config manages "
                    + systems.joined(separator: " and ") + ", so Rollcall needs "
                    + "\(names.count == 1 ? "that credential" : "those credentials") from the environment "
                    + "(or pass --sandbox to use the built-in simulators)")
        }
        var systems = LiveSystems(
            healthieOrganizationID: config.healthie?.organizationID,
            sendInviteEmail: config.healthie?.sendInviteEmail ?? false)
        if let athena = config.athena {
            let credentials = AthenaCredentials(
                clientID: try required("ATHENA_CLIENT_ID"),
                clientSecret: try required("ATHENA_CLIENT_SECRET"))
            systems.athena = AthenaConnector(
                AthenaConnection(
                    baseURL: athena.baseURL ?? AthenaConnection.productionURL, credentials: credentials,
                    timeout: timeout),
                client: client)
        }
        if let healthie = config.healthie {
            systems.healthie = HealthieConnector(
                HealthieConnection(
                    url: healthie.baseURL ?? HealthieConnection.productionURL,
                    apiKey: try required("HEALTHIE_API_KEY"),
                    apiVersion: healthie.apiVersion ?? HealthieConnection.defaultVersion, timeout: timeout,
                    permissions: permissions),
                client: client)
        }
        return systems
    }

    /// The environment variables `config` needs, each with the system it opens.
    package static func neededCredentials(_ config: Config) -> [(name: String, system: String)] {
        (config.athena != nil ? [("ATHENA_CLIENT_ID", "athenaOne"), ("ATHENA_CLIENT_SECRET", "athenaOne")] : [])
            + (config.healthie != nil ? [("HEALTHIE_API_KEY", "Healthie")] : [])
    }

    /// Why a credential's value cannot be sent as it is, or nil. Never quotes the value: it is
    /// a secret, and a control character would reach the terminal raw.
    package static func credentialProblem(_ name: String, _ value: String) -> String? {
        if value.unicodeScalars.contains(where: TerminalText.isControl) {
            return "\(name) holds a control character (a line ending, if it was read from a file saved with "
                + "CRLF line endings); set it again without one"
        }
        if value != value.trimmingCharacters(in: .whitespaces) {
            return "\(name) starts or ends with a space; set it again without one"
        }
        return nil
    }

    static func fromSandbox(
        config: Config, endpoints: SandboxEndpoints, permissions: [String], client: HTTPClient
    ) -> LiveSystems {
        var systems = LiveSystems(
            healthieOrganizationID: config.healthie?.organizationID ?? endpoints.healthieOrganizationID,
            sendInviteEmail: config.healthie?.sendInviteEmail ?? false)
        systems.healthieKeySource = "the --sandbox state (is it this config's sandbox?)"
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

    /// A state file written by `rollcall sandbox init`, or a seed YAML to start from in memory.
    static func openSandbox(_ path: String) throws -> SandboxStore {
        guard FileManager.default.fileExists(atPath: path) else {
            let folder = (path as NSString).deletingLastPathComponent
            let beside =
                ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [])
                .filter { ConfigFiles.sandboxSeedNames.contains($0) || $0.hasSuffix(".json") }.sorted()
            let listed =
                beside.isEmpty
                ? ""
                : "; beside it: "
                    + beside.map { (folder as NSString).appendingPathComponent($0) }.joined(separator: ", ")
            throw RollcallError(
                "--sandbox \(path) does not exist\(listed). Pass a seed (such as examples/solo/sandbox.yaml) or a "
                    + "state made by `rollcall sandbox init --seed SEED.yaml --state STATE`")
        }
        if ConfigFiles.isYAML(path) {
            return SandboxStore(state: try SandboxFiles.readSeed(path))
        }
        return try SandboxFiles.open(state: path)
    }
}
