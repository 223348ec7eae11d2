import RollcallCore
import Testing

/// Every finding kind at its severity, ignore rules in force and expired, and `--since`.
@Suite struct DriftDetectorTests {
    typealias Fixture = PlanFixture

    static func drift(
        staff: String, policy: String = Fixture.lenientPolicy, live: LiveState,
        today: CalendarDate = Fixture.today
    ) throws -> DriftReport {
        let config = try Fixture.config(staff: staff, policy: policy)
        return DriftDetector.report(
            config: config, live: live, today: today,
            source: DriftDetector.Source(paths: ["clinic.yaml"], digest: "d", commit: nil))
    }

    static func finding(_ report: DriftReport, _ kind: DriftFinding.Kind, field: String? = nil) -> DriftFinding? {
        report.findings.first { $0.kind == kind && (field == nil || $0.field == field) }
    }

    @Test func offboardedAndExpiredPeopleStillActiveAreCritical() throws {
        let report = try Self.drift(
            staff: """
                  - { id: gone, status: offboarded, practices: { main: { username: gone } } }
                  - { id: locum, first_name: Ann, last_name: Lee, role: front-desk, expires: 2026-11-01, practices: { main: { username: locum } } }
                """,
            live: Fixture.live(main: [Fixture.user(1, "gone"), Fixture.user(2, "locum")]))
        let still = report.findings.filter { $0.kind == .stillActive }
        #expect(still.map(\.severity) == [.critical, .critical])
        #expect(still.map(\.staffID) == ["gone", "locum"])
        #expect(still[0].revert == "apply would deactivate it")
        #expect(still[0].adopt.contains("status: active"))
        #expect(still[1].message.contains("access expired on 2026-11-01"))
        #expect(still[0].actor == DriftDetector.athenaActor)
    }

    @Test func moreAccessLiveThanDeclaredIsCritical() throws {
        let report = try Self.drift(
            staff: """
                  - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: nurse, practices: { main: { username: ann } } }
                """,
            live: Fixture.live(
                main: [Fixture.user(1, "ann", type: "ADMIN", email: "ann@clinic.org")],
                members: [
                    Fixture.member(
                        "9", "ann@clinic.org", orgRole: "Standard", admin: true,
                        permissions: ["can_see_billing": true, "can_view_labs": true])
                ]))
        let above = report.findings.filter { $0.kind == .accessAbove }
        // The nurse role leaves admin unmanaged, but an admin it does not grant is still more than it declares.
        #expect(Set(above.map(\.field)) == ["user_type", "org_role", "is_admin", "can_see_billing"])
        #expect(above.allSatisfy { $0.severity == .critical })
        let flag = try #require(above.first { $0.field == "can_see_billing" })
        #expect(flag.declared == "false" && flag.live == "true")
        #expect(flag.adopt.contains("can_see_billing: true"))
        #expect(flag.actor == DriftDetector.healthieActor)
    }

    @Test func lessAccessOrAnotherValueIsMedium() throws {
        let report = try Self.drift(
            staff: """
                  - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: nurse, practices: { main: { username: ann, departments: [Pediatrics] } } }
                  - { id: bo, first_name: Bo, last_name: Ek, role: front-desk, practices: { north: { username: bo } } }
                  - { id: cy, first_name: Cy, last_name: Do, role: front-desk, practices: { main: { username: cy } } }
                """,
            live: Fixture.live(
                main: [Fixture.user(1, "ann", first: "Anne", email: "ann@clinic.org", departments: [1])],
                north: [Fixture.user(5, "bo", first: "Bo", last: "Ek", active: false)],
                members: [Fixture.member("9", "ann@clinic.org", permissions: ["can_view_labs": false])]))
        #expect(Self.finding(report, .fieldDiffers, field: "first_name")?.severity == .medium)
        #expect(Self.finding(report, .fieldDiffers, field: "departments")?.adopt.contains("[Main Clinic]") == true)
        #expect(Self.finding(report, .fieldDiffers, field: "can_view_labs")?.severity == .medium)
        #expect(Self.finding(report, .deactivatedAccount)?.severity == .medium)
        #expect(Self.finding(report, .missingAccount)?.staffID == "cy")
    }

    @Test func unmanagedAccountsAreGradedByWhatTheyHold() throws {
        let report = try Self.drift(
            staff: "  []", policy: Fixture.lenientPolicy + "\n  unmanaged: deactivate",
            live: Fixture.live(
                main: [
                    Fixture.user(1, "boss", type: "ADMIN"), Fixture.user(2, "temp"),
                    Fixture.user(3, "old", active: false),
                ],
                members: [
                    Fixture.member("8", "it@clinic.org", admin: true),
                    Fixture.member("9", "ops@clinic.org", permissions: ["can_add_members": true]),
                ]))
        let kinds = report.findings.map { "\($0.address) \($0.kind.rawValue) \($0.severity.rawValue)" }
        #expect(
            Set(kinds) == [
                "athena[main].user[\"boss\"] unmanaged_admin critical",
                "healthie.member[\"it@clinic.org\"] unmanaged_admin critical",
                "healthie.member[\"ops@clinic.org\"] unmanaged_admin critical",
                "athena[main].user[\"temp\"] unmanaged_account high",
                "athena[main].user[\"old\"] inactive_unmanaged low",
            ])
        #expect(report.findings.first { $0.address.key == "temp" }?.adopt.contains("- athena:main/temp") == true)
    }

    /// Drift matches as the plan matches: a username claims one live account (the lowest
    /// userid), so a second inactive account under the same username is nobody's.
    @Test func aSecondAccountUnderAClaimedUsernameIsUnmanaged() throws {
        let report = try Self.drift(
            staff: """
                  - { id: ann, first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: ann } } }
                """,
            live: Fixture.live(main: [Fixture.user(1, "ann"), Fixture.user(2, "ANN", active: false)]))
        #expect(report.findings.map(\.kind) == [.inactiveUnmanaged])
        #expect(report.findings.first?.message.contains("userid 2") == true)
    }

    @Test func clientsDepartmentsPinsAndExpiriesAreReported() throws {
        let report = try Self.drift(
            staff: """
                  - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: front-desk, expires: 2026-11-30, practices: { main: { username: ann, userid: 1 } } }
                """,
            live: LiveState(
                athena: [
                    LiveAthenaPractice(
                        practiceID: 100, users: [Fixture.user(1, "renamed")], providers: [],
                        departments: [LiveDepartment(departmentID: 1, name: "Main Clinic")])
                ],
                healthie: LiveHealthie(
                    members: [],
                    misroutedClients: [
                        LiveHealthieClient(
                            userID: "77", email: "ann@clinic.org", firstName: "Ann", lastName: "Lee", active: true)
                    ])))
        #expect(Self.finding(report, .staffAmongClients)?.severity == .high)
        #expect(Self.finding(report, .staffAmongClients)?.staffID == "ann")
        #expect(Self.finding(report, .identityConflict)?.severity == .medium)
        let departments = report.findings.filter { $0.kind == .missingDepartment }
        #expect(departments.map(\.declared) == ["Lab", "Pediatrics"])
        #expect(departments.allSatisfy { $0.severity == .low })
        #expect(Self.finding(report, .expiringAccess)?.severity == .info)
    }

    static let ignoring = """
          - { id: ann, first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: ann, departments: [Lab] } } }
        """

    @Test func anIgnoreRuleInForceSuppressesAndCounts() throws {
        let report = try Self.drift(
            staff: Self.ignoring,
            policy: Fixture.lenientPolicy + """

                  ignore:
                    - { account: "athena:main/ANN", fields: [departments], reason: "moving, IT-12", until: 2026-12-31 }
                    - { account: "athena:main/kiosk", reason: "vendor kiosk" }
                """,
            live: Fixture.live(main: [Fixture.user(1, "ann", first: "Anne"), Fixture.user(2, "kiosk")]))
        #expect(report.findings.map(\.field) == ["first_name"])
        #expect(report.suppressed.map(\.finding.field) == ["departments", "account"])
        #expect(report.suppressed.map(\.reason) == ["moving, IT-12", "vendor kiosk"])
        #expect(report.ignoreRules.map(\.matched) == [1, 1])
        #expect(report.summary == "1 medium, 2 suppressed")
    }

    @Test func anExpiredIgnoreRuleSuppressesNothingAndIsReported() throws {
        let report = try Self.drift(
            staff: Self.ignoring,
            policy: Fixture.lenientPolicy + """

                  ignore:
                    - { account: "athena:main/ann", reason: "moving, IT-12", until: 2026-11-23 }
                """,
            live: Fixture.live(main: [Fixture.user(1, "ann", departments: [1])]))
        #expect(report.suppressed.isEmpty)
        #expect(Self.finding(report, .fieldDiffers, field: "departments") != nil)
        let expired = try #require(Self.finding(report, .expiredIgnoreRule))
        #expect(expired.severity == .low)
        #expect(expired.message.contains("ended on 2026-11-23"))
        #expect(report.ignoreRules.first?.expired == true)
    }

    @Test func anIgnoreRuleThatSuppressesNothingIsReportedAsInfo() throws {
        let report = try Self.drift(
            staff: Self.ignoring,
            policy: Fixture.lenientPolicy + """

                  ignore:
                    - { account: "athena:main/ann", fields: [first_name], reason: "nickname, IT-9" }
                    - { account: "athena:north/ghost", reason: "left over" }
                """,
            live: LiveState(
                athena: Array(Fixture.live(main: [Fixture.user(1, "ann", departments: [3])]).athena.prefix(1)),
                healthie: nil))
        let unused = report.findings.filter { $0.kind == .unusedIgnoreRule }
        // The north rule is not judged: north was not read (as under --practice main).
        #expect(unused.map(\.account) == ["athena:main/ann"])
        #expect(unused.first?.severity == .info)
        #expect(unused.first?.message.contains("(first_name)") == true)
        #expect(report.ignoreRules.map(\.matched) == [0, 0])
    }

    @Test func sinceMarksFindingsNewOrKnownAndListsWhatWasResolved() throws {
        let staff = """
              - { id: ann, first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: ann } } }
              - { id: bo, first_name: Bo, last_name: Ek, role: front-desk, practices: { main: { username: bo } } }
            """
        let before = try Self.drift(
            staff: staff,
            live: Fixture.live(main: [Fixture.user(1, "ann", first: "X"), Fixture.user(2, "bo", first: "Y")]))
        let after = try Self.drift(
            staff: staff,
            live: Fixture.live(main: [
                Fixture.user(1, "ann", first: "X"), Fixture.user(2, "bo", first: "Bo", last: "Ek"),
                Fixture.user(3, "new"),
            ]))
        let marked = after.marked(since: before)
        #expect(marked.findings.map { "\($0.address.key) \($0.status?.rawValue ?? "")" } == ["new new", "ann known"])
        #expect(marked.resolved?.map(\.field) == ["first_name", "last_name"])
        #expect(marked.summary == "1 high, 1 medium, 2 resolved, 1 new")
    }

    @Test func failOnComparesSeverities() throws {
        var live = Fixture.live(main: [Fixture.user(1, "ann", departments: [])])
        live.athena[0].departments = [LiveDepartment(departmentID: 1, name: "Main Clinic")]
        let report = try Self.drift(
            staff:
                "  - { id: ann, first_name: Ann, last_name: Lee, role: front-desk, practices: { main: { username: ann } } }",
            live: live)
        #expect(report.findings.map(\.severity) == [.low, .low])
        #expect(report.fails(at: .low))
        #expect(!report.fails(at: .medium))
    }
}

/// `policy.dormant_after`: an active Healthie account with no sign-in for that long.
@Suite struct DormantAccountTests {
    static let staff = """
          - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: nurse }
          - { id: bo, first_name: Bo, last_name: Ray, email: bo@clinic.org, role: nurse }
          - { id: cy, first_name: Cy, last_name: Dee, email: cy@clinic.org, role: nurse }
          - { id: di, first_name: Di, last_name: Fox, email: di@clinic.org, role: nurse }
        """

    static func live() -> LiveState {
        func member(_ id: String, _ email: String, active: Bool = true, signedIn: String?) -> LiveHealthieMember {
            var member = PlanFixture.member(
                id, email, active: active, permissions: ["can_see_billing": false, "can_view_labs": true])
            member.lastSignInAt = signedIn
            return member
        }
        return PlanFixture.live(members: [
            member("1", "ann@clinic.org", signedIn: "2026-08-01T10:00:00Z"),
            member("2", "bo@clinic.org", signedIn: "2026-11-20T10:00:00Z"),
            member("3", "cy@clinic.org", active: false, signedIn: "2025-01-01T10:00:00Z"),
            member("4", "di@clinic.org", signedIn: nil),
            member("5", "it@clinic.org", signedIn: "2025-06-01T10:00:00Z"),
        ])
    }

    @Test func anActiveAccountUnusedForLongerThanThePolicyIsMedium() throws {
        let report = try DriftDetectorTests.drift(
            staff: Self.staff, policy: PlanFixture.lenientPolicy + "\n  protected: [healthie:it@clinic.org]",
            live: Self.live())
        let dormant = report.findings.filter { $0.kind == .dormantAccount }
        #expect(dormant.map(\.staffID) == ["ann"], "recent, inactive, never signed in and protected are not dormant")
        #expect(dormant.first?.severity == .medium)
        #expect(dormant.first?.field == "last_sign_in_at")
        #expect(dormant.first?.live == "2026-08-01T10:00:00Z")
        #expect(
            dormant.first?.message == "Ann Lee has not signed in for 114 days (last 2026-08-01T10:00:00Z); "
                + "policy.dormant_after is 90d")
        #expect(dormant.first?.adopt.contains("dormant_after: '115d'") == true)
    }

    @Test func theSpanIsThePolicysAndAnIgnoreRuleAcceptsIt() throws {
        let longer = try DriftDetectorTests.drift(
            staff: Self.staff, policy: PlanFixture.lenientPolicy + "\n  dormant_after: 26w", live: Self.live())
        #expect(!longer.findings.contains { $0.kind == .dormantAccount && $0.staffID == "ann" })
        let ignored = try DriftDetectorTests.drift(
            staff: Self.staff,
            policy: PlanFixture.lenientPolicy
                + "\n  ignore:\n    - { account: \"healthie:ann@clinic.org\", fields: [last_sign_in_at], reason: sabbatical }",
            live: Self.live())
        #expect(!ignored.findings.contains { $0.kind == .dormantAccount && $0.staffID == "ann" })
        #expect(ignored.suppressed.contains { $0.finding.kind == .dormantAccount })
    }
}
