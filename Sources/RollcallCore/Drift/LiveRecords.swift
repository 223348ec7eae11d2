/// The live state's records by the keys drift looks them up by: athenaOne users by
/// practice and user id, username (ignoring case) and provider id; Healthie members by
/// email (ignoring case). The first record wins where a key repeats, as in the planner.
struct LiveRecords {
    private var usersByID: [Int: [Int: LiveAthenaUser]] = [:]
    private var usersByName: [Int: [String: LiveAthenaUser]] = [:]
    private var usersByProvider: [Int: [Int: LiveAthenaUser]] = [:]
    private var departmentNames: [Int: [Int: String]] = [:]
    private var members: [String: LiveHealthieMember] = [:]

    init(_ live: LiveState) {
        for practice in live.athena {
            let id = practice.practiceID
            for user in practice.users {
                if usersByID[id, default: [:]][user.userID] == nil { usersByID[id, default: [:]][user.userID] = user }
                let name = user.username.lowercased()
                if usersByName[id, default: [:]][name] == nil { usersByName[id, default: [:]][name] = user }
                if let provider = user.providerID, usersByProvider[id, default: [:]][provider] == nil {
                    usersByProvider[id, default: [:]][provider] = user
                }
            }
            for department in practice.departments
            where departmentNames[id, default: [:]][department.departmentID] == nil {
                departmentNames[id, default: [:]][department.departmentID] = department.name
            }
        }
        for member in live.healthie?.members ?? [] where members[member.email.lowercased()] == nil {
            members[member.email.lowercased()] = member
        }
    }

    func user(practiceID: Int, userID: Int) -> LiveAthenaUser? { usersByID[practiceID]?[userID] }

    func user(practiceID: Int, username: String) -> LiveAthenaUser? { usersByName[practiceID]?[username.lowercased()] }

    func user(practiceID: Int, providerID: Int) -> LiveAthenaUser? { usersByProvider[practiceID]?[providerID] }

    /// Department names by id in a practice.
    func departments(practiceID: Int) -> [Int: String] { departmentNames[practiceID] ?? [:] }

    func member(email: String) -> LiveHealthieMember? { members[email.lowercased()] }
}
