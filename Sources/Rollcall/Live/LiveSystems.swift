import AsyncHTTPClient
import AthenaOne
import Healthie
import RollcallCore
import RollcallHTTP

/// The connectors a run talks through, one per system the config manages.
package struct LiveSystems: Sendable {
    package var athena: AthenaConnector?
    package var healthie: HealthieConnector?
    /// The organization new memberships go into.
    package var healthieOrganizationID: String?
    package var sendInviteEmail: Bool
    /// Where the Healthie key came from, for a message about the key: the environment, or a sandbox.
    package var healthieKeySource: String

    package init(
        athena: AthenaConnector? = nil, healthie: HealthieConnector? = nil, healthieOrganizationID: String?,
        sendInviteEmail: Bool, healthieKeySource: String = "HEALTHIE_API_KEY"
    ) {
        self.athena = athena
        self.healthie = healthie
        self.healthieOrganizationID = healthieOrganizationID
        self.sendInviteEmail = sendInviteEmail
        self.healthieKeySource = healthieKeySource
    }

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
            let value = try await source.opener.open(
                config: config, permissions: permissions, client: client, body)
            try await client.shutdown()
            return value
        } catch {
            try? await client.shutdown()
            throw error
        }
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
}
