import AsyncHTTPClient
import AthenaOne
import Healthie
import RollcallCore

/// The real systems: base URLs from the config (production when it names none), secrets
/// from the environment.
struct EnvironmentSystems: LiveSystemsOpener {
    let environment: [String: String]
    let timeout: Duration

    var credentials: LiveCredentials { .environment(environment) }
    var label: String { "environment" }

    func open<Value: Sendable>(
        config: Config, permissions: [String], client: HTTPClient,
        _ body: @escaping @Sendable (LiveSystems) async throws -> Value
    ) async throws -> Value {
        try await body(try connectors(config: config, permissions: permissions, client: client))
    }

    func connectors(config: Config, permissions: [String], client: HTTPClient) throws -> LiveSystems {
        /// A credential's value, checked for a control character or padding.
        func required(_ name: String) throws -> String {
            let value = environment[name] ?? ""
            if let problem = LiveSystems.credentialProblem(name, value) { throw RollcallError(.credentials, problem) }
            return value
        }
        // Every missing credential named at once, not one a run.
        let missing = LiveSystems.neededCredentials(config).filter { (environment[$0.name] ?? "").isEmpty }
        if !missing.isEmpty {
            let names = missing.map(\.name)
            var systems: [String] = []
            for (_, system) in missing where !systems.contains(system) { systems.append(system) }
            let list =
                names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
            throw RollcallError(
                .credentials,
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
}
