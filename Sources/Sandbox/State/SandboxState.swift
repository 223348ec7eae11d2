import Foundation
import RollcallCore

/// Everything both simulators hold: the seed's records plus what clients wrote since.
///
/// The same shape is read from a seed YAML file (`rollcall sandbox init --seed`)
/// and kept as the JSON state file, so a state file can be read and edited by hand.
public struct SandboxState: Codable, Sendable, Hashable {
    public var athena: AthenaState
    public var healthie: HealthieState

    public init(athena: AthenaState = AthenaState(), healthie: HealthieState = HealthieState()) {
        self.athena = athena
        self.healthie = healthie
    }

    enum CodingKeys: String, CodingKey { case athena, healthie }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        athena = try container.decodeIfPresent(AthenaState.self, forKey: .athena) ?? AthenaState()
        healthie = try container.decodeIfPresent(HealthieState.self, forKey: .healthie) ?? HealthieState()
    }
}

/// The athenaOne side: API clients and practices keyed by practice id.
public struct AthenaState: Codable, Sendable, Hashable {
    public static let userManagementScope = "athena/service/Athenanet.MDP.UserManagement"
    public static let practiceManagementScope = "athena/service/Athenanet.MDP.PracticeManagement"
    /// The client a seed gets when it names none: both scopes, fixed sandbox credentials.
    public static let defaultClient = AthenaClient(
        id: "rollcall-sandbox", secret: "sandbox-secret", scopes: [userManagementScope, practiceManagementScope])

    public var clients: [AthenaClient]
    public var practices: [String: AthenaPractice]

    public init(clients: [AthenaClient] = [Self.defaultClient], practices: [String: AthenaPractice] = [:]) {
        self.clients = clients
        self.practices = practices
    }

    enum CodingKeys: String, CodingKey { case clients, practices }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        clients = try container.decodeIfPresent([AthenaClient].self, forKey: .clients) ?? [Self.defaultClient]
        practices = try container.decodeIfPresent([String: AthenaPractice].self, forKey: .practices) ?? [:]
    }

    /// The next user id: one past the highest in any practice, so ids never repeat.
    var nextUserID: Int {
        (practices.values.flatMap { $0.users.map(\.userid) }.max() ?? 100) + 1
    }
}

/// The Healthie side: one organization's members, its clients, API keys and invites sent.
public struct HealthieState: Codable, Sendable, Hashable {
    public static let defaultAdminKey = HealthieAPIKey(key: "sandbox-admin-key", admin: true, userID: nil)

    public var organizationID: String
    public var apiKeys: [HealthieAPIKey]
    public var members: [HealthieMember]
    public var clients: [HealthieClient]
    public var invites: [HealthieInvite]

    public init(
        organizationID: String = "1", apiKeys: [HealthieAPIKey] = [Self.defaultAdminKey],
        members: [HealthieMember] = [], clients: [HealthieClient] = [], invites: [HealthieInvite] = []
    ) {
        self.organizationID = organizationID
        self.apiKeys = apiKeys
        self.members = members
        self.clients = clients
        self.invites = invites
    }

    enum CodingKeys: String, CodingKey {
        case members, clients, invites
        case organizationID = "organization_id"
        case apiKeys = "api_keys"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organizationID = try container.decodeIfPresent(String.self, forKey: .organizationID) ?? "1"
        apiKeys = try container.decodeIfPresent([HealthieAPIKey].self, forKey: .apiKeys) ?? [Self.defaultAdminKey]
        members = try container.decodeIfPresent([HealthieMember].self, forKey: .members) ?? []
        clients = try container.decodeIfPresent([HealthieClient].self, forKey: .clients) ?? []
        invites = try container.decodeIfPresent([HealthieInvite].self, forKey: .invites) ?? []
    }

    /// The next user id, shared by members and clients as Healthie's `User` ids are.
    var nextUserID: Int {
        let ids = members.compactMap { Int($0.id) } + clients.compactMap { Int($0.id) }
        return (ids.max() ?? 1000) + 1
    }
}

extension SandboxState {
    /// Reads a seed file's bytes: YAML in the state's shape, checked for records that contradict each other.
    /// Every YAML error and every contradiction is reported at once; a value of the wrong shape
    /// stops the read where it is found.
    public static func seed(yaml bytes: [UInt8], file: String) throws(SandboxSeedError) -> SandboxState {
        let parsed = YAMLParser.parse(bytes, file: file)
        let errors = parsed.diagnostics.filter(\.isError)
        if !errors.isEmpty {
            let renderer = DiagnosticTextRenderer(colored: false)
            throw SandboxSeedError(message: errors.map { renderer.render($0) }.joined(separator: "\n"))
        }
        guard let root = parsed.root else { throw SandboxSeedError(message: "\(file): error: the seed is empty") }
        let state: SandboxState
        do {
            state = try YAMLValueDecoder(acceptsQuotedValues: true).decode(SandboxState.self, from: root, file: file)
        } catch {
            throw SandboxSeedError(message: error.description)
        }
        let problems = state.consistencyProblems()
        if !problems.isEmpty {
            throw SandboxSeedError(message: problems.map { "\(file): error: \($0)" }.joined(separator: "\n"))
        }
        return state
    }

    /// Reads a state file written by `rollcall sandbox init`.
    public static func read(stateFile: URL) throws(SandboxSeedError) -> SandboxState {
        let data: Data
        do {
            data = try Data(contentsOf: stateFile)
        } catch {
            throw SandboxSeedError(
                message: "\(stateFile.path): error: cannot read the sandbox state (run `rollcall sandbox init` first)")
        }
        return try decode(json: data, file: stateFile.path)
    }

    /// Reads a JSON state file's bytes.
    public static func decode(json bytes: Data, file: String) throws(SandboxSeedError) -> SandboxState {
        do {
            return try JSONDecoder().decode(SandboxState.self, from: bytes)
        } catch {
            throw SandboxSeedError(message: "\(file): error: not a sandbox state file: \(error)")
        }
    }

    /// The state as pretty, key-sorted JSON: stable bytes for the same state.
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Records that cannot coexist: repeated ids or usernames, references to records that do not exist.
    public func consistencyProblems() -> [String] {
        var problems: [String] = []
        for (practiceID, practice) in athena.practices.sorted(by: { $0.key < $1.key }) {
            let place = "athena.practices.\(practiceID)"
            if Int(practiceID) == nil { problems.append("\(place): a practice id is a number") }
            problems += repeated(practice.departments.map { String($0.departmentid) }, what: "\(place) departmentid")
            problems += repeated(practice.providers.map { String($0.providerid) }, what: "\(place) providerid")
            problems += repeated(practice.users.map { String($0.userid) }, what: "\(place) userid")
            problems += repeated(practice.users.map { $0.username.lowercased() }, what: "\(place) username")
            let departments = Set(practice.departments.map(\.departmentid))
            let providers = Set(practice.providers.map(\.providerid))
            for user in practice.users {
                let record = "\(place) user '\(user.username)'"
                if AthenaUserType(rawValue: user.usertype) == nil {
                    problems.append("\(record): usertype '\(user.usertype)' is not STAFF, PROVIDER or ADMIN")
                }
                for id in user.departmentids where !departments.contains(id) {
                    problems.append("\(record): department \(id) is not in the practice")
                }
                for id in [user.providerid, user.supervisingproviderid].compactMap({ $0 }) where !providers.contains(id)
                {
                    problems.append("\(record): provider \(id) is not in the practice")
                }
            }
        }
        let userIDs = athena.practices.values.flatMap { $0.users.map(\.userid) }
        problems += repeated(userIDs.map(String.init), what: "athena userid (ids are unique across practices)")
        problems += repeated(healthie.members.map(\.id) + healthie.clients.map(\.id), what: "healthie user id")
        problems += repeated(healthie.members.map { $0.email.lowercased() }, what: "healthie member email")
        problems += repeated(healthie.apiKeys.map(\.key), what: "healthie api key")
        problems += repeated(athena.clients.map(\.id), what: "athena client id")
        for member in healthie.members where HealthieOrgRole(rawValue: member.orgRole) == nil {
            problems.append(
                "healthie member '\(member.email)': org_role '\(member.orgRole)' is not Standard or Support")
        }
        return problems
    }

    private func repeated(_ values: [String], what: String) -> [String] {
        var seen: Set<String> = []
        var reported: Set<String> = []
        var problems: [String] = []
        for value in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            problems.append("\(what) '\(value)' appears more than once")
        }
        return problems
    }
}

/// A seed or state file that cannot be used; the message names the file and, where known, line and column.
public struct SandboxSeedError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
