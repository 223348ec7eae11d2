import Foundation
import Testing

@testable import Sandbox

@Suite("Healthie simulator: the documented quirks over loopback HTTP")
struct HealthieSimulatorTests {
    static let members = "{ organizationMembers(first: 10) { total_count nodes { id email active } } }"

    @Test func basicWithAuthorizationSourceWorksAndBearerGetsNoData() async throws {
        try await withSandbox { sandbox in
            let basic = try await sandbox.graphql("{ currentUser { id email } }")
            #expect((basic.data["currentUser"] as? [String: Any])?["email"] as? String == "it@riverside.example")
            let bearer = try await sandbox.graphql("{ currentUser { id } }", authorization: "Bearer admin-key")
            #expect(bearer.status == 200)
            #expect(bearer.object["data"] is NSNull)
            #expect(bearer.errorCode == "UNAUTHENTICATED")
            let unknown = try await sandbox.graphql("{ currentUser { id } }", key: "stolen")
            #expect(unknown.errorCode == "UNAUTHENTICATED")
        }
    }

    /// A member's `organization` is the one the sandbox serves, nested or not; a client's is null.
    @Test func membersBelongToTheOrganizationAndClientsDoNot() async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.graphql(
                """
                { currentUser { organization { id } organization_membership { user { organization { id } } } }
                  client: user(id: "3001") { organization { id } } }
                """)
            let current = try #require(answer.data["currentUser"] as? [String: Any])
            #expect((current["organization"] as? [String: Any])?["id"] as? String == "4001")
            let nested = (current["organization_membership"] as? [String: Any])?["user"] as? [String: Any]
            #expect((nested?["organization"] as? [String: Any])?["id"] as? String == "4001")
            #expect((answer.data["client"] as? [String: Any])?["organization"] is NSNull)
        }
    }

    @Test func versionsSelectTheShapeAndWarnings() async throws {
        try await withSandbox { sandbox in
            let current = try await sandbox.graphql(Self.members)
            let connection = try #require(current.data["organizationMembers"] as? [String: Any])
            #expect(connection["total_count"] as? Int == 2)
            #expect(current.object["extensions"] == nil)

            let missing = try await sandbox.graphql(
                "{ organizationMembers(offset: 0, page_size: 10) { id email } }", version: nil)
            #expect((missing.data["organizationMembers"] as? [Any])?.count == 2)
            let warnings = (missing.object["extensions"] as? [String: Any])?["warnings"] as? [[String: Any]]
            #expect(
                warnings?.map { $0["code"] as? String } == ["MISSING_API_VERSION_HEADER", "API_VERSION_SUNSET_WARNING"])
            #expect(warnings?.first?["sunset_date"] as? String == "2027-01-31")

            let old = try await sandbox.graphql("{ organizationMembers { id } }", version: "2025-10-15")
            #expect((old.data["organizationMembers"] as? [Any])?.count == 2)
            let oldWarnings = (old.object["extensions"] as? [String: Any])?["warnings"] as? [[String: Any]]
            #expect(oldWarnings?.map { $0["code"] as? String } == ["API_VERSION_SUNSET_WARNING"])

            let unknown = try await sandbox.graphql(Self.members, version: "2026-02-30")
            #expect(unknown.errorCode == "UNSUPPORTED_API_VERSION")
            let offsetOnNew = try await sandbox.graphql("{ organizationMembers(offset: 0) { total_count } }")
            #expect(offsetOnNew.errorMessage?.contains("offset") == true)
        }
    }

    /// A document the simulator has validated once is remembered for the schema it was checked
    /// against only: the same text sent under another version is checked again, and the
    /// complexity of every request is still counted from its own variables.
    @Test func aRememberedDocumentIsCheckedAgainstEachVersionAndItsVariables() async throws {
        let paged = "query Page($first: Int) { organizationMembers(first: $first) { total_count } }"
        try await withSandbox { sandbox in
            for _ in 0..<2 {
                let current = try await sandbox.graphql(paged, variables: ["first": 2])
                #expect(current.errorMessage == nil)
                let baseline = try await sandbox.graphql(paged, variables: ["first": 2], version: nil)
                #expect(baseline.errorMessage?.contains("first") == true)
            }
            let flags = HealthieSchemaSDL.permissions.joined(separator: " ")
            let sized =
                "query Sized($first: Int) { organizationMembers(first: $first) { nodes { organization_membership { \(flags) } } } }"
            #expect(try await sandbox.graphql(sized, variables: ["first": 20]).errorMessage == nil)
            let tooBig = try await sandbox.graphql(sized, variables: ["first": 100])
            #expect(tooBig.errorMessage?.hasSuffix("exceeds max complexity of 2000") == true)
        }
    }

    @Test func afterTheSunsetTheHeaderIsRequiredAndOldVersionsAreRefused() async throws {
        try await withSandbox(healthie: HealthieOptions(afterSunset: true)) { sandbox in
            let missing = try await sandbox.graphql(Self.members, version: nil)
            #expect(missing.errorCode == "MISSING_API_VERSION_HEADER")
            let sunset = try await sandbox.graphql(Self.members, version: "2026-01-01")
            #expect(sunset.errorCode == "UNSUPPORTED_API_VERSION")
            let current = try await sandbox.graphql(Self.members, version: "2026-07-01")
            #expect(current.errorCode == nil)
        }
    }

    @Test func membersPageByCursorToTheEnd() async throws {
        var state = testState()
        for index in 0..<25 {
            state.healthie.members.append(
                HealthieMember(
                    id: "\(5000 + index)", membershipID: "m\(5000 + index)", email: "s\(index)@x.example",
                    firstName: "S", lastName: String(format: "L%02d", index)))
        }
        try await withSandbox(state: state) { sandbox in
            var after: String?
            var seen: [String] = []
            var pages = 0
            repeat {
                let answer = try await sandbox.graphql(
                    "query($after: Cursor) { organizationMembers(first: 10, after: $after) { total_count page_info { has_next_page end_cursor } nodes { id } } }",
                    variables: after.map { ["after": $0] } ?? [:])
                let connection = try #require(answer.data["organizationMembers"] as? [String: Any])
                #expect(connection["total_count"] as? Int == 27)
                seen += (connection["nodes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                let info = try #require(connection["page_info"] as? [String: Any])
                after = info["has_next_page"] as? Bool == true ? info["end_cursor"] as? String : nil
                pages += 1
            } while after != nil && pages < 10
            #expect(pages == 3)
            #expect(Set(seen).count == 27)
        }
    }

    @Test func staffAndClientsAreSeparateNamespaces() async throws {
        try await withSandbox { sandbox in
            let clients = try await sandbox.graphql(
                #"{ users(keywords: "jane.doe", first: 10) { nodes { id email } } }"#)
            let nodes = ((clients.data["users"] as? [String: Any])?["nodes"] as? [[String: Any]]) ?? []
            #expect(nodes.map { $0["id"] as? String } == ["3001"])
            let members = try await sandbox.graphql(
                #"{ organizationMembers(keywords: "jane.doe", first: 10) { nodes { id organization_membership { id can_see_billing } } } }"#
            )
            let member = ((members.data["organizationMembers"] as? [String: Any])?["nodes"] as? [[String: Any]])?.first
            #expect(member?["id"] as? String == "2002")
            let membership = member?["organization_membership"] as? [String: Any]
            #expect(membership?["can_see_billing"] as? Bool == true)
            let archived = try await sandbox.graphql(
                #"{ users(active_status: "archived", first: 10) { total_count } }"#)
            #expect((archived.data["users"] as? [String: Any])?["total_count"] as? Int == 1)
            let client = try await sandbox.graphql(
                #"mutation { createClient(input: {first_name: "Ida", last_name: "Admin", email: "it@riverside.example"}) { user { id } messages { field message } } }"#
            )
            #expect(((client.data["createClient"] as? [String: Any])?["messages"] as? [Any])?.isEmpty == true)
            let state = await sandbox.store.state.healthie
            #expect(state.members.count == 2)
            #expect(state.clients.filter { $0.email == "it@riverside.example" }.count == 1)
        }
    }

    @Test func memberListsNeedAnAdminKey() async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.graphql(Self.members, key: "plain-key")
            #expect(answer.errorCode == "FORBIDDEN")
            #expect(answer.errorMessage?.contains("admin") == true)
            let count = try await sandbox.graphql("{ organizationMembersCount }", key: "plain-key")
            #expect(count.errorCode == "FORBIDDEN")
            let own = try await sandbox.graphql("{ organizationMembership { id org_role } }", key: "plain-key")
            #expect((own.data["organizationMembership"] as? [String: Any])?["id"] as? String == "m2002")
        }
    }

    @Test func createMembershipNeedsTheOrganizationAndRecordsInvites() async throws {
        try await withSandbox { sandbox in
            let create = """
                mutation($input: createOrganizationMembershipInput) {
                  createOrganizationMembership(input: $input) { organizationMembership { id org_role user { id active } } messages { field message } }
                }
                """
            let missing = try await sandbox.graphql(
                create, variables: ["input": ["email": "new@x.example", "first_name": "N", "last_name": "W"]])
            #expect(missing.status == 200)
            let messages =
                (missing.data["createOrganizationMembership"] as? [String: Any])?["messages"] as? [[String: Any]]
            #expect(messages?.first?["field"] as? String == "organization_id")
            #expect(await sandbox.store.state.healthie.members.count == 2)

            let nameless = try await sandbox.graphql(
                create,
                variables: ["input": ["email": "n@x.example", "first_name": "N", "organization_id": "4001"]])
            let blamed =
                (nameless.data["createOrganizationMembership"] as? [String: Any])?["messages"] as? [[String: Any]]
            #expect(blamed?.map { $0["field"] as? String } == ["last_name"], "a missing last name blames last_name")

            let invited = try await sandbox.graphql(
                create,
                variables: [
                    "input": [
                        "email": "new@x.example", "first_name": "N", "last_name": "W", "organization_id": "4001",
                        "org_role": "Support",
                    ]
                ])
            let membership =
                (invited.data["createOrganizationMembership"] as? [String: Any])?["organizationMembership"]
                as? [String: Any]
            #expect(membership?["org_role"] as? String == "Support")
            let quiet = try await sandbox.graphql(
                create,
                variables: [
                    "input": [
                        "email": "quiet@x.example", "first_name": "Q", "last_name": "T", "organization_id": "4001",
                        "send_invite_email": false,
                    ]
                ])
            #expect((quiet.data["createOrganizationMembership"] as? [String: Any])?["organizationMembership"] != nil)
            let state = await sandbox.store.state.healthie
            #expect(state.invites.map(\.email) == ["new@x.example"])
            #expect(state.members.count == 4)
        }
    }

    @Test func updateMembershipSetsUserActiveAndPermissions() async throws {
        try await withSandbox { sandbox in
            let answer = try await sandbox.graphql(
                #"mutation { updateOrganizationMembership(input: {id: "m2002", active: false, is_admin: true, can_see_billing: false}) { organizationMembership { is_admin can_see_billing user { active } } messages { message } } }"#
            )
            let membership =
                (answer.data["updateOrganizationMembership"] as? [String: Any])?["organizationMembership"]
                as? [String: Any]
            #expect(membership?["is_admin"] as? Bool == true)
            #expect((membership?["user"] as? [String: Any])?["active"] as? Bool == false)
            let member = await sandbox.store.state.healthie.members.first { $0.id == "2002" }
            #expect(member?.active == false)
            #expect(member?.isProvider == true)
            #expect(member?.permissions["can_see_billing"] == false)
            let bad = try await sandbox.graphql(
                #"mutation { updateOrganizationMembership(input: {id: "m2002", org_role: "Owner"}) { messages { field message } } }"#
            )
            let messages = (bad.data["updateOrganizationMembership"] as? [String: Any])?["messages"] as? [[String: Any]]
            #expect(messages?.first?["field"] as? String == "org_role")
            #expect(await sandbox.store.state.healthie.members.first { $0.id == "2002" }?.orgRole == "Standard")
        }
    }

    @Test func thereIsNoDeleteClientAndMembershipHasNoActiveField() async throws {
        try await withSandbox { sandbox in
            let delete = try await sandbox.graphql(
                #"mutation { deleteClient(input: {id: "3001"}) { messages { message } } }"#)
            #expect(delete.errorMessage?.contains("deleteClient") == true)
            let active = try await sandbox.graphql("{ organizationMembership(id: \"m2002\") { active } }")
            #expect(active.errorMessage?.contains("active") == true)
        }
    }

    @Test func complexityAndDepthOverHealthiesLimitsAreRefused() async throws {
        try await withSandbox { sandbox in
            let flags = HealthieSchemaSDL.permissions.joined(separator: " ")
            let big = try await sandbox.graphql(
                "{ organizationMembers(first: 100) { nodes { id organization_membership { \(flags) } } } }")
            let message = try #require(big.errorMessage)
            #expect(message.hasPrefix("Query has complexity of "))
            #expect(message.hasSuffix(", which exceeds max complexity of 2000"))
            #expect(big.data.isEmpty)
            let small = try await sandbox.graphql(
                "{ organizationMembers(first: 20) { nodes { id organization_membership { \(flags) } } } }")
            #expect(small.errorMessage == nil)
            var deep = "id"
            for _ in 0..<13 { deep = "user { organization_membership { \(deep) } }" }
            let tooDeep = try await sandbox.graphql("{ currentUser { organization_membership { \(deep) } } }")
            #expect(tooDeep.errorMessage?.contains("exceeds max depth of 25") == true)
        }
    }

    @Test func rateLimitingAnswersTooManyRequestsWith429() async throws {
        let clock = ManualSandboxClock()
        try await withSandbox(faults: SandboxFaults(rateLimit: .init(requestsPerSecond: 1, burst: 1)), clock: clock) {
            sandbox in
            #expect(try await sandbox.graphql(Self.members).status == 200)
            let limited = try await sandbox.graphql(Self.members)
            #expect(limited.status == 429)
            #expect(limited.errorCode == "TOO_MANY_REQUESTS")
            #expect(limited.errorMessage == "Too many requests. Please try again later.")
            #expect(limited.headers["Retry-After"].isEmpty)
        }
    }

    @Test func introspectionCanBeSwitchedOff() async throws {
        let query = "{ __schema { queryType { name } } }"
        try await withSandbox { sandbox in
            let answer = try await sandbox.graphql(query)
            #expect(answer.errorMessage == nil)
        }
        try await withSandbox(healthie: HealthieOptions(productionMode: true)) { sandbox in
            let answer = try await sandbox.graphql(query)
            #expect(answer.errorMessage?.contains("introspection") == true)
        }
    }
}

/// One permission rule on every path to the same data, memberships resolved the same at every
/// depth, and errors shaped as GraphQL servers shape them.
@Suite struct HealthieFidelityTests {
    /// testState plus a key of a member who is neither admin nor provider, and a client of Jane's.
    static func state() -> SandboxState {
        var state = testState()
        state.healthie.members.append(
            HealthieMember(
                id: "2003", membershipID: "m2003", email: "nurse@riverside.example", firstName: "N", lastName: "Urse"))
        state.healthie.apiKeys.append(HealthieAPIKey(key: "nurse-key", admin: false, userID: "2003"))
        state.healthie.clients.append(
            HealthieClient(
                id: "3003", email: "janes.patient@example.com", firstName: "P", lastName: "Atient", dietitianID: "2002")
        )
        return state
    }

    @Test func aKeyWithoutAdminRightsCannotReadMembershipsOrOtherClientsByAnotherPath() async throws {
        try await withSandbox(state: Self.state()) { sandbox in
            let byID = #"{ user(id: "2001") { id email organization_membership { id can_see_billing } } }"#
            let admin = try await sandbox.graphql(byID)
            #expect(
                ((admin.data["user"] as? [String: Any])?["organization_membership"] as? [String: Any])?["id"] as? String
                    == "m2001")
            let provider = try await sandbox.graphql(byID, key: "plain-key")
            #expect(
                (provider.data["user"] as? [String: Any])?["id"] as? String == "2001", "a provider may look a user up")
            #expect(
                (provider.data["user"] as? [String: Any])?["organization_membership"] is NSNull,
                "but not their membership")
            let nurse = try await sandbox.graphql(byID, key: "nurse-key")
            #expect(nurse.errorCode == "FORBIDDEN")

            let clients = #"{ users(first: 10) { nodes { id } } }"#
            func ids(_ answer: Answer) -> [String] {
                ((answer.data["users"] as? [String: Any])?["nodes"] as? [[String: Any]] ?? []).compactMap {
                    $0["id"] as? String
                }
            }
            #expect(Set(ids(try await sandbox.graphql(clients))) == ["3001", "3003"])
            #expect(
                ids(try await sandbox.graphql(clients, key: "plain-key")) == ["3003"],
                "a provider sees their own clients")
            #expect(ids(try await sandbox.graphql(clients, key: "nurse-key")).isEmpty)
            let otherClient = try await sandbox.graphql(#"{ user(id: "3001") { id } }"#, key: "plain-key")
            #expect(otherClient.errorCode == "FORBIDDEN")
        }
    }

    @Test func aMembershipResolvesTheSameAtEveryDepth() async throws {
        try await withSandbox(state: Self.state()) { sandbox in
            let answer = try await sandbox.graphql(
                "{ currentUser { organization_membership { user { organization_membership { id user { id } } } } } }")
            let inner =
                (((answer.data["currentUser"] as? [String: Any])?["organization_membership"] as? [String: Any])?["user"]
                as? [String: Any])?["organization_membership"] as? [String: Any]
            #expect(inner?["id"] as? String == "m2001", "\(answer.text)")
            #expect((inner?["user"] as? [String: Any])?["id"] as? String == "2001")
        }
    }

    @Test func fieldErrorsNameTheirPathAndRequestErrorsDoNot() async throws {
        try await withSandbox(state: Self.state()) { sandbox in
            let forbidden = try await sandbox.graphql(
                "{ organizationMembers(first: 1) { total_count } }", key: "nurse-key")
            let error = try #require((forbidden.object["errors"] as? [[String: Any]])?.first)
            #expect(error["path"] as? [String] == ["organizationMembers"], "\(forbidden.text)")
            #expect((error["locations"] as? [[String: Any]])?.first?["line"] as? Int == 1)
            let unauthenticated = try await sandbox.graphql("{ currentUser { id } }", key: "no-such-key")
            let request = try #require((unauthenticated.object["errors"] as? [[String: Any]])?.first)
            #expect(request["path"] == nil && request["locations"] == nil, "\(unauthenticated.text)")
        }
    }
}
