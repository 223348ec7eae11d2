import RollcallCore
import Testing

/// Each kind of change the planner makes, on small hand-built states.
@Suite struct PlannerChangeTests {
    static let nurse = """
          - id: ann.lee
            first_name: Ann
            last_name: Lee
            email: ann.lee@clinic.org
            role: nurse
            practices:
              main: { username: alee, departments: [Main Clinic, Lab] }
        """

    @Test func aNewHireIsCreatedInEverySystemItsRoleNames() throws {
        let config = try PlanFixture.config(staff: Self.nurse)
        let plan = PlanFixture.plan(config, PlanFixture.live())
        #expect(
            plan.changes.map(\.address.description) == [
                "athena[main].user[\"alee\"]", "healthie.member[\"ann.lee@clinic.org\"]",
            ])
        #expect(plan.changes.allSatisfy { $0.action == .create })
        let athena = try #require(plan.change("athena[main].user[\"alee\"]"))
        #expect(
            athena.operation
                == .athenaCreate(
                    practiceID: 100,
                    draft: AthenaUserDraft(
                        username: "alee", firstName: "Ann", lastName: "Lee", userType: "STAFF",
                        email: "ann.lee@clinic.org", departmentIDs: [1, 3])))
        #expect(plan.field("athena[main].user[\"alee\"]", "departments")?.after == "[\"Main Clinic\" (1), \"Lab\" (3)]")
        let healthie = try #require(plan.change("healthie.member[\"ann.lee@clinic.org\"]"))
        guard case .healthieCreate(let draft, let settings) = healthie.operation else {
            Issue.record("a Healthie create must be a membership create")
            return
        }
        #expect(draft.orgRole == "Support")
        #expect(settings.permissions == ["can_see_billing": false, "can_view_labs": true])
        // On a new account only an admin-level grant is an escalation; a permission is not.
        #expect(plan.field("healthie.member[\"ann.lee@clinic.org\"]", "can_view_labs")?.escalation == false)
        #expect(plan.field("healthie.member[\"ann.lee@clinic.org\"]", "can_see_billing")?.escalation == false)
        #expect(plan.changes.allSatisfy { !$0.isEscalation })
        #expect(plan.summary == Plan.Summary(create: 2, update: 0, deactivate: 0, reactivate: 0))
    }

    /// Live matches in every managed field: usernames and emails as spelt in any case, departments in any order.
    @Test func matchingLiveStateGivesNoChanges() throws {
        let config = try PlanFixture.config(staff: Self.nurse)
        let live = PlanFixture.live(
            main: [PlanFixture.user(7, "ALee", email: "Ann.Lee@Clinic.org", departments: [3, 1])],
            members: [
                PlanFixture.member(
                    "9", "ann.lee@clinic.org", permissions: ["can_view_labs": true, "can_add_clients": true])
            ])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.changes.isEmpty)
        #expect(plan.findings.isEmpty)
        #expect(plan.refusals.isEmpty)
    }

    /// Only the fields the config manages are compared; each changed one shows before and after.
    @Test func anUpdateShowsEachChangedFieldAndHidesTheRest() throws {
        let config = try PlanFixture.config(staff: Self.nurse)
        let live = PlanFixture.live(
            main: [
                PlanFixture.user(7, "ALee", last: "Leigh", email: "ann.lee@clinic.org", departments: [1])
            ])
        let plan = PlanFixture.plan(config, live)
        let address = "athena[main].user[\"alee\"]"
        let change = try #require(plan.change(address))
        #expect(change.action == .update)
        #expect(change.recordID == "7")
        #expect(change.fields.map(\.name) == ["last_name", "departments"])
        #expect(
            plan.field(address, "last_name") == FieldChange(name: "last_name", before: "\"Leigh\"", after: "\"Lee\""))
        #expect(plan.field(address, "departments")?.before == "[\"Main Clinic\" (1)]")
        #expect(change.unchangedCount == 4)
        #expect(
            change.operation
                == .athenaUpdate(
                    practiceID: 100, userID: 7, patch: AthenaUserPatch(lastName: "Lee", departmentIDs: [1, 3])))
    }

    @Test func offboardedStaffAreDeactivatedWhereverTheyAreStillActive() throws {
        let staff = """
              - id: gone
                status: offboarded
                email: gone@clinic.org
                practices:
                  main: { username: gone }
                  north: { username: gone }
            """
        let config = try PlanFixture.config(staff: staff)
        let live = PlanFixture.live(
            main: [PlanFixture.user(7, "gone")], north: [PlanFixture.user(8, "gone", active: false)],
            members: [PlanFixture.member("9", "Gone@Clinic.org")])
        let plan = PlanFixture.plan(config, live)
        #expect(
            plan.changes.map(\.address.description) == [
                "athena[main].user[\"gone\"]", "healthie.member[\"gone@clinic.org\"]",
            ])
        #expect(plan.changes.allSatisfy { $0.action == .deactivate && $0.reason == "offboarded" })
        #expect(
            plan.change("healthie.member[\"gone@clinic.org\"]")?.operation
                == .healthieUpdate(membershipID: "m9", patch: HealthieMembershipPatch(active: false)))
    }

    @Test func expiredAccessIsDeactivatedAndExpiriesWithinTwoWeeksAreListed() throws {
        let staff = """
              - { id: past, first_name: P, last_name: Ast, role: front-desk, expires: 2026-11-23, practices: { main: { username: past } } }
              - { id: soon, first_name: S, last_name: Oon, role: front-desk, expires: 2026-12-08, practices: { main: { username: soon } } }
              - { id: later, first_name: L, last_name: Ater, role: front-desk, expires: 2026-12-09, practices: { main: { username: later } } }
              - { id: today, first_name: T, last_name: Oday, role: front-desk, expires: 2026-11-24, practices: { main: { username: today } } }
            """
        let config = try PlanFixture.config(staff: staff)
        let users = ["past", "soon", "later", "today"].enumerated().map { index, name in
            PlanFixture.user(index + 1, name, first: String(name.prefix(1)).uppercased(), last: "x")
        }
        let plan = PlanFixture.plan(config, PlanFixture.live(main: users))
        let past = try #require(plan.change("athena[main].user[\"past\"]"))
        #expect(past.action == .deactivate)
        #expect(past.reason == "access expired on 2026-11-23")
        #expect(!plan.changes.contains { $0.action == .deactivate && $0.address != past.address })
        #expect(plan.findings(.upcomingExpiry).map(\.address.description) == ["staff[\"soon\"]", "staff[\"today\"]"])
        #expect(plan.findings(.upcomingExpiry).first?.message.contains("in 14 days") == true)
    }

    @Test func anInactiveAccountOfActiveStaffIsReactivated() throws {
        let config = try PlanFixture.config(staff: Self.nurse)
        let live = PlanFixture.live(
            main: [PlanFixture.user(7, "alee", active: false, email: "ann.lee@clinic.org", departments: [1, 3])],
            members: [
                PlanFixture.member("9", "ann.lee@clinic.org", active: false, permissions: ["can_view_labs": true])
            ])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.changes.map(\.action) == [.reactivate, .reactivate])
        #expect(
            plan.field("athena[main].user[\"alee\"]", "active")
                == FieldChange(name: "active", before: "false", after: "true", escalation: true))
        #expect(plan.summary.reactivate == 2)
    }

    /// Identity is the pinned userid, else the username; never the person's name.
    @Test func accountsMatchByPinnedIDOrUsernameNeverByName() throws {
        let staff = """
              - id: ann.lee
                first_name: Ann
                last_name: Lee
                role: front-desk
                practices:
                  main: { username: alee, departments: [Main Clinic] }
                  north: { username: alee2, userid: 55, departments: [North Clinic] }
            """
        let config = try PlanFixture.config(staff: staff)
        let live = PlanFixture.live(
            main: [PlanFixture.user(7, "annlee", first: "Ann", last: "Lee")],
            north: [PlanFixture.user(55, "alee2", departments: [5]), PlanFixture.user(56, "ALEE2", departments: [5])])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.change("athena[main].user[\"alee\"]")?.action == .create)
        #expect(plan.findings(.unmanagedAccount).map(\.address.description).contains("athena[main].user[\"annlee\"]"))
        #expect(plan.change("athena[north].user[\"alee2\"]") == nil)
        #expect(plan.findings(.unmanagedAccount).map(\.address.description).contains("athena[north].user[\"ALEE2\"]"))
    }

    @Test func healthieFlagsAreDiffedOneByOneAndGainingAccessIsMarked() throws {
        let staff = """
              - { id: boss, first_name: B, last_name: Oss, email: boss@clinic.org, role: admin, practices: { main: { username: boss, departments: [Main Clinic] } } }
            """
        let config = try PlanFixture.config(staff: staff)
        let live = PlanFixture.live(
            main: [PlanFixture.user(1, "boss", first: "B", last: "Oss", type: "ADMIN", email: "boss@clinic.org")],
            members: [
                PlanFixture.member(
                    "9", "boss@clinic.org", orgRole: "Support",
                    permissions: ["can_edit_members": false, "can_see_billing": true])
            ])
        let plan = PlanFixture.plan(config, live)
        let address = "healthie.member[\"boss@clinic.org\"]"
        let change = try #require(plan.change(address))
        #expect(change.fields.map(\.name) == ["org_role", "is_admin", "can_edit_members"])
        #expect(change.fields.allSatisfy { $0.escalation })
        #expect(change.isEscalation)
        #expect(
            plan.field(address, "is_admin")
                == FieldChange(name: "is_admin", before: "false", after: "true", escalation: true))
        #expect(
            change.operation
                == .healthieUpdate(
                    membershipID: "m9",
                    patch: HealthieMembershipPatch(
                        orgRole: "Standard", isAdmin: true, permissions: ["can_edit_members": true])))
    }

    /// A user type raised to ADMIN is an escalation too.
    @Test func anAthenaUserRaisedToAdminIsAnEscalation() throws {
        let staff = """
              - { id: boss, first_name: B, last_name: Oss, email: boss@clinic.org, role: admin, practices: { main: { username: boss, departments: [Main Clinic] } } }
            """
        let config = try PlanFixture.config(staff: staff)
        let live = PlanFixture.live(
            main: [PlanFixture.user(1, "boss", first: "B", last: "Oss", email: "boss@clinic.org")],
            members: [
                PlanFixture.member(
                    "9", "boss@clinic.org", orgRole: "Standard", admin: true, permissions: ["can_edit_members": true])
            ])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.changes.count == 1)
        #expect(
            plan.field("athena[main].user[\"boss\"]", "user_type")
                == FieldChange(name: "user_type", before: "\"STAFF\"", after: "\"ADMIN\"", escalation: true))
    }

    @Test func changesAreOrderedCreatesThenUpdatesThenDeactivations() throws {
        let staff = """
              - { id: gone, status: offboarded, practices: { main: { username: gone } } }
              - { id: upd, first_name: U, last_name: Pd, role: front-desk, practices: { main: { username: upd, departments: [Lab] } } }
              - { id: new, first_name: N, last_name: Ew, role: front-desk, practices: { main: { username: new, departments: [Lab] } } }
            """
        let config = try PlanFixture.config(staff: staff)
        let live = PlanFixture.live(main: [
            PlanFixture.user(1, "gone"), PlanFixture.user(2, "upd", first: "U", last: "Pd"),
        ])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.changes.map(\.action) == [.create, .update, .deactivate])
    }
}
