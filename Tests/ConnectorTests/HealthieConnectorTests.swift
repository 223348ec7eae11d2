import Foundation
import Healthie
import RollcallCore
import RollcallTestSupport
import Sandbox
import Testing

@Suite struct HealthieConnectorTests {
    static func expected(_ state: SandboxState) -> [LiveHealthieMember] {
        state.healthie.members.map { member in
            var permissions: [String: Bool] = [:]
            for flag in HealthiePermission.names { permissions[flag] = member.permissions[flag] ?? false }
            return LiveHealthieMember(
                userID: member.id, membershipID: member.membershipID, email: member.email,
                firstName: member.firstName, lastName: member.lastName, active: member.active,
                orgRole: member.orgRole, isAdmin: member.isAdmin, isProvider: member.isProvider,
                permissions: permissions, lastSignInAt: member.lastSignInAt)
        }.sorted { ($0.email.lowercased(), $0.userID) < ($1.email.lowercased(), $1.userID) }
    }

    @Test func everyMemberIsReadByCursorWithTheFewestPages() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 0, members: 60)
        try await LiveSandbox.with(state) { sandbox in
            let healthie = sandbox.healthie()
            let members = try await healthie.members()
            #expect(members == Self.expected(state))
            #expect(members.count == 61)
            #expect(members.contains { $0.lastSignInAt == "2026-02-15T09:30:00Z" }, "last_sign_in_at is read")
            #expect(members.contains { $0.userID == "10000" && $0.lastSignInAt == nil }, "never signed in is nil")
            // 61 members at 24 a page (every flag asked for) is 3 pages, under the complexity limit.
            let log = await sandbox.log(.healthie)
            #expect(log.count == 3)
            #expect(log.allSatisfy { $0.status == 200 && $0.body.contains("RollcallMembers") })
            #expect(await healthie.warnings.isEmpty)
        }
    }

    @Test func faultsDuringTheReadGiveTheSameMembersAsACleanRead() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 0, members: 1_200)
        let clean = try await LiveSandbox.with(state) { try await $0.healthie().members() }
        let faults = SandboxFaults(seed: 11, throttleRate: 0.10, serverErrorRate: 0.02)
        let (faulty, counts) = try await LiveSandbox.with(state, faults: faults) { sandbox in
            let healthie = sandbox.healthie()
            return (try await healthie.members(), await healthie.ledger.counts)
        }
        #expect(faulty == clean)
        #expect(counts.retries > 0)
        #expect(counts.throttled > 0)
    }

    @Test func staffEmailsFoundAmongClientsAreReportedIgnoringCase() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 0, members: 5)
        try await LiveSandbox.with(state) { sandbox in
            let live = try await sandbox.healthie().readOrganization(staffEmails: [
                "member1@example.org", "Member2@Example.org", "nobody@example.org",
            ])
            #expect(live.misroutedClients.map(\.userID) == ["900001", "900003"])
            #expect(live.members.count == 6)
        }
    }

    /// Many clients and few staff emails: one search per email costs less than listing every client.
    @Test func fewStaffEmailsAmongManyClientsAreSearchedOneByOne() async throws {
        var state = SyntheticSandbox.state(usersPerPractice: 0, members: 5)
        for index in 0..<250 {
            state.healthie.clients.append(
                HealthieClient(
                    id: String(800_000 + index), email: "patient\(index)@example.com", firstName: "P",
                    lastName: "\(index)"))
        }
        try await LiveSandbox.with(state) { sandbox in
            let clients = try await sandbox.healthie().clients(matching: ["member1@example.org", "x@example.org"])
            #expect(clients.map(\.userID) == ["900001"])
            let log = await sandbox.log(.healthie)
            #expect(log.filter { $0.body.contains("RollcallClientsByKeywords") }.count == 2)
            #expect(log.filter { $0.body.contains("query RollcallClients(") }.count == 1)
        }
        try await LiveSandbox.with(state) { sandbox in
            let emails = (0..<10).map { "patient\($0)@example.com" } + ["member2@example.org"]
            let clients = try await sandbox.healthie().clients(matching: emails)
            #expect(clients.count == 11)
            let log = await sandbox.log(.healthie)
            #expect(log.count == 3, "253 clients are 3 pages, fewer than 11 searches")
            #expect(!log.contains { $0.body.contains("RollcallClientsByKeywords") })
        }
    }

    @Test func aKeyThatIsNotAnAdminsIsExplainedInPlainWords() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2)) { sandbox in
            let error = await #expect(throws: HealthieError.self) {
                try await sandbox.healthie(key: SyntheticSandbox.plainKey).members()
            }
            #expect(error?.code == .notAdmin)
            #expect(error?.description.contains("not an organization admin") == true)
            #expect(error?.description.contains("HEALTHIE_API_KEY") == true)
        }
    }

    @Test func anUnknownKeyIsRefusedByName() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2)) { sandbox in
            let error = await #expect(throws: HealthieError.self) {
                try await sandbox.healthie(key: "wrong").members()
            }
            #expect(error?.code == .badKey)
            #expect(error?.description.contains("wrong") == false)
        }
    }

    @Test func aVersionNearingSunsetReachesTheUserAsAWarning() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2)) { sandbox in
            let healthie = sandbox.healthie(version: "2026-01-01")
            _ = try await healthie.members()
            let warnings = await healthie.warnings
            #expect(warnings.map(\.code) == ["API_VERSION_SUNSET_WARNING"])
            #expect(warnings.first?.sunsetDate == "2027-01-31")
            #expect(warnings.first?.description.contains("systems.healthie.api_version") == true)
        }
    }

    @Test func anUnsupportedVersionIsAnErrorThatSaysWhatToSet() async throws {
        let options = HealthieOptions(afterSunset: true)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2), healthie: options) {
            sandbox in
            let error = await #expect(throws: HealthieError.self) {
                try await sandbox.healthie(version: "2026-01-01").members()
            }
            #expect(error?.code == .unsupportedVersion)
            let members = try await sandbox.healthie().members()
            #expect(members.count == 3)
        }
    }

    /// Healthie's complexity limit is real: a page too large for it is refused.
    @Test func aMemberPageTooLargeForHealthiesComplexityLimitIsRefused() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2)) { sandbox in
            let error = await #expect(throws: HealthieError.self) {
                try await sandbox.healthie(memberPageSize: 28).members()
            }
            #expect(error?.description.contains("exceeds max complexity of 2000") == true)
        }
    }

    /// A page holds as many members as the complexity limit allows with the flags asked for,
    /// from the start and from the end: fewer managed flags, larger pages, fewer requests;
    /// and only those flags are read.
    @Test(arguments: [HealthieDocuments.allPermissions.count, 3, 0])
    func memberPagesAreAsLargeAsTheFlagsAskedForAllow(flagCount: Int) async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 0, members: 299)
        let flags = Array(["can_edit_members", "can_order_labs", "can_see_billing"].prefix(flagCount))
        let permissions = flagCount == HealthieDocuments.allPermissions.count ? HealthieDocuments.allPermissions : flags
        let size = HealthieMemberPage.size(permissionCount: permissions.count)
        #expect(size == [57: 24, 3: 94, 0: 100][flagCount])
        try await LiveSandbox.with(state) { sandbox in
            let members = try await sandbox.healthie(permissions: permissions).members()
            #expect(members.count == 300)
            #expect(members.allSatisfy { Set($0.permissions.keys) == Set(permissions) })
            let log = await sandbox.log(.healthie)
            // Pages covering 301 members: the two halves of the read share one.
            #expect(log.count == 300 / size + 1)
            #expect(log.contains { $0.body.contains(#""last":\#(size)"#) }, "the read pages back from the end too")
            #expect(log.allSatisfy { $0.status == 200 && !$0.body.contains("exceeds max complexity") })
        }
    }

    /// The issue's check: a lost answer to a create leads to exactly one membership, found by email
    /// before any retry; no invitation goes out when the config says not to send one.
    @Test func aLostCreateAnswerLeadsToExactlyOneMembershipAndNoInvite() async throws {
        let faults = SandboxFaults(dropResponseRate: 1.0)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 3), faults: faults) {
            sandbox in
            let healthie = sandbox.healthie()
            let member = try await healthie.createMembership(
                HealthieMembershipDraft(email: "new.nurse@example.org", firstName: "New", lastName: "Nurse"),
                organizationID: SyntheticSandbox.organizationID, sendInviteEmail: false)
            #expect(member.email == "new.nurse@example.org")
            let state = await sandbox.store.state.healthie
            #expect(state.members.filter { $0.email == "new.nurse@example.org" }.count == 1)
            #expect(state.invites.isEmpty)
            let log = await sandbox.log(.healthie)
            #expect(log.filter { $0.body.contains("RollcallCreateMembership") }.count == 1)
            #expect(log.contains { $0.body.contains("RollcallMembersByKeywords") })
        }
    }

    @Test func aCreateSetsTheRoleFlagsAndSendsAnInviteOnlyWhenAsked() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 3)) { sandbox in
            let member = try await sandbox.healthie().createMembership(
                HealthieMembershipDraft(
                    email: "dr.new@example.org", firstName: "Dr", lastName: "New", orgRole: "Standard"),
                settings: HealthieMembershipPatch(isProvider: true, permissions: ["can_order_labs": true]),
                organizationID: SyntheticSandbox.organizationID, sendInviteEmail: true)
            #expect(member.isProvider)
            #expect(member.permissions["can_order_labs"] == true)
            #expect(member.orgRole == "Standard")
            #expect(await sandbox.store.state.healthie.invites.map(\.email) == ["dr.new@example.org"])
        }
    }

    @Test func anUpdateSetsOnlyWhatItNamesAndDeactivatesWithActiveFalse() async throws {
        let state = SyntheticSandbox.state(usersPerPractice: 0, members: 4)
        try await LiveSandbox.with(state) { sandbox in
            let healthie = sandbox.healthie()
            let before = try #require(try await healthie.members().first { $0.email == "member2@example.org" })
            let after = try await healthie.updateMembership(
                before.membershipID,
                patch: HealthieMembershipPatch(active: false, isAdmin: true, permissions: ["can_edit_members": true]))
            var expected = before
            expected.active = false
            expected.isAdmin = true
            expected.permissions["can_edit_members"] = true
            #expect(after == expected)
            #expect(try await healthie.members().first { $0.email == "member2@example.org" } == expected)
        }
    }

    /// `messages { field message }` in a 200 answer is a refusal, with Healthie's words, not success.
    @Test func messagesInAnAnswerAreAnError() async throws {
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 2)) { sandbox in
            let error = await #expect(throws: HealthieError.self) {
                try await sandbox.healthie().createMembership(
                    HealthieMembershipDraft(email: "x@example.org", firstName: "X", lastName: "Y"),
                    organizationID: "999", sendInviteEmail: false)
            }
            #expect(error?.code == .validation)
            #expect(error?.messages.first?.field == "organization_id")
            #expect(error?.description.contains("Organization not found") == true)
            #expect(await sandbox.store.state.healthie.members.count == 3)
        }
    }

    /// The issue's check: for Healthie staff, the request log holds only membership mutations.
    @Test func staffAreOnlyEverWrittenAsMemberships() async throws {
        let faults = SandboxFaults(seed: 5, throttleRate: 0.1, dropResponseRate: 0.3)
        try await LiveSandbox.with(SyntheticSandbox.state(usersPerPractice: 0, members: 5), faults: faults) {
            sandbox in
            let healthie = sandbox.healthie()
            let created = try await healthie.createMembership(
                HealthieMembershipDraft(email: "member1@example.org.new", firstName: "A", lastName: "B"),
                organizationID: SyntheticSandbox.organizationID, sendInviteEmail: false)
            _ = try await healthie.updateMembership(created.membershipID, patch: HealthieMembershipPatch(active: false))
            let writes = await sandbox.log(.healthie).filter(\.wrote)
            #expect(!writes.isEmpty)
            #expect(
                writes.allSatisfy {
                    $0.body.contains("createOrganizationMembership") || $0.body.contains("updateOrganizationMembership")
                })
            #expect(await sandbox.log(.healthie).allSatisfy { !$0.body.contains("Client") })
            #expect(await sandbox.store.state.healthie.clients.count == 3)
        }
    }
}

/// A member list that lies gets no plan: counts, repeated ids and cursors are checked.
@Suite struct LyingMemberListTests {
    @Test(arguments: ListLie.allCases)
    func aMemberListThatDoesNotAddUpIsRefusedAfterOneMoreRead(lie: ListLie) async throws {
        try await LiveSandbox.with(
            SyntheticSandbox.state(usersPerPractice: 0, members: 60), healthie: HealthieOptions(listLie: lie)
        ) { sandbox in
            let error = await #expect(throws: HealthieError.self) {
                try await sandbox.healthie(memberPageSize: 20).members()
            }
            #expect(error?.code == .inconsistentList, "\(String(describing: error))")
            #expect(error?.description.contains("on two reads") == true)
        }
    }
}
