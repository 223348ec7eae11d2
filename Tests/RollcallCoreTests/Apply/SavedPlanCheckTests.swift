import RollcallCore
import Testing

/// A saved change is trusted in no part on its own: its labels must say what its operation
/// does, and apply's safety rules count operations, not labels.
@Suite struct SavedPlanCheckTests {
    static let staff = """
          - { id: ann, first_name: Ann, last_name: Lee, role: admin, email: ann@clinic.org, practices: { main: { username: alee } } }
          - { id: bob, status: offboarded, practices: { main: { username: bob } } }
        """
    static let live = PlanFixture.live(
        main: [
            PlanFixture.user(1, "alee", type: "ADMIN"), PlanFixture.user(2, "bob"), PlanFixture.user(3, "cat"),
            PlanFixture.user(4, "dan"), PlanFixture.user(5, "root", type: "ADMIN"),
        ])

    static func deactivation(_ userID: Int, _ username: String, practice: String = "main", practiceID: Int = 100)
        -> PlannedChange
    {
        PlannedChange(
            system: .athena, action: .deactivate, address: .athenaUser(practice: practice, username: username),
            staffID: nil, practice: practice, fields: [FieldChange(name: "active", before: "true", after: "false")],
            unchangedCount: 0,
            operation: .athenaUpdate(practiceID: practiceID, userID: userID, patch: AthenaUserPatch(active: false)),
            precondition: .absent(key: username))
    }

    static func relabelled(_ change: PlannedChange, action: PlannedChange.Action) -> PlannedChange {
        var forged = change
        forged.action = action
        forged.id = ChangeID.make(address: forged.address, action: action)
        return forged
    }

    @Test func maxDeactivationsCountsDeactivatingOperationsWhateverTheirLabel() throws {
        let config = try PlanFixture.config(staff: Self.staff, policy: "  max_deactivations: 2\n  min_admins: 0")
        let changes = [(2, "bob"), (3, "cat"), (4, "dan")].map {
            Self.relabelled(Self.deactivation($0.0, $0.1), action: .update)
        }
        let refusals = Planner.refusals(
            applying: changes, config: config, live: Self.live, policy: config.policy, today: PlanFixture.today)
        #expect(refusals.map(\.rule) == ["policy.max_deactivations"])
    }

    @Test func minAdminsCountsThePracticeTheOperationWritesInWhateverItsLabel() throws {
        let config = try PlanFixture.config(staff: Self.staff, policy: "  min_admins: 1")
        var changes = [Self.deactivation(1, "alee"), Self.deactivation(5, "root")]
        for index in changes.indices { changes[index].practice = "north" }
        let refusals = Planner.refusals(
            applying: changes, config: config, live: Self.live, policy: config.policy, today: PlanFixture.today)
        #expect(refusals.map(\.rule) == ["policy.min_admins"])
    }

    @Test func aChangeAgreeingWithItselfInsideTheConfigPasses() throws {
        let config = try PlanFixture.config(staff: Self.staff)
        let plan = PlanFixture.plan(config, Self.live)
        #expect(!plan.changes.isEmpty)
        #expect(SavedPlanCheck.inconsistent(plan.changes, config: config, live: Self.live) == [])
        let pending = plan.changes.map { PendingChange(change: $0) }
        #expect(SavedPlanCheck.unwanted(pending, fresh: plan, live: Self.live) == [])
    }

    @Test(arguments: [
        "an id of another change", "another practice's label", "an undeclared practice id", "another account's user",
        "a protected account", "a Healthie label on an athenaOne write",
    ])
    func aChangeThatDisagreesWithItselfIsNamed(forgery: String) throws {
        let config = try PlanFixture.config(
            staff: Self.staff, policy: "  protected: [athena:main/root]\n  min_admins: 0")
        var change = Self.deactivation(2, "bob")
        let expected: String
        switch forgery {
        case "an id of another change":
            change.id = ChangeID.make(address: .athenaUser(practice: "main", username: "cat"), action: .deactivate)
            expected = "its id"
        case "another practice's label":
            change.practice = "north"
            expected = "address and operation disagree"
        case "an undeclared practice id":
            change.operation = .athenaUpdate(practiceID: 888_888, userID: 2, patch: AthenaUserPatch(active: false))
            expected = "outside the config's practices: its operation writes to practice 888888"
        case "another account's user":
            change.operation = .athenaUpdate(practiceID: 100, userID: 3, patch: AthenaUserPatch(active: false))
            expected = "it is addressed to 'bob', but its operation writes to user 3, whose username is 'cat'"
        case "a protected account":
            change.operation = .athenaUpdate(practiceID: 100, userID: 5, patch: AthenaUserPatch(active: false))
            expected = "athena:main/root is in policy.protected"
        default:
            change.system = .healthie
            expected = "address and operation disagree: it is addressed to healthie, but its operation writes to athena"
        }
        let refused = SavedPlanCheck.inconsistent([change], config: config, live: Self.live)
        #expect(refused.count == 1)
        #expect(refused.first?.reason.contains(expected) == true, "\(refused)")
    }

    @Test func aChangeTheFreshPlanMakesOtherwiseIsNotWanted() throws {
        let config = try PlanFixture.config(staff: Self.staff)
        let plan = PlanFixture.plan(config, Self.live)
        let bob = try #require(plan.change(#"athena[main].user["bob"]"#))
        var widened = bob
        widened.operation = .athenaUpdate(
            practiceID: 100, userID: 2, patch: AthenaUserPatch(userType: "ADMIN", active: false))
        let cat = Self.deactivation(3, "cat")
        let refused = SavedPlanCheck.unwanted(
            [PendingChange(change: widened), PendingChange(change: cat)], fresh: plan, live: Self.live)
        #expect(refused.map(\.change.address.key) == ["bob", "cat"])
        #expect(refused.first?.reason.contains("with another operation") == true, "\(refused)")
        #expect(refused.last?.reason.contains("no such change is made to this account") == true)
    }
}
