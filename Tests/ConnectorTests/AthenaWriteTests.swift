import AthenaOne
import Foundation
import RollcallCore
import RollcallTestSupport
import Sandbox
import Testing

@Suite struct AthenaWriteTests {
    static let practiceID = SyntheticSandbox.firstPracticeID

    static let draft = AthenaUserDraft(
        username: "new.hire", firstName: "New", lastName: "Hire", userType: "STAFF", email: "new.hire@example.org",
        departmentIDs: [1, 3], supervisingProviderID: 500)

    @Test func createSendsAFormAndReturnsTheAccountAsAthenaHoldsIt() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 12)) { sandbox in
            let created = try await sandbox.athena().createUser(Self.draft, practiceID: Self.practiceID)
            #expect(created.username == "new.hire")
            #expect(created.departmentIDs.sorted() == [1, 3])
            #expect(created.supervisingProviderID == 500)
            #expect(created.active)
            let post = try #require(
                await sandbox.log(.athena).first { $0.method == "POST" && $0.path.hasSuffix("/users") })
            #expect(post.contentType == "application/x-www-form-urlencoded")
            #expect(post.body.contains("departmentids=1%2C3"))
            #expect(post.body.contains("email=new.hire%40example.org"))
        }
    }

    /// The check: a POST whose answer is lost (the write applied, the connection dropped)
    /// leads to exactly one account, because the username is looked up before any retry.
    @Test func aLostCreateAnswerLeadsToExactlyOneAccount() async throws {
        let faults = SandboxFaults(dropResponseRate: 1.0)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 12), faults: faults) { sandbox in
            let created = try await sandbox.athena().createUser(Self.draft, practiceID: Self.practiceID)
            let users = await sandbox.store.state.athena.practices[String(Self.practiceID)]?.users ?? []
            #expect(users.filter { $0.username == "new.hire" }.count == 1)
            #expect(created.userID == users.first { $0.username == "new.hire" }?.userid)
            let log = await sandbox.log(.athena)
            #expect(log.filter { $0.method == "POST" && $0.path.hasSuffix("/users") }.count == 1)
            #expect(log.contains { $0.method == "GET" && $0.query.contains("username=new.hire") })
            #expect(await sandbox.server.athenaFaults.droppedResponses == 1)
        }
    }

    /// A create that athenaOne refuses (here: the username is taken) is an error in athenaOne's
    /// words, and is not retried: a retry cannot fix it.
    @Test func aRefusedCreateKeepsAthenasWordsAndIsNotRetried() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 3)) { sandbox in
            var draft = Self.draft
            draft.username = "user1"
            let error = await #expect(throws: AthenaError.self) {
                try await sandbox.athena().createUser(draft, practiceID: Self.practiceID)
            }
            #expect(error?.code == .rejected)
            #expect(error?.invalidFields == ["username"])
            #expect(error?.description.contains("The username is already in use.") == true)
            #expect(error?.description.contains("creating user 'user1' in practice \(Self.practiceID)") == true)
            #expect(error?.requestID != nil)
            #expect(await sandbox.log(.athena).filter { $0.method == "POST" && $0.path.hasSuffix("/users") }.count == 1)
        }
    }

    /// The check: under athenaOne's full PUT, an update keeps every field it does not change.
    @Test func anUpdateKeepsEveryUntouchedField() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 30)
        try await LiveSandbox.with(state) { sandbox in
            let athena = sandbox.athena()
            let before = try #require(try await athena.user(1_011, practiceID: Self.practiceID))
            #expect(before.email != nil)
            #expect(before.supervisingProviderID != nil)
            #expect(!before.departmentIDs.isEmpty)
            let after = try await athena.updateUser(
                1_011, practiceID: Self.practiceID, patch: AthenaUserPatch(lastName: "Married"))
            var expected = before
            expected.lastName = "Married"
            #expect(after == expected)
            let stored = await sandbox.store.state.athena.practices[String(Self.practiceID)]?.users
                .first { $0.userid == 1_011 }
            #expect(stored?.email == before.email)
            #expect(stored?.departmentids == before.departmentIDs)
            #expect(stored?.supervisingproviderid == before.supervisingProviderID)
            let put = try #require(await sandbox.log(.athena).first { $0.method == "PUT" })
            #expect(put.contentType == "application/x-www-form-urlencoded")
            for field in ["username=user11", "lastname=Married", "email=", "departmentids=", "supervisingproviderid="] {
                #expect(put.body.contains(field), "the PUT must carry \(field)")
            }
        }
    }

    @Test func aProviderUpdateKeepsItsProviderLinkNPIAndSchedulingName() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 30)) { sandbox in
            let athena = sandbox.athena()
            let before = try #require(try await athena.user(1_010, practiceID: Self.practiceID))
            #expect(before.providerID != nil && before.npi != nil && before.schedulingName != nil)
            let after = try await athena.deactivateUser(1_010, practiceID: Self.practiceID)
            #expect(!after.active)
            #expect(after.providerID == before.providerID)
            #expect(after.npi == before.npi)
            #expect(after.schedulingName == before.schedulingName)
            let again = try await athena.reactivateUser(1_010, practiceID: Self.practiceID)
            #expect(again == before)
        }
    }

    @Test func clearingAFieldClearsOnlyThatField() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 30)) { sandbox in
            let athena = sandbox.athena()
            let before = try #require(try await athena.user(1_012, practiceID: Self.practiceID))
            let after = try await athena.updateUser(
                1_012, practiceID: Self.practiceID, patch: AthenaUserPatch(supervisingProviderID: .some(nil)))
            var expected = before
            expected.supervisingProviderID = nil
            #expect(after == expected)
        }
    }

    /// Applying the same change twice writes once: the second finds nothing to change.
    @Test func anUpdateThatChangesNothingSendsNothing() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 5)) { sandbox in
            let athena = sandbox.athena()
            let patch = AthenaUserPatch(firstName: "Renamed")
            _ = try await athena.updateUser(1_001, practiceID: Self.practiceID, patch: patch)
            _ = try await athena.updateUser(1_001, practiceID: Self.practiceID, patch: patch)
            #expect(await sandbox.log(.athena).filter { $0.method == "PUT" }.count == 1)
        }
    }

    @Test func updatesSurviveThrottlingAndLostAnswers() async throws {
        let faults = SandboxFaults(seed: 7, throttleRate: 0.2, serverErrorRate: 0.1, dropResponseRate: 0.5)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 40), faults: faults) { sandbox in
            let athena = sandbox.athena()
            for userID in 1_001...1_008 {
                let after = try await athena.updateUser(
                    userID, practiceID: Self.practiceID, patch: AthenaUserPatch(firstName: "Changed\(userID)"))
                #expect(after.firstName == "Changed\(userID)")
            }
            let users = await sandbox.store.state.athena.practices[String(Self.practiceID)]?.users ?? []
            #expect(users.filter { $0.firstname.hasPrefix("Changed") }.count == 8)
        }
    }

    /// The check: every write athenaOne saw was form-encoded, and none was a DELETE.
    @Test func everyWriteIsFormEncoded() async throws {
        let faults = SandboxFaults(seed: 3, throttleRate: 0.1, dropResponseRate: 0.3)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 20), faults: faults) { sandbox in
            let athena = sandbox.athena()
            _ = try await athena.createUser(Self.draft, practiceID: Self.practiceID)
            _ = try await athena.updateUser(
                1_002, practiceID: Self.practiceID, patch: AthenaUserPatch(npi: "1234567893"))
            _ = try await athena.deactivateUser(1_003, practiceID: Self.practiceID)
            let writes = await sandbox.log(.athena).filter { $0.method != "GET" }
            #expect(!writes.isEmpty)
            #expect(writes.allSatisfy { $0.contentType == "application/x-www-form-urlencoded" })
            #expect(writes.allSatisfy { $0.method == "POST" || $0.method == "PUT" })
            let users = await sandbox.store.state.athena.practices[String(Self.practiceID)]?.users ?? []
            #expect(users.filter { $0.username == "new.hire" }.count == 1)
        }
    }
}
