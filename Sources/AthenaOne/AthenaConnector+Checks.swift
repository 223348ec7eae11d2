import RollcallCore

/// The light reads `rollcall doctor` makes before a first real plan: a token, the scopes
/// behind it, one page of a practice's users and its department list.
extension AthenaConnector {
    /// The scopes Rollcall asks for, in order.
    package static var requiredScopes: [String] { AthenaAPI.scopes }

    /// The API host this connector talks to.
    package var host: String { baseURL }

    /// A token for both scopes, as every run gets one; throws as a run would.
    package func checkToken() async throws {
        _ = try await tokens.token()
    }

    /// Each scope Rollcall needs and whether athenaOne grants it to this client on its own.
    package func grantedScopes() async throws -> [(scope: String, granted: Bool)] {
        var granted: [(scope: String, granted: Bool)] = []
        for scope in AthenaAPI.scopes { granted.append((scope, try await tokens.grants(scope: scope))) }
        return granted
    }

    /// How many users the practice holds, from one page of one user: readable, and not read whole.
    package func countUsers(practiceID: Int) async throws -> Int {
        let page = try await page(
            AthenaUserRecord.self, AthenaAPI.users(practiceID), query: [], limit: 1, offset: 0,
            endpoint: AthenaAPI.Endpoint.listUsers, subject: "athena \(practiceID) users")
        return page.totalcount
    }

    /// The practice's departments, hidden ones too (a short list, read whole).
    package func departments(practiceID: Int) async throws -> [LiveDepartment] {
        let records = try await list(
            AthenaDepartmentRecord.self, AthenaAPI.departments(practiceID), query: [("showalldepartments", "1")],
            endpoint: AthenaAPI.Endpoint.listDepartments, subject: "athena \(practiceID) departments",
            progress: nil)
        do {
            return try records.map { try $0.live() }
        } catch let problem as RecordProblem {
            throw AthenaError(.malformedAnswer, "practice \(practiceID) sent \(problem)")
        }
    }
}
