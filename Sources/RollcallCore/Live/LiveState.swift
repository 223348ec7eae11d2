/// What the live systems hold, as plain values: the connectors' output and the
/// planner's input. Nothing here knows HTTP; every record is as the API answered it.
public struct LiveState: Sendable, Equatable, Codable {
    /// athenaOne, one entry per practice read, in the order they were asked for.
    public var athena: [LiveAthenaPractice]
    /// Healthie, or nil when it was not read.
    public var healthie: LiveHealthie?

    public init(athena: [LiveAthenaPractice] = [], healthie: LiveHealthie? = nil) {
        self.athena = athena
        self.healthie = healthie
    }

    public func practice(id: Int) -> LiveAthenaPractice? {
        athena.first { $0.practiceID == id }
    }
}

/// One athenaOne practice: its login accounts, provider records and departments
/// (hidden ones included), each sorted by id.
public struct LiveAthenaPractice: Sendable, Equatable, Codable {
    public var practiceID: Int
    public var users: [LiveAthenaUser]
    public var providers: [LiveAthenaProvider]
    public var departments: [LiveDepartment]

    public init(
        practiceID: Int, users: [LiveAthenaUser], providers: [LiveAthenaProvider], departments: [LiveDepartment]
    ) {
        self.practiceID = practiceID
        self.users = users
        self.providers = providers
        self.departments = departments
    }

    enum CodingKeys: String, CodingKey {
        case users, providers, departments
        case practiceID = "practice_id"
    }
}

/// Healthie: every organization member, and the clients (patients) whose email
/// is a staff email, which are staff misrouted into the patient namespace.
public struct LiveHealthie: Sendable, Equatable, Codable {
    public var members: [LiveHealthieMember]
    package var misroutedClients: [LiveHealthieClient]

    public init(members: [LiveHealthieMember], misroutedClients: [LiveHealthieClient]) {
        self.members = members
        self.misroutedClients = misroutedClients
    }

    enum CodingKeys: String, CodingKey {
        case members
        case misroutedClients = "misrouted_clients"
    }
}
