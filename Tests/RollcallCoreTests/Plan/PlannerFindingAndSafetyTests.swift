import RollcallCore
import Testing

/// Findings that are not changes, the unmanaged and protected policies, and the safety rails.
@Suite struct PlannerFindingAndSafetyTests {
    static let frontDesk = """
          - { id: fd, first_name: F, last_name: D, email: fd@clinic.org, role: front-desk, practices: { main: { username: fd, departments: [Main Clinic] } } }
        """

    static func live(unmanaged: Int = 1) -> LiveState {
        var users = [PlanFixture.user(1, "fd", first: "F", last: "D", email: "fd@clinic.org")]
        for index in 0..<unmanaged { users.append(PlanFixture.user(100 + index, "hand\(index)")) }
        users.append(PlanFixture.user(99, "apiuser", type: "ADMIN"))
        return PlanFixture.live(main: users, members: [PlanFixture.member("5", "stray@clinic.org")])
    }

    @Test(arguments: [UnmanagedPolicy.report, .deactivate, .ignore])
    func unmanagedAccountsFollowThePolicyAndProtectedOnesAreNeverTouched(_ policy: UnmanagedPolicy) throws {
        let config = try PlanFixture.config(
            staff: Self.frontDesk,
            policy: "  unmanaged: \(policy.rawValue)\n  protected: [athena:main/apiuser]\n  min_admins: 0")
        let plan = PlanFixture.plan(config, Self.live())
        let unmanaged = ["athena[main].user[\"hand0\"]", "healthie.member[\"stray@clinic.org\"]"]
        switch policy {
        case .report:
            #expect(plan.changes.isEmpty)
            #expect(plan.findings(.unmanagedAccount).map(\.address.description) == unmanaged)
        case .deactivate:
            #expect(plan.changes.map(\.address.description) == unmanaged)
            #expect(plan.changes.allSatisfy { $0.action == .deactivate && $0.staffID == nil })
        case .ignore:
            #expect(plan.changes.isEmpty)
            #expect(plan.findings.isEmpty)
        }
        #expect(!plan.changes.contains { $0.address.description.contains("apiuser") })
        #expect(!plan.findings.contains { $0.address.description.contains("apiuser") })
    }

    @Test func aProtectedAccountIsNotChangedEvenWhenAStaffEntryDiffers() throws {
        let staff = """
              - { id: gone, status: offboarded, email: it@clinic.org, practices: { main: { username: apiuser } } }
            """
        let config = try PlanFixture.config(
            staff: staff, policy: "  protected: [athena:main/APIUSER, healthie:IT@clinic.org]\n  min_admins: 0")
        let live = PlanFixture.live(
            main: [PlanFixture.user(99, "apiuser", type: "ADMIN")], members: [PlanFixture.member("1", "it@clinic.org")])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.changes.isEmpty)
        #expect(plan.findings(.protectedAccount).count == 2)
    }

    @Test func tooManyDeactivationsAreRefusedWithTheNumbersAndRecords() throws {
        let config = try PlanFixture.config(
            staff: Self.frontDesk, policy: "  unmanaged: deactivate\n  max_deactivations: 2\n  min_admins: 0")
        let plan = PlanFixture.plan(config, Self.live(unmanaged: 3))
        let refusal = try #require(plan.refusals.first)
        #expect(plan.refusals.count == 1)
        #expect(refusal.rule == "policy.max_deactivations")
        #expect(refusal.overridable)
        #expect(refusal.message.contains("deactivates 5 accounts"))
        #expect(refusal.message.contains("at most 2"))
        #expect(refusal.records.count == 5)
        let allowed = plan.allowingMassDeactivation()
        #expect(allowed.refusals.isEmpty)
        let lifted = try #require(allowed.findings(.massDeactivationAllowed).first)
        #expect(lifted.message.contains("deactivates 5 accounts"))
        #expect(!lifted.message.contains("pass --allow-mass-deactivation"), "it was passed already")
        #expect(allowed.changes == plan.changes)
        let text = PlanTextRenderer(colored: false).render(plan, read: nil)
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("Refused: this plan breaks 1 safety rule (policy.max_deactivations)"), "\(last)")
    }

    @Test func aPercentageLimitCountsManagedAccounts() throws {
        var staff = ""
        for index in 0..<10 {
            staff +=
                "  - { id: s\(index), status: \(index < 2 ? "offboarded" : "active"), first_name: S, last_name: N, "
            staff += "role: front-desk, practices: { main: { username: s\(index), departments: [Main Clinic] } } }\n"
        }
        let users = (0..<10).map { PlanFixture.user($0 + 1, "s\($0)", first: "S", last: "N") }
        let over = try PlanFixture.config(staff: staff, policy: "  max_deactivations: \"10%\"\n  min_admins: 0")
        let refusal = try #require(PlanFixture.plan(over, PlanFixture.live(main: users)).refusals.first)
        #expect(refusal.message.contains("10% of 10 managed accounts, which is 1"))
        let within = try PlanFixture.config(staff: staff, policy: "  max_deactivations: \"20%\"\n  min_admins: 0")
        #expect(PlanFixture.plan(within, PlanFixture.live(main: users)).refusals.isEmpty)
    }

    /// Losing admins below `min_admins` is refused, and no flag lifts it.
    @Test func aPlanLeavingTooFewAdminsIsRefusedWithoutOverride() throws {
        let staff = """
              - { id: boss, status: offboarded, email: boss@clinic.org, practices: { main: { username: boss } } }
            """
        let config = try PlanFixture.config(staff: staff, policy: "  min_admins: 1")
        let live = PlanFixture.live(
            main: [PlanFixture.user(1, "boss", type: "ADMIN")],
            north: [PlanFixture.user(2, "nadmin", type: "ADMIN")],
            members: [
                PlanFixture.member("7", "boss@clinic.org", admin: true),
                PlanFixture.member("8", "other@clinic.org", admin: true),
            ])
        let plan = PlanFixture.plan(config, live).allowingMassDeactivation()
        #expect(plan.refusals.map(\.rule) == ["policy.min_admins"])
        let refusal = try #require(plan.refusals.first)
        #expect(!refusal.overridable)
        #expect(refusal.message.contains("practice main (100) with 0 active athenaOne ADMIN users (it has 1)"))
        #expect(refusal.records == [.athenaUser(practice: "main", username: "boss")])
    }

    @Test func alreadyTooFewAdminsIsAWarningWhenThePlanRemovesNone() throws {
        let config = try PlanFixture.config(staff: PlannerFindingAndSafetyTests.frontDesk, policy: "  min_admins: 1")
        let live = PlanFixture.live(
            main: [PlanFixture.user(1, "fd", first: "F", last: "D", email: "fd@clinic.org")],
            north: [PlanFixture.user(2, "nadmin", type: "ADMIN")],
            members: [PlanFixture.member("8", "a@clinic.org", admin: true)])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.refusals.isEmpty)
        #expect(plan.findings(.fewAdmins).map(\.address.description) == ["athena[main]"])
    }

    @Test func aStaffEmailAmongHealthieClientsIsReportedNotChanged() throws {
        let config = try PlanFixture.config(staff: Self.frontDesk)
        var live = Self.live(unmanaged: 0)
        live.healthie?.misroutedClients = [
            LiveHealthieClient(userID: "3001", email: "FD@clinic.org", firstName: "F", lastName: "D", active: true),
            LiveHealthieClient(userID: "3002", email: "patient@x.org", firstName: "P", lastName: "X", active: true),
        ]
        let plan = PlanFixture.plan(config, live)
        let finding = try #require(plan.findings(.misroutedClient).first)
        #expect(plan.findings(.misroutedClient).count == 1)
        #expect(finding.address.description == "healthie.client[\"fd@clinic.org\"]")
        #expect(finding.message.contains("staff member fd's email"))
        #expect(!plan.changes.contains { $0.system == .healthie && $0.action == .create })
    }

    @Test func aDepartmentMissingLiveIsReportedOnceAndLeftOut() throws {
        let staff = """
              - { id: a, first_name: A, last_name: A, role: front-desk, practices: { main: { username: a, departments: [Lab, Radiology] } } }
              - { id: b, first_name: B, last_name: B, role: front-desk, practices: { main: { username: b, departments: [Radiology] } } }
            """
        let config = try PlanFixture.config(
            staff: staff.replacingOccurrences(of: "Radiology", with: "Pediatrics"))
        var live = PlanFixture.live()
        live.athena[0].departments.removeAll { $0.name == "Pediatrics" }
        let plan = PlanFixture.plan(config, live)
        #expect(
            plan.findings(.missingDepartment).map(\.address.description) == ["athena[main].department[\"Pediatrics\"]"])
        guard case .athenaCreate(_, let draft) = plan.change("athena[main].user[\"a\"]")?.operation else {
            Issue.record("a must be created")
            return
        }
        #expect(draft.departmentIDs == [3])
    }

    static let supervised = """
          - { id: doc, first_name: D, last_name: Oc, npi: "1234567893", role: physician, status: offboarded, email: doc@clinic.org, practices: { main: { username: doc, departments: [Main Clinic] } } }
          - { id: np, first_name: N, last_name: P, npi: "1245319599", role: physician, email: np@clinic.org, practices: { main: { username: np, departments: [Main Clinic] } } }
          - { id: rn, first_name: R, last_name: N, role: front-desk, practices: { main: { username: rn, departments: [Main Clinic], supervising: np } } }
        """

    @Test func deactivatingASupervisorIsWarnedAndComesAfterTheUpdates() throws {
        let config = try PlanFixture.config(staff: Self.supervised)
        let live = PlanFixture.live(
            main: [
                PlanFixture.user(
                    1, "doc", first: "D", last: "Oc", type: "PROVIDER", email: "doc@clinic.org", providerID: 71),
                PlanFixture.user(
                    2, "np", first: "N", last: "P", type: "PROVIDER", email: "np@clinic.org", providerID: 72),
                PlanFixture.user(3, "rn", first: "R", last: "N", supervising: 71),
                PlanFixture.user(4, "hand", supervising: 71),
            ],
            providers: [
                LiveAthenaProvider(providerID: 71, firstName: "D", lastName: "Oc", userID: 1),
                LiveAthenaProvider(providerID: 72, firstName: "N", lastName: "P", userID: 2),
            ])
        let plan = PlanFixture.plan(config, live)
        let actions = plan.changes.filter { $0.system == .athena }.map { "\($0.action) \($0.address)" }
        #expect(actions.last == "deactivate athena[main].user[\"doc\"]")
        #expect(
            plan.field("athena[main].user[\"rn\"]", "supervising_provider")
                == FieldChange(name: "supervising_provider", before: "71 (D Oc)", after: "72 (N P)"))
        let finding = try #require(plan.findings(.supervisorDeactivated).first)
        #expect(finding.address.description == "athena[main].user[\"doc\"]")
        #expect(finding.message.contains("of hand"))
        #expect(!finding.message.contains("rn"))
        #expect(finding.message.contains("provider 71 (D Oc)"))
        #expect(
            plan.change("athena[main].user[\"doc\"]")?.notes == [
                "D Oc, PROVIDER, userid 1",
                "supervises 1 active user (hand) as provider 71 (D Oc); none of them has an update in this plan, "
                    + "so they keep this supervisor until the config names another",
            ])
    }

    @Test func aSupervisorWithoutAProviderRecordLeavesSupervisionAlone() throws {
        let config = try PlanFixture.config(staff: Self.supervised)
        let live = PlanFixture.live(main: [PlanFixture.user(3, "rn", first: "R", last: "N", supervising: 77)])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.findings(.supervisorWithoutProvider).map(\.address.description) == ["athena[main].user[\"rn\"]"])
        #expect(plan.change("athena[main].user[\"rn\"]") == nil)
    }

    @Test func onlySystemsThatWereReadArePlanned() throws {
        let config = try PlanFixture.config(staff: Self.frontDesk)
        var live = Self.live()
        live.athena.removeAll()
        live.healthie = nil
        let plan = PlanFixture.plan(config, live)
        #expect(plan.changes.isEmpty)
        #expect(plan.findings.isEmpty)
    }
}
