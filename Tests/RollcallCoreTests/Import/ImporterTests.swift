import RollcallCore
import Testing

/// An import of `live`, written as a directory and as one file, each checked by its round trip.
struct ImportFixture {
    var draft: ImportDraft
    var files: [(name: String, text: String)]
    var roundTrip: ImportRoundTrip.Result

    static let practices = [
        Practice(key: "main", practiceID: 195_900, departments: []),
        Practice(key: "north", practiceID: 195_901, departments: []),
    ]

    init(_ live: LiveState, practices: [Practice] = Self.practices, layout: ImportWriter.Layout = .directory) throws {
        draft = Importer.draft(
            live: live, athena: AthenaSettings(baseURL: nil, practices: practices),
            healthie: live.healthie == nil
                ? nil : HealthieSettings(baseURL: nil, organizationID: "42", apiVersion: nil, sendInviteEmail: false))
        files = try ImportWriter(schemaReference: "rollcall.schema.json").files(draft, layout: layout)
        roundTrip = ImportRoundTrip.check(
            files: files.map { ConfigSourceFile(path: "out/\($0.name)", bytes: Array($0.text.utf8)) },
            origin: "out", draft: draft, live: live, today: CalendarDate(iso: "2026-11-24") ?? .unixEpoch)
    }

    func staff(_ id: String) -> ImportedStaff? { draft.staff.first { $0.id == id } }

    var text: String { files.map(\.text).joined() }
}

func user(
    _ id: Int, _ username: String, _ first: String, _ last: String, type: String = "STAFF", active: Bool = true,
    email: String? = nil, npi: String? = nil, departments: [Int] = [], provider: Int? = nil, supervisor: Int? = nil
) -> LiveAthenaUser {
    LiveAthenaUser(
        userID: id, username: username, firstName: first, lastName: last, userType: type, active: active, email: email,
        npi: npi, departmentIDs: departments, providerID: provider, supervisingProviderID: supervisor)
}

func member(
    _ id: String, _ email: String, _ first: String = "F", _ last: String = "L", active: Bool = true,
    orgRole: String? = "Standard", admin: Bool = false, provider: Bool = false, permissions: [String: Bool] = [:]
) -> LiveHealthieMember {
    LiveHealthieMember(
        userID: id, membershipID: "m\(id)", email: email, firstName: first, lastName: last, active: active,
        orgRole: orgRole, isAdmin: admin, isProvider: provider, permissions: permissions)
}

let mainDepartments = [
    LiveDepartment(departmentID: 1, name: "Main Clinic"), LiveDepartment(departmentID: 2, name: "Lab"),
]

func clinic(main: [LiveAthenaUser], north: [LiveAthenaUser] = [], members: [LiveHealthieMember]? = nil)
    -> LiveState
{
    LiveState(
        athena: [
            LiveAthenaPractice(practiceID: 195_900, users: main, providers: [], departments: mainDepartments),
            LiveAthenaPractice(
                practiceID: 195_901, users: north, providers: [],
                departments: [LiveDepartment(departmentID: 5, name: "North Clinic")]),
        ], healthie: members.map { LiveHealthie(members: $0, misroutedClients: []) })
}

@Suite struct ImporterTests {
    @Test func accountsJoinAcrossPracticesAndHealthieByEmailIgnoringCase() throws {
        let live = clinic(
            main: [user(10, "jdoe", "Jane", "Doe", email: "Jane.Doe@clinic.org", departments: [2, 1])],
            north: [user(20, "jdoe2", "Jane", "Doe", email: "jane.doe@clinic.org", departments: [5])],
            members: [member("7", "JANE.DOE@clinic.org", "Janie", "Doe", orgRole: "Support")])
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.draft.staff.count == 1)
        let jane = try #require(fixture.staff("jane.doe"))
        #expect(jane.email == "JANE.DOE@clinic.org")
        #expect(jane.practices.map(\.userID) == [10, 20])
        #expect(jane.practices.first?.departments == ["Main Clinic", "Lab"])
        #expect(jane.role == "athena-staff+healthie-support")
        #expect(jane.notes.contains { $0.contains("Healthie names this person 'Janie Doe'") })
    }

    @Test func peopleWhoShareAnEmailButNotANameStayApartAndOneKeepsTheEmail() throws {
        let live = clinic(
            main: [
                user(10, "front", "Ann", "Lee", email: "front@clinic.org"),
                user(11, "front2", "Bob", "Kay", email: "front@clinic.org"),
            ],
            north: [user(20, "alee", "Ann", "Lee", email: "front@clinic.org")])
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.draft.staff.count == 2)
        let ann = try #require(fixture.staff("front"))
        #expect(ann.email == "front@clinic.org")
        #expect(ann.practices.map(\.username) == ["front", "alee"])
        let bob = try #require(fixture.staff("front2"))
        #expect(bob.email == nil)
        #expect(bob.notes.contains { $0.contains("shares the email front@clinic.org with staff front") })
        #expect(
            fixture.text.contains(
                "# shares the email front@clinic.org with staff front, but the accounts hold another name"))
    }

    @Test func aUsernameReusedForAnotherNameInAnotherPracticeStaysApart() throws {
        let live = clinic(
            main: [user(10, "jsmith", "John", "Smith", email: "smith@clinic.org")],
            north: [user(20, "jsmith", "Jane", "Smith", email: "smith@clinic.org")])
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.draft.staff.map(\.id) == ["jsmith", "smith"])
        #expect(fixture.staff("jsmith")?.notes.first?.contains("another name") == true)
    }

    @Test func inactiveAccountsBecomeOffboardedAndAMemberWithAnotherStatusStaysApart() throws {
        let live = clinic(
            main: [user(10, "gone", "Old", "Timer", active: false, email: "old@clinic.org")],
            members: [member("7", "old@clinic.org", "Old", "Timer", active: true)])
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        let athena = try #require(fixture.draft.staff.first { !$0.practices.isEmpty })
        #expect(athena.status == .offboarded)
        #expect(athena.role == nil)
        #expect(athena.email == nil)
        let healthie = try #require(fixture.draft.staff.first { $0.practices.isEmpty })
        #expect(healthie.status == .active)
        #expect(healthie.email == "old@clinic.org")
    }

    @Test func whatNoRoleCanHoldIsProtectedWithItsReason() throws {
        let live = clinic(
            main: [
                user(1, "apiuser", "Integration", "Account", type: "ADMIN"),
                user(2, "clin", "Cli", "Nic", type: "CLINICAL", email: "clin@clinic.org"),
                user(3, "doc", "No", "Npi", type: "PROVIDER", email: "doc@clinic.org"),
                user(4, "Dup", "A", "One", email: "a@clinic.org"), user(5, "dup", "B", "Two", email: "b@clinic.org"),
            ],
            members: [member("7", "twice@clinic.org"), member("8", "Twice@clinic.org")])
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.draft.staff.isEmpty)
        let protected = fixture.draft.protected.map(\.account.description)
        #expect(
            protected == [
                "athena:main/apiuser", "athena:main/clin", "athena:main/doc", "athena:main/Dup", "athena:main/dup",
                "healthie:twice@clinic.org",
            ])
        let reasons = fixture.draft.protected.map(\.reason)
        #expect(reasons[0].contains("service account"))
        #expect(reasons[1].contains("usertype 'CLINICAL'"))
        #expect(reasons[2].contains("needs an NPI"))
        #expect(reasons[3].contains("more than one account"))
        #expect(reasons[5].contains("more than one Healthie member"))
        #expect(fixture.text.contains("    # its usertype 'CLINICAL' is not one a role can hold"))
    }

    @Test func supervisorsBecomeStaffIDsAndLoopsAreLeftUnmanaged() throws {
        let npis = ["1234567893", "1245319599", "1003000126"]
        let live = clinic(main: [
            user(1, "boss", "Bo", "Ss", type: "PROVIDER", email: "boss@clinic.org", npi: npis[0], provider: 71),
            user(
                2, "pa", "Pa", "Ul", type: "PROVIDER", email: "pa@clinic.org", npi: npis[1], provider: 72,
                supervisor: 71),
            user(3, "a", "A", "A", type: "PROVIDER", email: "a@clinic.org", npi: npis[2], provider: 73, supervisor: 73),
            user(4, "nurse", "Nu", "Rse", email: "nurse@clinic.org", supervisor: 99),
        ])
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.staff("pa")?.practices.first?.supervising == "boss")
        #expect(fixture.staff("a")?.practices.first?.supervising == nil)
        #expect(fixture.staff("a")?.notes.contains { $0.contains("form a loop") } == true)
        #expect(fixture.staff("nurse")?.notes.contains { $0.contains("supervising provider 99") } == true)
    }

    @Test func departmentsWithoutOneUsableNameAreLeftUnmanaged() throws {
        var live = clinic(main: [
            user(1, "a", "A", "A", email: "a@clinic.org", departments: [1, 77]),
            user(2, "b", "B", "B", email: "b@clinic.org", departments: [3]),
        ])
        live.athena[0].departments += [
            LiveDepartment(departmentID: 3, name: "Twin"), LiveDepartment(departmentID: 4, name: "Twin"),
        ]
        let fixture = try ImportFixture(live)
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.draft.athena?.practices.first?.departments == ["Main Clinic", "Lab"])
        #expect(fixture.staff("a")?.practices.first?.departments == nil)
        #expect(fixture.staff("b")?.notes.first?.contains("departments of b in main") == true)
    }

    @Test func hostileNamesRoundTripExactly() throws {
        let names = ["No", "~", "null", "0123", "*Star", "#Hash", "O'Brien", "Colon: Man", "\"Quoted\"", "Zoë 山田"]
        let users = names.enumerated().map { index, name in
            user(100 + index, name, name, name, email: "u\(index)@clinic.org", departments: [1])
        }
        let fixture = try ImportFixture(clinic(main: users), layout: .singleFile(name: "clinic.yaml"))
        #expect(fixture.roundTrip.problems == [])
        #expect(fixture.roundTrip.diagnostics.filter(\.isError).isEmpty)
        #expect(Set(fixture.draft.staff.flatMap(\.practices).map(\.username)) == Set(names))
    }

    @Test func anImportIsByteIdenticalAcrossRuns() throws {
        let live = clinic(
            main: [user(10, "jdoe", "Jane", "Doe", email: "jane@clinic.org")],
            members: [member("7", "jane@clinic.org", permissions: ["can_order_labs": true, "can_see_billing": false])])
        let first = try ImportFixture(live)
        let second = try ImportFixture(LiveState(athena: live.athena.reversed(), healthie: live.healthie))
        #expect(first.files.map(\.text) == second.files.map(\.text))
    }

    @Test func aMemberNoConfigCanHoldFailsTheRoundTripByName() throws {
        let fixture = try ImportFixture(clinic(main: [], members: [member("9", "it-admin@localhost")]))
        #expect(fixture.draft.unwritable.count == 1)
        #expect(fixture.roundTrip.problems.first?.hasPrefix("not written: Healthie member 9:") == true)
        #expect(!fixture.roundTrip.holds)
    }

    @Test func aFileThatDoesNotRoundTripIsNamed() throws {
        let live = clinic(main: [user(1, "ok", "O", "K", email: "ok@clinic.org")])
        let fixture = try ImportFixture(live)
        var changed = live
        changed.athena[0].users[0].firstName = "Changed"
        let check = ImportRoundTrip.check(
            files: fixture.files.map { ConfigSourceFile(path: "out/\($0.name)", bytes: Array($0.text.utf8)) },
            origin: "out", draft: fixture.draft, live: changed, today: .unixEpoch)
        #expect(check.problems == ["update athena[main].user[\"ok\"] (first_name)"])
    }
}
