import Foundation
import NIOHTTP1
import Testing

@testable import Sandbox

@Suite("athenaOne simulator: the documented quirks over loopback HTTP")
struct AthenaSimulatorTests {
    @Test func tokenIsFormEncodedWithBasicAndExpiresInIsAString() async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.tokenAnswer()
            #expect(answer.status == 200)
            #expect(answer.object["expires_in"] as? String == "3600")
            #expect((answer.object["scope"] as? String)?.contains(AthenaState.userManagementScope) == true)
            let wrong = try await sandbox.tokenAnswer(secret: "nope")
            #expect(wrong.status == 401)
            #expect(wrong.object["error"] as? String == "invalid_client")
        }
    }

    @Test func jsonWritesAreRefused() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            let answer = try await sandbox.athena(
                .POST, "/v1/195900/users", token: token,
                form: #"{"username":"jsmith","firstname":"John","lastname":"Smith","usertype":"STAFF"}"#,
                contentType: "application/json")
            #expect(answer.status == 400)
            #expect(answer.object["error"] as? String == "Invalid content type.")
            #expect(await sandbox.store.state.athena.practices["195900"]?.users.count == 3)
        }
    }

    @Test func createAnswersTheNewIdAsAStringAndRefusesADuplicateUsername() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            let form = "username=jsmith&firstname=John&lastname=Smith&usertype=STAFF&departmentids=1,2"
            let created = try await sandbox.athena(.POST, "/v1/195900/users", token: token, form: form)
            #expect(created.status == 200)
            let id = try #require(created.object["userid"] as? String)
            #expect(created.object["username"] as? String == "jsmith")
            let read = try await sandbox.athena(.GET, "/v1/195900/users/\(id)", token: token)
            let record = try #require((read.json as? [[String: Any]])?.first)
            #expect(record["departmentids"] as? [String] == ["1", "2"])
            #expect(record["active"] as? String == "true")
            let again = try await sandbox.athena(.POST, "/v1/195900/users", token: token, form: form)
            #expect(again.status == 400)
            #expect(again.object["error"] as? String == "The username is already in use.")
            let missing = try await sandbox.athena(
                .POST, "/v1/195900/users", token: token, form: "username=x&usertype=STAFF")
            #expect(missing.status == 400)
            #expect(missing.object["missingfields"] as? [String] == ["firstname", "lastname"])
        }
    }

    @Test func putIsAFullReplacementThatClearsEveryOmittedField() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            let before = try await sandbox.athena(.GET, "/v1/195900/users/101", token: token)
            #expect((before.json as? [[String: Any]])?.first?["email"] as? String == "user0@riverside.example")
            let put = try await sandbox.athena(
                .PUT, "/v1/195900/users/101", token: token,
                form: "username=user0&firstname=First0&lastname=Last0&usertype=STAFF&active=false")
            #expect(put.status == 200)
            #expect(put.object["success"] as? String == "true")
            let after = try #require(
                await sandbox.store.state.athena.practices["195900"]?.users.first { $0.userid == 101 })
            #expect(after.email == nil)
            #expect(after.departmentids.isEmpty)
            #expect(after.active == false)
            let partial = try await sandbox.athena(.PUT, "/v1/195900/users/101", token: token, form: "active=false")
            #expect(partial.status == 400)
            #expect(partial.object["missingfields"] as? [String] == ["username", "firstname", "lastname", "usertype"])
        }
    }

    @Test func listsPageAtTheConfiguredMaximumWithLinksAndStringIds() async throws {
        try await withSandbox(state: testState(users: 150), athena: AthenaOptions(maxPageSize: 100)) { sandbox in
            let token = try await sandbox.token()
            let first = try await sandbox.athena(.GET, "/v1/195900/users?limit=500", token: token)
            #expect(first.object["totalcount"] as? Int == 150)
            let users = try #require(first.object["users"] as? [[String: Any]])
            #expect(users.count == 100)
            #expect(users.first?["userid"] as? String == "101")
            #expect(first.object["next"] as? String == "/v1/195900/users?limit=100&offset=100")
            #expect(first.object["previous"] == nil)
            let last = try await sandbox.athena(.GET, "/v1/195900/users?limit=100&offset=100", token: token)
            #expect((last.object["users"] as? [Any])?.count == 50)
            #expect(last.object["next"] == nil)
            #expect(last.object["previous"] as? String == "/v1/195900/users?limit=100&offset=0")
            let byDefault = try await sandbox.athena(.GET, "/v1/195900/users", token: token)
            #expect((byDefault.object["users"] as? [Any])?.count == 10)
            let named = try await sandbox.athena(.GET, "/v1/195900/users?username=USER7", token: token)
            #expect((named.object["users"] as? [[String: Any]])?.map { $0["username"] as? String } == ["user7"])
        }
    }

    @Test func anExpiredTokenIsRefusedAndTokenRequestsAreLimitedPerMinute() async throws {
        let clock = ManualSandboxClock()
        try await withSandbox(athena: AthenaOptions(tokenLifetime: 30), clock: clock) { sandbox in
            let token = try await sandbox.token()
            #expect(try await sandbox.athena(.GET, "/v1/195900/users", token: token).status == 200)
            clock.advance(by: 31)
            let expired = try await sandbox.athena(.GET, "/v1/195900/users", token: token)
            #expect(expired.status == 401)
            for _ in 0..<4 { #expect(try await sandbox.tokenAnswer().status == 200) }
            let sixth = try await sandbox.tokenAnswer()
            #expect(sixth.status == 429)
            #expect(sixth.headers["Retry-After"].isEmpty)
            clock.advance(by: 29)
            #expect(try await sandbox.tokenAnswer().status == 200)
            let none = try await sandbox.send(.GET, sandbox.endpoints.athenaBaseURL + "/v1/195900/users")
            #expect(none.status == 401)
            #expect(none.object["error"] as? String == "Developer Inactive")
        }
    }

    @Test func aMissingScopeIsForbidden() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token(client: "users-only", secret: "s2")
            #expect(try await sandbox.athena(.GET, "/v1/195900/users", token: token).status == 200)
            let departments = try await sandbox.athena(.GET, "/v1/195900/departments", token: token)
            #expect(departments.status == 403)
            #expect((departments.object["detailedmessage"] as? String)?.contains("PracticeManagement") == true)
            let asked = try await sandbox.tokenAnswer(
                client: "users-only", secret: "s2", scope: AthenaState.practiceManagementScope)
            #expect(asked.status == 400)
            #expect(asked.object["error"] as? String == "invalid_scope")
        }
    }

    @Test func practicesAreIsolatedAndGetByIdAnswersAnArray() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            let own = try await sandbox.athena(.GET, "/v1/195901/users/900", token: token)
            #expect((own.json as? [[String: Any]])?.count == 1)
            let other = try await sandbox.athena(.GET, "/v1/195900/users/900", token: token)
            #expect(other.status == 404)
            #expect(other.object["error"] != nil)
            let list = try await sandbox.athena(.GET, "/v1/195901/users", token: token)
            #expect(list.object["totalcount"] as? Int == 1)
            let update = try await sandbox.athena(
                .PUT, "/v1/195900/users/900", token: token,
                form: "username=north1&firstname=Nora&lastname=North&usertype=STAFF")
            #expect(update.status == 404)
        }
    }

    @Test func thereIsNoDelete() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            let answer = try await sandbox.athena(.DELETE, "/v1/195900/users/101", token: token)
            #expect(answer.status == 405)
            #expect(await sandbox.store.state.athena.practices["195900"]?.users.count == 3)
        }
    }

    /// athenaOne checks the token before the method: no token is a 401, whatever the method.
    @Test func theTokenIsCheckedBeforeTheMethod() async throws {
        try await withSandbox { sandbox in
            let unauthenticated = try await sandbox.send(
                .DELETE, sandbox.endpoints.athenaBaseURL + "/v1/195900/users/101")
            #expect(unauthenticated.status == 401)
        }
    }

    @Test(arguments: [
        "/v1/195900/providers", "/v1/195900/providers/71", "/v1/195900/departments", "/v1/195900/users/101",
    ])
    func unsupportedMethodsAre405InAthenasErrorShape(path: String) async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            for method in [NIOHTTP1.HTTPMethod.DELETE, .PATCH] {
                let answer = try await sandbox.athena(method, path, token: token)
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(answer.object["error"] as? String == "Method not allowed.", "\(method) \(path): \(answer.text)")
                #expect(answer.headers["Allow"].first != nil)
            }
        }
    }

    /// Public athenahealth scripts ask for `athena/service/Athenanet.MDP.*`: granted as every scope the client has.
    @Test func theWildcardScopeGrantsTheClientsScopes() async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.tokenAnswer(scope: "athena/service/Athenanet.MDP.*")
            #expect(answer.status == 200, "\(answer.text)")
            let scope = answer.object["scope"] as? String ?? ""
            #expect(
                scope.contains(AthenaState.userManagementScope) && scope.contains(AthenaState.practiceManagementScope))
            let narrow = try await sandbox.tokenAnswer(
                client: "users-only", secret: "s2", scope: "athena/service/Athenanet.MDP.*")
            #expect(narrow.status == 200)
            #expect((narrow.object["scope"] as? String) == AthenaState.userManagementScope)
            let none = try await sandbox.tokenAnswer(scope: "athena/service/Other.*")
            #expect(none.object["error"] as? String == "invalid_scope")
        }
    }

    @Test func hiddenDepartmentsNeedShowAllAndProvidersAreSeparateRecords() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            let visible = try await sandbox.athena(.GET, "/v1/195900/departments", token: token)
            #expect(
                (visible.object["departments"] as? [[String: Any]])?.map { $0["departmentid"] as? String } == [
                    "1", "2",
                ])
            let all = try await sandbox.athena(.GET, "/v1/195900/departments?showalldepartments=1", token: token)
            #expect((all.object["departments"] as? [Any])?.count == 3)
            let provider = try await sandbox.athena(.GET, "/v1/195900/providers/71", token: token)
            let record = try #require((provider.json as? [[String: Any]])?.first)
            #expect(record["providerid"] as? String == "71")
            #expect(record["userid"] as? String == "101")
            #expect(try await sandbox.athena(.GET, "/v1/195901/providers/71", token: token).status == 404)
        }
    }

    @Test func rateLimitAnswers429WithoutRetryAfter() async throws {
        let clock = ManualSandboxClock()
        let faults = SandboxFaults(rateLimit: .init(requestsPerSecond: 1, burst: 2))
        try await withSandbox(faults: faults, clock: clock) { sandbox in
            let token = try await sandbox.token()
            let statuses = try await (0..<3).asyncMap { _ in
                try await sandbox.athena(.GET, "/v1/195900/users", token: token)
            }
            #expect(statuses.map(\.status) == [200, 200, 429])
            #expect(statuses[2].headers["Retry-After"].isEmpty)
            clock.advance(by: 1)
            #expect(try await sandbox.athena(.GET, "/v1/195900/users", token: token).status == 200)
        }
    }

    @Test func randomFaultsRepeatUnderTheSameSeed() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            try await withSandbox(faults: SandboxFaults(seed: seed, throttleRate: 0.3, serverErrorRate: 0.2)) {
                sandbox in
                let token = try await sandbox.token()
                return try await (0..<30).asyncMap { _ in
                    try await sandbox.athena(.GET, "/v1/195900/users", token: token).status
                }
            }
        }
        let first = try await statuses(seed: 7)
        #expect(try await statuses(seed: 7) == first)
        #expect(first.contains(429))
        #expect(first.contains(503))
        #expect(first.contains(200))
    }

    @Test func aDroppedResponseStillAppliesTheWrite() async throws {
        try await withSandbox(faults: SandboxFaults(dropResponseRate: 1)) { sandbox in
            let token = try await sandbox.token()
            await #expect(throws: (any Error).self) {
                _ = try await sandbox.athena(
                    .POST, "/v1/195900/users", token: token,
                    form: "username=lost&firstname=Lost&lastname=Response&usertype=STAFF")
            }
            let users = await sandbox.store.state.athena.practices["195900"]?.users ?? []
            #expect(users.filter { $0.username == "lost" }.count == 1)
            #expect(await sandbox.server.athenaFaults.droppedResponses == 1)
        }
    }

    @Test func theRequestLogShowsWhatWasSent() async throws {
        try await withSandbox { sandbox in
            let token = try await sandbox.token()
            _ = try await sandbox.athena(
                .POST, "/v1/195900/users", token: token,
                form: "username=logged&firstname=Log&lastname=Ged&usertype=STAFF&email=log%40x.example")
            let writes = await sandbox.store.requestLog.filter(\.wrote)
            #expect(writes.count == 1)
            #expect(writes.first?.method == "POST")
            #expect(writes.first?.path == "/v1/195900/users")
            #expect(writes.first?.contentType == "application/x-www-form-urlencoded")
            #expect(writes.first?.body.contains("email=log%40x.example") == true)
            let user = await sandbox.store.state.athena.practices["195900"]?.users.first { $0.username == "logged" }
            #expect(user?.email == "log@x.example")
        }
    }
}

extension Sequence where Element: Sendable {
    /// Maps in order, one element at a time.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
