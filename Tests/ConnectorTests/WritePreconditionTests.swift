import AthenaOne
import Foundation
import Healthie
import RollcallCore
import RollcallTestSupport
import Sandbox
import Testing

/// Writes checked against the record read immediately before them, the lookups the
/// applier pre-flights with, and a Healthie create resumed between its two steps.
@Suite struct WritePreconditionTests {
    static let practiceID = SyntheticSandbox.firstPracticeID

    @Test func anAthenaUpdateWhoseRecordMovedOnSendsNothingAndNamesTheFields() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 4)) { sandbox in
            let athena = sandbox.athena()
            let planned = try #require(try await athena.user(1_001, practiceID: Self.practiceID))
            try await sandbox.store.update { state in
                state.athena.practices[String(Self.practiceID)]?.users[1].email = "changed@example.org"
                state.athena.practices[String(Self.practiceID)]?.users[1].departmentids = [1]
            }
            await sandbox.store.clearRequestLog()
            let failure = await #expect(throws: PreconditionFailed.self) {
                try await athena.updateUser(
                    1_001, practiceID: Self.practiceID, patch: AthenaUserPatch(lastName: "New"),
                    precondition: .digest(.of(planned)))
            }
            #expect(failure?.changedFields == ["departmentids", "email"])
            #expect(failure?.description.contains("user 1001 in practice \(Self.practiceID)") == true)
            #expect(await sandbox.log(.athena).allSatisfy { $0.method != "PUT" }, "nothing may be sent")
            let user = await sandbox.store.state.athena.practices[String(Self.practiceID)]?.users[1]
            #expect(user?.lastname == "Last1")
        }
    }

    @Test func anAthenaUpdateWhoseRecordIsAsPlannedGoesThrough() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 4)) { sandbox in
            let athena = sandbox.athena()
            let planned = try #require(try await athena.user(1_001, practiceID: Self.practiceID))
            let after = try await athena.updateUser(
                1_001, practiceID: Self.practiceID, patch: AthenaUserPatch(lastName: "New"),
                precondition: .digest(.of(planned)))
            #expect(after.lastName == "New")
            #expect(after.email == planned.email)
        }
    }

    @Test func usersAreFoundByUsernameIgnoringCase() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 4)) { sandbox in
            let athena = sandbox.athena()
            let found = try await athena.user(username: "USER2", practiceID: Self.practiceID)
            #expect(found?.userID == 1_002)
            let absent = try await athena.user(username: "nobody", practiceID: Self.practiceID)
            #expect(absent == nil)
        }
    }

    @Test func aHealthieUpdateWhoseMembershipMovedOnSendsNoMutation() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 3)) { sandbox in
            let healthie = sandbox.healthie(permissions: ["can_see_billing"])
            let planned = try #require(try await healthie.member(email: "MEMBER1@example.org"))
            #expect(try await healthie.membership(id: planned.membershipID) == planned)
            let digest = RecordDigest.of(planned, managedFlags: ["can_see_billing"])
            try await sandbox.store.update { state in
                state.healthie.members[2].isAdmin = true
            }
            await sandbox.store.clearRequestLog()
            let failure = await #expect(throws: PreconditionFailed.self) {
                try await healthie.updateMembership(
                    planned.membershipID, patch: HealthieMembershipPatch(active: false),
                    precondition: .digest(digest))
            }
            #expect(failure?.changedFields == ["is_admin"])
            #expect(await sandbox.log(.healthie).allSatisfy { !$0.body.contains("mutation") })
            #expect(await sandbox.store.state.healthie.members[2].active)
        }
    }

    /// A run killed after the membership was added but before its flags were set: calling
    /// the create again finds the member by email and finishes it, with no second membership.
    @Test func aHealthieCreateInterruptedBetweenItsStepsIsFinishedNotRepeated() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2)) { sandbox in
            let healthie = sandbox.healthie()
            let draft = HealthieMembershipDraft(
                email: "dr.new@example.org", firstName: "Dr", lastName: "New", orgRole: "Standard")
            let settings = HealthieMembershipPatch(isProvider: true, permissions: ["can_order_labs": true])
            let half = try await healthie.addMembership(
                draft, organizationID: SyntheticSandbox.organizationID, sendInviteEmail: false)
            #expect(!half.isProvider)
            let finished = try await healthie.createMembership(
                draft, settings: settings, organizationID: SyntheticSandbox.organizationID, sendInviteEmail: false,
                lookUpFirst: true)
            #expect(finished.membershipID == half.membershipID)
            #expect(finished.isProvider && finished.permissions["can_order_labs"] == true)
            let state = await sandbox.store.state.healthie
            #expect(state.members.filter { $0.email == "dr.new@example.org" }.count == 1)
            #expect(await sandbox.log(.healthie).filter { $0.body.contains("RollcallCreateMembership") }.count == 1)
        }
    }
}

/// A write whose answer was lost is looked for before it is sent again: never made twice.
@Suite struct LostAnswerUpdateTests {
    @Test func aPutWhoseAnswerWasLostIsNotSentAgainWhenItTook() async throws {
        let faults = SandboxFaults(dropResponseRate: 1.0)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 4), faults: faults) { sandbox in
            let practiceID = SyntheticSandbox.firstPracticeID
            let after = try await sandbox.athena().updateUser(
                1_001, practiceID: practiceID, patch: AthenaUserPatch(lastName: "Once"))
            #expect(after.lastName == "Once")
            let puts = await sandbox.log(.athena).filter { $0.method == "PUT" }
            #expect(puts.count == 1, "the lost PUT took, so it is not sent again")
        }
    }

    @Test func aMutationWhoseAnswerWasLostIsNotSentAgainWhenItTook() async throws {
        let faults = SandboxFaults(dropResponseRate: 1.0)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 3), faults: faults) {
            sandbox in
            let healthie = sandbox.healthie()
            let member = try #require(try await healthie.member(email: "member1@example.org"))
            let after = try await healthie.updateMembership(
                member.membershipID, patch: HealthieMembershipPatch(isAdmin: true))
            #expect(after.isAdmin)
            let mutations = await sandbox.log(.healthie).filter { $0.body.contains("RollcallUpdateMembership") }
            #expect(mutations.count == 1, "the lost mutation took, so it is not sent again")
        }
    }
}
