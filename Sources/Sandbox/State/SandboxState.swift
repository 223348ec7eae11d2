import Foundation
import RollcallCore

/// Everything both simulators hold: the seed's records plus what clients wrote since.
///
/// The same shape is read from a seed YAML file (`rollcall sandbox init --seed`)
/// and kept as the JSON state file, so a state file can be read and edited by hand.
package struct SandboxState: Codable, Sendable, Hashable {
    package var athena: AthenaState
    package var healthie: HealthieState

    package init(athena: AthenaState = AthenaState(), healthie: HealthieState = HealthieState()) {
        self.athena = athena
        self.healthie = healthie
    }

    enum CodingKeys: String, CodingKey { case athena, healthie }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        athena = try container.decodeIfPresent(AthenaState.self, forKey: .athena) ?? AthenaState()
        healthie = try container.decodeIfPresent(HealthieState.self, forKey: .healthie) ?? HealthieState()
    }
}

/// The athenaOne side: API clients and practices keyed by practice id.
package struct AthenaState: Codable, Sendable, Hashable {
    package static let userManagementScope = "athena/service/Athenanet.MDP.UserManagement"
    package static let practiceManagementScope = "athena/service/Athenanet.MDP.PracticeManagement"
    /// The client a seed gets when it names none: both scopes, fixed sandbox credentials.
    package static let defaultClient = AthenaClient(
        id: "rollcall-sandbox", secret: "sandbox-secret", scopes: [userManagementScope, practiceManagementScope])

    package var clients: [AthenaClient]
    package var practices: [String: AthenaPractice]

    package init(clients: [AthenaClient] = [Self.defaultClient], practices: [String: AthenaPractice] = [:]) {
        self.clients = clients
        self.practices = practices
    }

    enum CodingKeys: String, CodingKey { case clients, practices }

    package init(from decoder: any Decoder) throws {
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
package struct HealthieState: Codable, Sendable, Hashable {
    package static let defaultAdminKey = HealthieAPIKey(key: "sandbox-admin-key", admin: true, userID: nil)

    package var organizationID: String
    package var apiKeys: [HealthieAPIKey]
    package var members: [HealthieMember]
    package var clients: [HealthieClient]
    package var invites: [HealthieInvite]

    package init(
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

    package init(from decoder: any Decoder) throws {
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
    package static func seed(yaml bytes: [UInt8], file: String) throws(SandboxSeedError) -> SandboxState {
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
        let problems = state.locatedProblems()
        if !problems.isEmpty {
            throw SandboxSeedError(
                message: problems.map { problem in
                    let node = root.node(at: problem.path)
                    return "\(file):\(node.line):\(node.column): error: \(problem.message)"
                }.joined(separator: "\n"))
        }
        return state
    }

    /// Reads a state file written by `rollcall sandbox init`.
    package static func read(stateFile: URL) throws(SandboxSeedError) -> SandboxState {
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
    package static func decode(json bytes: Data, file: String) throws(SandboxSeedError) -> SandboxState {
        do {
            return try JSONDecoder().decode(SandboxState.self, from: bytes)
        } catch {
            throw SandboxSeedError(message: "\(file): error: not a sandbox state file: \(error)")
        }
    }

    /// The state as pretty, key-sorted JSON: stable bytes for the same state.
    package func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Records that cannot coexist: repeated ids or usernames, references to records that do not exist.
    package func consistencyProblems() -> [String] {
        locatedProblems().map(\.message)
    }

    /// Where in the seed's tree a problem stands: mapping keys and list positions from the root.
    enum PathStep: Hashable {
        case key(String)
        case index(Int)
    }

    struct Problem {
        var message: String
        var path: [PathStep]
    }

    /// Each problem with the path to the record it is about (for a repeated value, its second place).
    func locatedProblems() -> [Problem] {
        var problems: [Problem] = []
        for (practiceID, practice) in athena.practices.sorted(by: { $0.key < $1.key }) {
            let place = "athena.practices.\(practiceID)"
            let root: [PathStep] = [.key("athena"), .key("practices"), .key(practiceID)]
            if Int(practiceID) == nil {
                problems.append(Problem(message: "\(place): a practice id is a number", path: root))
            }
            problems += repeated(
                practice.departments.map { String($0.departmentid) }, what: "\(place) departmentid",
                at: root + [.key("departments")])
            problems += repeated(
                practice.providers.map { String($0.providerid) }, what: "\(place) providerid",
                at: root + [.key("providers")])
            problems += repeated(
                practice.users.map { String($0.userid) }, what: "\(place) userid", at: root + [.key("users")])
            problems += repeated(
                practice.users.map { $0.username.lowercased() }, what: "\(place) username", at: root + [.key("users")])
            let departments = Set(practice.departments.map(\.departmentid))
            let providers = Set(practice.providers.map(\.providerid))
            for (index, user) in practice.users.enumerated() {
                let record = "\(place) user '\(user.username)'"
                let path = root + [.key("users"), .index(index)]
                if AthenaUserType(rawValue: user.usertype) == nil {
                    problems.append(
                        Problem(
                            message: "\(record): usertype '\(user.usertype)' is not STAFF, PROVIDER or ADMIN",
                            path: path))
                }
                for id in user.departmentids where !departments.contains(id) {
                    problems.append(Problem(message: "\(record): department \(id) is not in the practice", path: path))
                }
                for id in [user.providerid, user.supervisingproviderid].compactMap({ $0 }) where !providers.contains(id)
                {
                    problems.append(Problem(message: "\(record): provider \(id) is not in the practice", path: path))
                }
            }
        }
        var userIDs: [(String, [PathStep])] = []
        for (practiceID, practice) in athena.practices.sorted(by: { $0.key < $1.key }) {
            for (index, user) in practice.users.enumerated() {
                userIDs.append(
                    (
                        String(user.userid),
                        [.key("athena"), .key("practices"), .key(practiceID), .key("users"), .index(index)]
                    ))
            }
        }
        problems += repeated(userIDs, what: "athena userid (ids are unique across practices)")
        let members: [PathStep] = [.key("healthie"), .key("members")]
        let clients: [PathStep] = [.key("healthie"), .key("clients")]
        problems += repeated(
            healthie.members.enumerated().map { ($1.id, members + [.index($0)]) }
                + healthie.clients.enumerated().map { ($1.id, clients + [.index($0)]) }, what: "healthie user id")
        problems += repeated(
            healthie.members.map { $0.email.lowercased() }, what: "healthie member email", at: members)
        problems += repeated(
            healthie.apiKeys.map(\.key), what: "healthie api key", at: [.key("healthie"), .key("api_keys")])
        problems += repeated(athena.clients.map(\.id), what: "athena client id", at: [.key("athena"), .key("clients")])
        for (index, member) in healthie.members.enumerated() where HealthieOrgRole(rawValue: member.orgRole) == nil {
            problems.append(
                Problem(
                    message:
                        "healthie member '\(member.email)': org_role '\(member.orgRole)' is not Standard or Support",
                    path: members + [.index(index)]))
        }
        return problems
    }

    private func repeated(_ values: [String], what: String, at list: [PathStep]) -> [Problem] {
        repeated(values.enumerated().map { ($1, list + [.index($0)]) }, what: what)
    }

    private func repeated(_ values: [(String, [PathStep])], what: String) -> [Problem] {
        var seen: Set<String> = []
        var reported: Set<String> = []
        var problems: [Problem] = []
        for (value, path) in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            problems.append(Problem(message: "\(what) '\(value)' appears more than once", path: path))
        }
        return problems
    }
}

extension YAMLNode {
    /// The node a path leads to, or the deepest one on the way that exists.
    func node(at path: [SandboxState.PathStep]) -> YAMLNode {
        var node = self
        for step in path {
            switch (step, node.content) {
            case (.key(let key), .mapping(let entries)):
                guard let entry = entries.first(where: { $0.key == key }) else { return node }
                node = entry.value
            case (.index(let index), .sequence(let items)) where items.indices.contains(index):
                node = items[index]
            default:
                return node
            }
        }
        return node
    }
}

/// A seed or state file that cannot be used; the message names the file and, where known, line and column.
package struct SandboxSeedError: CodedError, CustomStringConvertible {
    package var message: String

    package init(message: String) {
        self.message = message
    }

    package var description: String { message }
    package var errorCode: String { "sandbox" }
    package var errorMessage: String { message }
}
