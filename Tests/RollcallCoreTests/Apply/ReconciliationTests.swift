import RollcallCore
import Testing

/// A reviewed plan over a fresh read: pending, already applied, stale with the fields, not reviewed.
@Suite struct ReconciliationTests {
    static let staff = """
          - { id: ann, first_name: Ann, last_name: Lee, email: ann.lee@clinic.org, role: nurse, practices: { main: { username: alee, departments: [Main Clinic, Lab] } } }
          - { id: bo, first_name: Bo, last_name: Ray, email: bo@clinic.org, role: nurse, practices: { main: { username: bray, departments: [Main Clinic] } } }
        """

    static func setting() throws -> (config: Config, live: LiveState, plan: Plan) {
        let config = try PlanFixture.config(staff: staff)
        let live = PlanFixture.live(main: [PlanFixture.user(7, "alee", email: "ann.lee@clinic.org", departments: [1])])
        return (config, live, PlanFixture.plan(config, live))
    }

    @Test func anUntouchedReadLeavesEveryChangePending() throws {
        let (_, live, plan) = try Self.setting()
        let result = Reconciliation.reconcile(reviewed: plan.changes, fresh: plan, live: live)
        #expect(result.pending.map(\.change) == plan.changes)
        #expect(result.stale.isEmpty && result.alreadyApplied.isEmpty && result.notReviewed.isEmpty)
    }

    @Test func appliedChangesAreRecognisedSoAHalfAppliedPlanFinishes() throws {
        let (config, live, plan) = try Self.setting()
        let after = live.applying(plan)
        let fresh = PlanFixture.plan(config, after)
        let result = Reconciliation.reconcile(reviewed: plan.changes, fresh: fresh, live: after)
        #expect(result.alreadyApplied.map(\.id).sorted() == plan.changes.map(\.id).sorted())
        #expect(result.pending.isEmpty && result.stale.isEmpty)
    }

    @Test func aRecordThatMovedOnIsStaleWithItsFields() throws {
        let (config, live, plan) = try Self.setting()
        var moved = live
        moved.athena[0].users[0].email = "someone@else.org"
        moved.athena[0].users[0].npi = "1234567893"
        let result = Reconciliation.reconcile(
            reviewed: plan.changes, fresh: PlanFixture.plan(config, moved), live: moved)
        let stale = try #require(result.stale.first)
        #expect(stale.change.address == .athenaUser(practice: "main", username: "alee"))
        #expect(stale.changedFields == ["email", "npi"])
    }

    @Test func aCreateWhoseAccountNowExistsDifferentlyIsStale() throws {
        let (config, live, plan) = try Self.setting()
        var taken = live
        taken.athena[0].users.append(PlanFixture.user(9, "BRAY", first: "Other", last: "Person"))
        let result = Reconciliation.reconcile(
            reviewed: plan.changes, fresh: PlanFixture.plan(config, taken), live: taken)
        #expect(result.stale.map(\.change.address) == [.athenaUser(practice: "main", username: "bray")])
    }

    @Test func changesNobodyReviewedAreListedNotApplied() throws {
        let (config, live, plan) = try Self.setting()
        var later = live
        later.athena[0].users.append(PlanFixture.user(11, "ghost", first: "G", last: "Host"))
        let unmanaged = try PlanFixture.config(
            staff: Self.staff, policy: PlanFixture.lenientPolicy + "\n  unmanaged: deactivate")
        _ = config
        let fresh = PlanFixture.plan(unmanaged, later)
        let result = Reconciliation.reconcile(reviewed: plan.changes, fresh: fresh, live: later)
        #expect(result.notReviewed.map(\.address) == [.athenaUser(practice: "main", username: "ghost")])
        #expect(!result.pending.contains { $0.change.address.key == "ghost" })
    }

    /// A Healthie member added by an interrupted run but not yet given its flags is finished, not made again.
    @Test func aHalfMadeHealthieMemberIsResumed() throws {
        let config = try PlanFixture.config(
            staff: """
                  - { id: doc, first_name: Di, last_name: Oc, email: doc@clinic.org, role: physician, npi: "1234567893", practices: { main: { username: doc } } }
                """)
        let live = PlanFixture.live()
        let plan = PlanFixture.plan(config, live)
        var half = live
        half.healthie?.members.append(PlanFixture.member("50", "doc@clinic.org", orgRole: "Standard"))
        let result = Reconciliation.reconcile(reviewed: plan.changes, fresh: PlanFixture.plan(config, half), live: half)
        let member = try #require(result.pending.first { $0.change.system == .healthie })
        #expect(member.resumes)
        #expect(result.pending.filter { $0.change.system == .athena }.allSatisfy { !$0.resumes })
    }
}
