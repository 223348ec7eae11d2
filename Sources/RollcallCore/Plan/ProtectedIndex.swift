/// `policy.protected`, indexed once for lookups: athenaOne accounts by practice and
/// username, Healthie members by email, both ignoring case as matching does. The planner
/// and drift ask it the same question.
struct ProtectedIndex {
    private var athena: Set<String> = []
    private var healthie: Set<String> = []

    init(_ accounts: [ProtectedAccount]) {
        for account in accounts {
            switch account {
            case .athena(let practice, let username): athena.insert(Self.key(practice, username))
            case .healthie(let email): healthie.insert(email.lowercased())
            }
        }
    }

    func covers(practice: String, username: String) -> Bool {
        athena.contains(Self.key(practice, username))
    }

    func covers(email: String) -> Bool {
        healthie.contains(email.lowercased())
    }

    private static func key(_ practice: String, _ username: String) -> String {
        practice + "/" + username.lowercased()
    }
}
