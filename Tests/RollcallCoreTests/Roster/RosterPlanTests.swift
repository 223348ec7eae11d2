import RollcallCore
import Testing

/// Joiners, movers and leavers from the HR export, as the plan makes them.
@Suite struct RosterPlanTests {
    typealias F = RosterFixture
    static let today = PlanFixture.today  // 2026-11-24

    /// Ann Lee's athenaOne account in main as a nurse at Main Street has it.
    static func annInMain(id: Int = 1, username: String = "alee", active: Bool = true, email: String? = nil)
        -> LiveAthenaUser
    {
        PlanFixture.user(id, username, active: active, email: email ?? "ann.lee@clinic.org", departments: [1])
    }

    static func annMember(active: Bool = true) -> LiveHealthieMember {
        PlanFixture.member(
            "9", "ann.lee@clinic.org", active: active, orgRole: "Support",
            permissions: ["can_see_billing": false, "can_view_labs": true])
    }

    @Test func aNewHireGetsTheAccountsHerTitleAndLocationSayWithTheRowAsSource() throws {
        let config = try F.config(rows: [
            F.row("1042", "Zoë", "Martínez", email: "zoe@clinic.org", location: "North Campus")
        ])
        let plan = F.plan(config, PlanFixture.live())
        let north = try #require(plan.change(#"athena[north].user["zmartinez"]"#), "\(plan.changes.map(\.address))")
        #expect(plan.change(#"athena[main].user["zmartinez"]"#) != nil, "North Campus also gives main's Lab")
        #expect(plan.change(#"healthie.member["zoe@clinic.org"]"#) != nil)
        #expect(
            north.source
                == ChangeSource(
                    RosterLink(
                        file: "hr/roster.csv", line: 2, key: "1042", jobTitle: "Registered Nurse",
                        location: "North Campus")))
        #expect(north.staffID == "1042")
        let text = PlanTextRenderer(colored: false).render(plan, read: nil)
        #expect(text.contains("# from hr/roster.csv:2 (1042, Registered Nurse at North Campus)"), "\(text)")
    }

    @Test func aPersonWhoIsAsHRSaysHasNoChange() throws {
        let config = try F.config(rows: [F.row("1042")])
        let plan = F.plan(config, PlanFixture.live(main: [Self.annInMain()], members: [Self.annMember()]))
        #expect(plan.changes.isEmpty, "\(plan.changes.map(\.address))")
        #expect(plan.findings.isEmpty, "\(plan.findings)")
    }

    @Test func aHireAfterTodayGetsNoAccountsYetAndAFindingNamingTheDay() throws {
        let config = try F.config(rows: [F.row("1042", hired: "12/1/2026")])
        let before = F.plan(config, PlanFixture.live())
        #expect(before.changes.isEmpty)
        let finding = try #require(before.findings.first { $0.kind == .upcomingStart })
        #expect(finding.severity == .info)
        #expect(finding.message.contains("starts on 2026-12-01 (in 7 days)"), "\(finding.message)")
        let onTheDay = F.plan(config, PlanFixture.live(), today: CalendarDate(iso: "2026-12-01") ?? .unixEpoch)
        #expect(onTheDay.changes.map(\.action) == [.create, .create])
    }

    @Test func aTerminationDateIsTheLastDayOfAccess() throws {
        let live = PlanFixture.live(main: [Self.annInMain()], members: [Self.annMember()])
        let future = F.plan(try F.config(rows: [F.row("1042", ends: "11/30/2026")]), live)
        #expect(future.changes.isEmpty, "access lasts through the last day")
        #expect(future.findings.contains { $0.kind == .upcomingExpiry }, "within 14 days: the reviewer is told")
        let onTheDay = F.plan(try F.config(rows: [F.row("1042", ends: "11/24/2026")]), live)
        #expect(onTheDay.changes.isEmpty, "the last day itself still has access")
        let past = F.plan(try F.config(rows: [F.row("1042", ends: "11/23/2026")]), live)
        #expect(past.changes.map(\.action) == [.deactivate, .deactivate])
        #expect(past.changes.first?.reason == "access expired on 2026-11-23")
    }

    @Test func terminatedWithoutADateIsOffboarded() throws {
        let config = try F.config(rows: [F.row("1042", status: "TERMINATED")])
        let plan = F.plan(config, PlanFixture.live(main: [Self.annInMain()], members: [Self.annMember()]))
        #expect(plan.changes.map(\.action) == [.deactivate, .deactivate], "statuses compare ignoring case")
        #expect(plan.changes.allSatisfy { $0.source?.key == "1042" })
    }

    @Test func aLeaveKeepsOrSuspendsAndTheReturnReactivates() throws {
        let live = PlanFixture.live(main: [Self.annInMain()], members: [Self.annMember()])
        let kept = F.plan(try F.config(rows: [F.row("1042", status: "On Leave")]), live)
        #expect(kept.changes.isEmpty, "on_leave: keep leaves the accounts as they are")
        let suspend = F.roster(onLeave: "suspend")
        let suspended = F.plan(try F.config(rows: [F.row("1042", status: "On Leave")], roster: suspend), live)
        #expect(suspended.changes.map(\.action) == [.deactivate, .deactivate])
        #expect(suspended.changes.first?.reason == "on leave (roster.on_leave: suspend)")
        let away = PlanFixture.live(main: [Self.annInMain(active: false)], members: [Self.annMember(active: false)])
        let back = F.plan(try F.config(rows: [F.row("1042")], roster: suspend), away)
        #expect(back.changes.map(\.action) == [.reactivate, .reactivate])
        #expect(back.changes.allSatisfy { $0.isEscalation }, "a reactivation is an escalation")
    }

    @Test func noneMeansNoAccountsAndDeactivatesAnyThereAre() throws {
        let billing = F.plan(
            try F.config(rows: [F.row("1042", title: "Billing")]),
            PlanFixture.live(main: [Self.annInMain()]))
        #expect(billing.changes.map(\.action) == [.deactivate])
        let corporate = F.plan(try F.config(rows: [F.row("1042", location: "Corporate")]), PlanFixture.live())
        #expect(corporate.changes.isEmpty)
        #expect(corporate.findings.isEmpty, "none is a mapping, not a gap")
    }

    /// A person who leaves the export is unmanaged: policy.unmanaged decides, and
    /// max_deactivations refuses the plan a truncated export would make.
    @Test func aPersonWhoLeavesTheFileIsUnmanagedAndATruncatedExportIsRefused() throws {
        let policy = "  unmanaged: deactivate\n  max_deactivations: 2\n  min_admins: 0"
        let people = (1...4).map {
            PlanFixture.user($0, "u\($0)", first: "P\($0)", last: "Q", email: "p\($0)@clinic.org")
        }
        let rows = (1...4).map { F.row("\($0)", "P\($0)", "Q", email: "p\($0)@clinic.org", title: "Front Desk") }
        let roster = F.roster(extra: "") + "\n  username: \"u{id}\""
        let whole = F.plan(try F.config(rows: rows, policy: policy, roster: roster), PlanFixture.live(main: people))
        #expect(whole.changes.isEmpty, "\(whole.changes.map(\.address))")
        let oneLeft = F.plan(
            try F.config(rows: Array(rows.dropFirst()), policy: policy, roster: roster), PlanFixture.live(main: people))
        #expect(oneLeft.changes.map(\.address.key) == ["u1"])
        #expect(oneLeft.changes.first?.reason?.contains("policy.unmanaged: deactivate") == true)
        let truncated = F.plan(
            try F.config(rows: Array(rows.prefix(1)), policy: policy, roster: roster), PlanFixture.live(main: people))
        #expect(truncated.refusals.map(\.rule) == ["policy.max_deactivations"])
    }

    @Test(arguments: [
        (
            "an unmapped title", F.row("1042", title: "Medical Scribe"),
            "job title 'Medical Scribe' is not in roster.roles"
        ),
        ("an unmapped location", F.row("1042", location: "Remote"), "location 'Remote' is not in roster.locations"),
        (
            "a provider without an NPI", F.row("1042", title: "Physician"),
            "usertype PROVIDER, but there is no valid NPI"
        ),
        (
            "a provider with a broken NPI", F.row("1042", title: "Physician", npi: "1234567890"),
            "the NPI '1234567890' in the row is not valid"
        ),
    ])
    func whatCannotBeResolvedIsHeldBackNotGuessed(what: String, row: String, reason: String) throws {
        let policy = "  unmanaged: deactivate\n  max_deactivations: 50\n  min_admins: 0"
        let config = try F.config(rows: [row], policy: policy)
        let live = PlanFixture.live(main: [Self.annInMain(type: "STAFF")], members: [Self.annMember()])
        let plan = F.plan(config, live)
        #expect(
            plan.changes.isEmpty,
            "\(what): held back, and its accounts are not unmanaged: \(plan.changes.map(\.address))")
        let finding = try #require(plan.findings.first { $0.kind == .rosterHeldBack }, "\(plan.findings)")
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("hr/roster.csv:2 (1042"), "\(finding.message)")
        #expect(finding.message.contains(reason), "\(finding.message)")
    }

    @Test func aUsernameTheRosterMakesTwiceHoldsBothBack() throws {
        let config = try F.config(rows: [F.row("1", "John", "Smith"), F.row("2", "Jane", "Smith")])
        let plan = F.plan(config, PlanFixture.live())
        #expect(plan.changes.isEmpty)
        let held = plan.findings.filter { $0.kind == .rosterHeldBack }
        #expect(held.map(\.address.key).sorted() == ["1", "2"])
        #expect(held.allSatisfy { $0.message.contains("the username 'jsmith' in practice main is made from 2 rows") })
        #expect(held.allSatisfy { $0.message.contains("pin one with a staff entry") })
    }

    /// jsmith exists live under another email: someone else's account, never taken over.
    @Test func aUsernameLiveUnderAnotherEmailHoldsThePersonBack() throws {
        let config = try F.config(rows: [F.row("1", "John", "Smith", email: "john.smith@clinic.org")])
        let theirs = PlanFixture.user(5, "jsmith", first: "Jack", last: "Smith", email: "jack@clinic.org")
        let plan = F.plan(config, PlanFixture.live(main: [theirs]))
        #expect(plan.changes.isEmpty, "\(plan.changes.map(\.address))")
        let finding = try #require(plan.findings.first { $0.kind == .rosterHeldBack })
        #expect(
            finding.message.contains("'jsmith' is held live in practice main (user 5) under the email jack@clinic.org"))
        let unmarked = PlanFixture.user(5, "jsmith", first: "John", last: "Smith", email: nil)
        #expect(F.plan(config, PlanFixture.live(main: [unmarked])).changes.isEmpty, "no email is not this person's")
    }

    @Test func anEmailTwoRowsOrARowAndAnEntryShareHoldsTheRowsBack() throws {
        let shared = try F.config(rows: [
            F.row("1", "Ann", "Lee", email: "desk@clinic.org", title: "Front Desk"),
            F.row("2", "Bo", "Li", email: "DESK@clinic.org", title: "Front Desk"),
        ])
        let held = F.plan(shared, PlanFixture.live()).findings.filter { $0.kind == .rosterHeldBack }
        #expect(held.count == 2)
        #expect(held.allSatisfy { $0.message.contains("the email 'desk@clinic.org' is on 2 rows") })
        let entry = "  - { id: bo.li, first_name: Bo, last_name: Li, email: desk@clinic.org, role: front-desk }"
        let withEntry = try F.config(rows: [F.row("1", email: "desk@clinic.org", title: "Front Desk")], staff: entry)
        let finding = try #require(F.plan(withEntry, PlanFixture.live()).findings.first { $0.kind == .rosterHeldBack })
        #expect(finding.message.contains("belongs to staff entry bo.li"))
    }

    @Test func aRosterIDEntryWinsForAccessWhileTheRosterKeepsTheLifecycle() throws {
        let entry = """
              - roster_id: "1042"
                role: front-desk
                practices: { north: { username: annie, departments: [North Clinic] } }
            """
        let config = try F.config(rows: [F.row("1042", email: "ann@clinic.org")], staff: entry)
        let ann = try #require(config.staff.first { $0.id == "1042" })
        #expect(ann.role?.name == "front-desk")
        #expect(ann.practices.map(\.username) == ["annie"])
        #expect(
            ann.firstName == "Ann" && ann.email == "ann@clinic.org", "the roster fills in what the entry leaves out")
        let plan = F.plan(config, PlanFixture.live())
        #expect(plan.changes.map(\.address.description) == [#"athena[north].user["annie"]"#])
        let offboarded = try F.config(
            rows: [F.row("1042")], staff: "  - { roster_id: \"1042\", status: offboarded }")
        #expect(offboarded.staff.first { $0.id == "1042" }?.status == .offboarded, "the stricter status wins")
        let terminated = try F.config(rows: [F.row("1042", status: "Terminated")], staff: entry)
        #expect(terminated.staff.first { $0.id == "1042" }?.status == .offboarded)
    }

    @Test func aRosterIDTheExportDoesNotHoldOffboardsThePerson() throws {
        let entry = "  - { roster_id: \"77\", email: gone@clinic.org, practices: { main: { username: gone } } }"
        let config = try F.config(rows: [F.row("1042")], staff: entry)
        let live = PlanFixture.live(main: [PlanFixture.user(3, "gone", email: "gone@clinic.org")])
        let plan = F.plan(config, live)
        #expect(plan.change(#"athena[main].user["gone"]"#)?.action == .deactivate)
        let finding = try #require(plan.findings.first { $0.kind == .rosterEntryMissing })
        #expect(finding.message.contains("roster_id 77 is not in the roster"))
    }

    @Test func usernamesAreFoldedToASCIILowerCase() {
        #expect(RosterUsername.make("{f}{last}", first: "Zoë", last: "Martínez", id: "1") == "zmartinez")
        #expect(RosterUsername.make("{first}.{l}{id}", first: "Ødd Ann", last: "O'Brien", id: "A-7") == "ddann.oa-7")
        #expect(RosterUsername.make("{f}{last}", first: "Luis", last: "Núñez, Jr", id: "1") == "lnunezjr")
        #expect(RosterUsername.problem(with: "{f}{surname}") != nil)
        #expect(RosterUsername.problem(with: "admin") != nil)
    }
}

extension RosterPlanTests {
    static func annInMain(type: String) -> LiveAthenaUser {
        PlanFixture.user(1, "alee", type: type, email: "ann.lee@clinic.org", departments: [1])
    }
}

extension RosterPlanTests {
    /// A refining entry may keep an id of its own; the row still drives it.
    @Test func aRefiningEntryKeepsItsOwnID() throws {
        let entry = "  - { id: ann.lee, roster_id: \"1042\" }"
        let config = try F.config(rows: [F.row("1042")], staff: entry)
        let ann = try #require(config.staff.first { $0.rosterID == "1042" })
        #expect(ann.id == "ann.lee")
        #expect(ann.roster?.key == "1042")
        #expect(config.staff.count == 1)
    }
}

extension RosterPlanTests {
    /// Statuses, titles and locations are read as written or in another case, with space
    /// around them (quoted or not) left out; a doubled quote in a quoted name reads as one.
    @Test func valuesReadIgnoringCaseAndSurroundingSpace() throws {
        let rows = [
            "1042,Ann, Lee ,ann.lee@clinic.org,  ACTIVE ,registered nurse,\" Main Street \",01/02/2020,,",
            "7,\"Bo \"\"B\"\"\",Li,bo.li@clinic.org,Active,Front Desk,main street,01/02/2020,,",
        ]
        let config = try F.config(rows: rows)
        let ann = try #require(config.staff.first { $0.id == "1042" })
        #expect(ann.status == .active && ann.roster?.heldBack == nil, "\(String(describing: ann.roster))")
        #expect(ann.lastName == "Lee")
        #expect(ann.role?.name == "nurse")
        #expect(ann.practices.map(\.username) == ["alee"])
        let bo = try #require(config.staff.first { $0.id == "7" })
        #expect(bo.firstName == "Bo \"B\"")
        #expect(bo.practices.map(\.practice) == ["main"])
    }
}
