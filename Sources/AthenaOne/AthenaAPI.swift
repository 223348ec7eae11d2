/// Every path, scope and field name Rollcall uses of athenaOne's user API, in one
/// place. The staff `/users` contract comes from the seed guide only (no public
/// client code uses it), so this is what to correct against a partner sandbox.
enum AthenaAPI {
    static let tokenPath = "/oauth2/v1/token"
    static let userManagementScope = "athena/service/Athenanet.MDP.UserManagement"
    static let practiceManagementScope = "athena/service/Athenanet.MDP.PracticeManagement"
    static let scopes = [userManagementScope, practiceManagementScope]

    static func users(_ practiceID: Int) -> String { "/v1/\(practiceID)/users" }
    static func user(_ practiceID: Int, _ userID: Int) -> String { "/v1/\(practiceID)/users/\(userID)" }
    static func providers(_ practiceID: Int) -> String { "/v1/\(practiceID)/providers" }
    static func departments(_ practiceID: Int) -> String { "/v1/\(practiceID)/departments" }

    /// Endpoint names for the ledger and for errors: the path with its ids as placeholders.
    enum Endpoint {
        static let token = "POST /oauth2/v1/token"
        static let listUsers = "GET /v1/{practiceid}/users"
        static let getUser = "GET /v1/{practiceid}/users/{userid}"
        static let createUser = "POST /v1/{practiceid}/users"
        static let updateUser = "PUT /v1/{practiceid}/users/{userid}"
        static let listProviders = "GET /v1/{practiceid}/providers"
        static let listDepartments = "GET /v1/{practiceid}/departments"
    }

    /// The page size asked for. Servers grant what they will (the seed says at most
    /// 100; other sources say 5,000): the reader takes the size of the first page it
    /// is given, and the `totalcount` beside it, as the plan for every other page.
    static let requestedPageSize = 5000
}
