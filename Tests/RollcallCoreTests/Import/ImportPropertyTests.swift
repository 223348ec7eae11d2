import RollcallCore
import RollcallTestSupport
import Testing

/// Over many generated clinics, messy the way live tenants are (shared emails, reused
/// usernames, unknown usertypes, broken NPIs, unnamed departments, supervising loops,
/// hostile names): the import always round-trips to zero changes, leaves no account out,
/// and writes the same bytes every time.
@Suite struct ImportPropertyTests {
    static let names = [
        "Ann", "Bob", "No", "~", "null", "0123", "*Star", "#Hash", "O'Brien", "Colon: Man", "Zoë", "山田", "True", "- x",
        "@home", "\"Q\"",
    ]
    static let emails = (0..<12).map { "p\($0)@clinic.org" } + ["P1@Clinic.org", "bad-address", ""]
    static let usertypes = ["STAFF", "STAFF", "PROVIDER", "ADMIN", "CLINICAL"]
    static let orgRoles: [String?] = ["Standard", "Support", nil, "Owner"]

    static func clinic(seed: UInt64) -> LiveState {
        var random = SeededGenerator(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        var practices: [LiveAthenaPractice] = []
        var nextUserID = 100
        for (practiceIndex, practiceID) in [195_900, 195_901].enumerated() {
            var departments = [
                LiveDepartment(departmentID: 1, name: "Main Clinic"), LiveDepartment(departmentID: 2, name: "Lab"),
            ]
            if Bool.random(using: &random) { departments.append(LiveDepartment(departmentID: 3, name: "Lab")) }
            var users: [LiveAthenaUser] = []
            var providers: [LiveAthenaProvider] = []
            for index in 0..<Int.random(in: 0...25, using: &random) {
                nextUserID += 1
                let first = pick(names)
                let usertype = pick(usertypes)
                let providerID = usertype == "PROVIDER" || Int.random(in: 0..<6, using: &random) == 0 ? 70 + index : nil
                let npi = pick([nil, SyntheticConfig.npi(for: index + practiceIndex * 7), "123"])
                if let providerID {
                    providers.append(
                        LiveAthenaProvider(
                            providerID: providerID, firstName: first, lastName: "P", npi: npi, userID: nextUserID))
                }
                users.append(
                    LiveAthenaUser(
                        userID: nextUserID,
                        username: Int.random(in: 0..<10, using: &random) == 0 ? "Dup" : "u\(nextUserID)",
                        firstName: first, lastName: pick(names), userType: usertype,
                        active: Int.random(in: 0..<5, using: &random) != 0, email: pick(emails + [nil]), npi: npi,
                        departmentIDs: pick([[], [1], [1, 2], [3], [9], [2, 2]]), providerID: providerID,
                        supervisingProviderID: Bool.random(using: &random)
                            ? 70 + Int.random(in: 0...25, using: &random) : nil))
            }
            practices.append(
                LiveAthenaPractice(practiceID: practiceID, users: users, providers: providers, departments: departments)
            )
        }
        let flags = ["can_order_labs", "can_see_billing", "can_add_members", "can_view_reports"]
        let members = (0..<Int.random(in: 0...14, using: &random)).map { index in
            LiveHealthieMember(
                userID: String(5_000 + index), membershipID: "m\(index)", email: pick(Array(emails.prefix(13))),
                firstName: pick(names), lastName: pick(names), active: Int.random(in: 0..<4, using: &random) != 0,
                orgRole: pick(orgRoles), isAdmin: Bool.random(using: &random), isProvider: Bool.random(using: &random),
                permissions: Dictionary(uniqueKeysWithValues: flags.map { ($0, Bool.random(using: &random)) }))
        }
        return LiveState(athena: practices, healthie: LiveHealthie(members: members, misroutedClients: []))
    }

    @Test(arguments: 0..<120)
    func everyGeneratedClinicRoundTrips(seed: Int) throws {
        let live = Self.clinic(seed: UInt64(seed))
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [], "seed \(seed):\n\(fixture.text)")

        let again = try ImportFixture(live)
        #expect(again.files.map(\.text) == fixture.files.map(\.text))
    }

    @Test(arguments: 0..<40)
    func everyLiveAccountLandsInTheOutput(seed: Int) throws {
        let live = Self.clinic(seed: UInt64(seed))
        let fixture = try ImportFixture(live)
        let protected = Set(fixture.draft.protected.map(\.account.description))
        for (practice, read) in zip(ImportFixture.practices, live.athena) {
            for user in read.users {
                let pinned = fixture.draft.staff.contains { entry in
                    entry.practices.contains { $0.practice == practice.key && $0.userID == user.userID }
                }
                #expect(
                    pinned || protected.contains("athena:\(practice.key)/\(user.username)"),
                    "seed \(seed): user \(user.userID) is nowhere")
            }
        }
        for member in live.healthie?.members ?? [] {
            let listed = fixture.draft.staff.contains { $0.email?.lowercased() == member.email.lowercased() }
            let guarded = protected.contains { $0.lowercased() == "healthie:\(member.email.lowercased())" }
            #expect(listed || guarded, "seed \(seed): member \(member.email) is nowhere")
        }
    }
}

/// The benchmark's clinic, smaller: thousands of accounts with drift (renamed, moved,
/// deactivated, hand-made) import to config that plans to nothing.
@Suite struct ImportSyntheticClinicTests {
    @Test func aDriftedSyntheticClinicRoundTrips() throws {
        let clinic = SyntheticClinic(practices: 2, usersPerPractice: 600)
        let live = clinic.live(drift: 0.05)
        let practices = [
            Practice(key: "p1", practiceID: 300_000, departments: []),
            Practice(key: "p2", practiceID: 300_001, departments: []),
        ]
        let fixture = try ImportFixture(live, practices: practices)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.draft.staff.filter { $0.status == .offboarded }.count > 0)
        #expect(fixture.draft.protected.map(\.account.description) == ["athena:p1/apiuser", "athena:p2/apiuser"])
        let users = live.athena.reduce(0) { $0 + $1.users.count }
        #expect(fixture.draft.staff.reduce(0) { $0 + $1.practices.count } == users - 2)
    }
}
