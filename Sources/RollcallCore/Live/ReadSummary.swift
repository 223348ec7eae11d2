/// What a read of the live systems cost and found, for the plan's header: a
/// reviewer sees the price of the read as well as the changes.
public struct ReadSummary: Sendable, Equatable, Codable {
    public var athenaPractices = 0
    var athenaUsers = 0
    var athenaProviders = 0
    var athenaDepartments = 0
    /// nil when Healthie was not read.
    package var healthieMembers: Int?
    package var healthieClientsMatched = 0
    public var requests = 0
    package var retries = 0
    /// Retries caused by rate limiting.
    package var throttled = 0
    public var seconds = 0.0

    public init() {}

    public init(state: LiveState) {
        athenaPractices = state.athena.count
        athenaUsers = state.athena.reduce(0) { $0 + $1.users.count }
        athenaProviders = state.athena.reduce(0) { $0 + $1.providers.count }
        athenaDepartments = state.athena.reduce(0) { $0 + $1.departments.count }
        healthieMembers = state.healthie?.members.count
        healthieClientsMatched = state.healthie?.misroutedClients.count ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case requests, retries, throttled, seconds
        case athenaPractices = "athena_practices"
        case athenaUsers = "athena_users"
        case athenaProviders = "athena_providers"
        case athenaDepartments = "athena_departments"
        case healthieMembers = "healthie_members"
        case healthieClientsMatched = "healthie_clients_matched"
    }
}
