import RollcallCore
import Testing

/// What a clinic IT admin reviewing plans tripped on, each pinned.
@Suite struct PlannerReviewTests {
    /// A pinned userid whose account has another username live: an identity conflict, not an
    /// unmanaged account, and the entry's changes (here a department) are held back.
    @Test func aPinnedUseridWithAnotherUsernameIsAnIdentityConflict() throws {
        let config = try PlanFixture.config(
            staff: """
                  - { id: ann, first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: alee, userid: 7, departments: [Main Clinic, Lab] } } }
                """)
        let live = PlanFixture.live(main: [PlanFixture.user(7, "annlee2", departments: [1])])
        let plan = PlanFixture.plan(config, live)
        let conflict = try #require(plan.findings(.identityConflict).first)
        #expect(conflict.address == .athenaUser(practice: "main", username: "alee"))
        #expect(conflict.message.contains("none of this entry's changes in practice main are in the plan"))
        #expect(conflict.message.contains("fix the username or the pin"))
        #expect(plan.findings(.unmanagedAccount).isEmpty)
        #expect(plan.changes.isEmpty)
    }

    @Test func aDeclaredDepartmentMissingLiveIsReportedEvenWhenNobodyUsesIt() throws {
        let config = try PlanFixture.config(staff: "  []")
        var live = PlanFixture.live()
        live.athena[0].departments.removeAll { $0.name == "Lab" }
        let plan = PlanFixture.plan(config, live)
        #expect(plan.findings(.missingDepartment).map(\.address) == [.athenaDepartment(practice: "main", name: "Lab")])
    }

    /// One escalation rule for every system: more access on an existing account, or a
    /// reactivation; on a new account only an admin-level grant.
    @Test func escalationsFollowOneRuleInEverySystem() throws {
        let config = try PlanFixture.config(
            staff: """
                  - { id: boss, first_name: B, last_name: Oss, email: boss@clinic.org, role: admin, practices: { main: { username: boss } } }
                  - { id: nina, first_name: N, last_name: Ina, email: nina@clinic.org, role: nurse, practices: { main: { username: nina } } }
                """)
        let live = PlanFixture.live(
            main: [PlanFixture.user(8, "nina", first: "N", last: "Ina", email: "nina@clinic.org", departments: [])],
            members: [PlanFixture.member("9", "nina@clinic.org", permissions: ["can_view_labs": false])])
        let plan = PlanFixture.plan(config, live)
        #expect(plan.change(#"athena[main].user["boss"]"#)?.isEscalation == true, "a new ADMIN")
        #expect(plan.change(#"healthie.member["boss@clinic.org"]"#)?.isEscalation == true, "a new Healthie admin")
        #expect(
            plan.field(#"healthie.member["boss@clinic.org"]"#, "can_edit_members")?.escalation == true,
            "managing staff is organization administration: admin-level even on a new account")
        #expect(plan.field(#"healthie.member["nina@clinic.org"]"#, "can_view_labs")?.escalation == true)
    }
}
