import Foundation
import RollcallCore
import Testing

/// The access review's campaign: what start lists, the file round trip, and every check of
/// verify, each bad input at its line and column.
@Suite struct ReviewCampaignTests {
    static let startedAt = Timestamp(iso: "2026-11-24T09:00:00Z") ?? Timestamp(seconds: 0)

    static let staff = """
          - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: nurse, practices: { main: { username: alee } } }
          - { id: boss, first_name: Bo, last_name: Ss, email: boss@clinic.org, role: admin, practices: { main: { username: boss } } }
        """

    static func clinic() throws -> (Config, LiveState) {
        let config = try PlanFixture.config(staff: staff)
        var ann = PlanFixture.member(
            "1", "ann@clinic.org", permissions: ["can_see_billing": false, "can_view_labs": true])
        ann.lastSignInAt = "2026-11-20T08:00:00Z"
        let live = PlanFixture.live(
            main: [
                PlanFixture.user(1, "alee"), PlanFixture.user(2, "boss", type: "ADMIN"),
                PlanFixture.user(3, "kiosk"), PlanFixture.user(4, "gone", active: false),
            ],
            members: [
                ann,
                PlanFixture.member(
                    "2", "boss@clinic.org", orgRole: "Standard", admin: true, permissions: ["can_edit_members": true]),
            ])
        return (config, live)
    }

    static func campaign(key: [UInt8]? = nil) throws -> ReviewCampaign {
        let (config, live) = try clinic()
        var read = ReadSummary(state: live)
        read.requests = 5
        return ReviewStart.campaign(
            ReviewStart.Inputs(
                config: config, configPath: "clinic.yaml", live: live, read: read, reviewer: "Dana Whitfield",
                startedAt: startedAt, nextReview: PlanFixture.today.adding(days: 90)),
            key: key)
    }

    /// The campaign as a file, with `edit` applied to its text, read back and verified.
    static func verify(
        _ edit: (String) -> String = { $0 }, config: Config? = nil, live: LiveState? = nil
    ) throws -> (ReviewFile.Read, ReviewVerifier.Outcome) {
        let (defaultConfig, defaultLive) = try clinic()
        let text = edit(try ReviewFile.text(try campaign(), schema: "../schemas/review.schema.json"))
        let read = ReviewFile.read(Array(text.utf8), file: "reviews/q4.yaml")
        let outcome = ReviewVerifier.verify(
            read, file: "reviews/q4.yaml", config: config ?? defaultConfig, live: live ?? defaultLive,
            today: PlanFixture.today, key: nil)
        return (read, outcome)
    }

    /// Sets the decision (and reason, ticket) of the item for `account` in the file's text, where
    /// that item's are still empty; nothing outside the item is touched.
    static func decide(_ text: String, _ account: String, _ decision: String, reason: String = "", ticket: String = "")
        -> String
    {
        guard let start = text.range(of: "- account: \(account)\n") else { return text }
        let end =
            text.range(of: "\n  - account: ", range: start.upperBound..<text.endIndex)?.lowerBound ?? text.endIndex
        var item = String(text[start.upperBound..<end])
        for (key, value) in [("decision", decision), ("reason", reason), ("ticket", ticket)] where !value.isEmpty {
            item = item.replacingOccurrences(of: "\(key): ''", with: "\(key): \(value)")
        }
        return String(text[..<start.upperBound]) + item + String(text[end...])
    }

    static func decideAll(_ text: String) -> String {
        var text = text
        for account in ["athena:main/alee", "athena:main/kiosk", "healthie:ann@clinic.org"] {
            text = decide(text, account, "keep")
        }
        for account in ["athena:main/boss", "healthie:boss@clinic.org"] {
            text = decide(text, account, "keep", reason: "practice administrator")
        }
        return text
    }

    @Test func startListsEveryActiveAccountWithItsPersonGrantsAndLastSignIn() throws {
        let campaign = try Self.campaign()
        #expect(
            campaign.items.map(\.account) == [
                "athena:main/alee", "athena:main/boss", "athena:main/kiosk", "healthie:ann@clinic.org",
                "healthie:boss@clinic.org",
            ], "inactive accounts are not listed; each practice's users, then Healthie's members")
        let byAccount = Dictionary(uniqueKeysWithValues: campaign.items.map { ($0.account, $0) })
        #expect(byAccount["athena:main/kiosk"]?.staffID == "unmanaged")
        #expect(byAccount["athena:main/boss"]?.privileged == true)
        #expect(byAccount["athena:main/alee"]?.lastSignInAt == "not exposed by athenaOne")
        #expect(byAccount["healthie:ann@clinic.org"]?.grants == "org_role Support, can_view_labs")
        #expect(byAccount["healthie:ann@clinic.org"]?.lastSignInAt == "2026-11-20T08:00:00Z")
        #expect(byAccount["healthie:boss@clinic.org"]?.privileged == true)
        #expect(byAccount["healthie:boss@clinic.org"]?.lastSignInAt == "never")
        #expect(campaign.systems.map(\.name) == ["athena:main (100)", "athena:north (200)", "healthie"])
        #expect(campaign.systems.map(\.records) == [3, 0, 2])
        #expect(campaign.nextReview.description == "2027-02-22")
        #expect(campaign.seal == campaign.expectedSeal(key: nil))
        #expect(try Self.campaign(key: Array("k".utf8)).seal != campaign.seal, "a key changes every seal")
    }

    @Test func theFileReadsBackToTheSameCampaign() throws {
        let campaign = try Self.campaign()
        let text = try ReviewFile.text(campaign, schema: "../schemas/review.schema.json")
        #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/review.schema.json\n"))
        let read = ReviewFile.read(Array(text.utf8), file: "q4.yaml")
        #expect(read.diagnostics.isEmpty)
        #expect(read.campaign == campaign)
        #expect(read.totals?.items == 5 && read.totals?.privileged == 2)
    }

    @Test func aFreshCampaignIsIncompleteAtEachDecision() throws {
        let (_, outcome) = try Self.verify()
        #expect(outcome.errors.isEmpty)
        #expect(outcome.shortfalls.count == 5)
        #expect(outcome.shortfalls.first.map { [$0.line, $0.column] } == [36, 15], "the decision of the first item")
        #expect(outcome.shortfalls.first?.message == "athena:main/alee has no decision yet (keep, revoke or modify)")
    }

    @Test func aDecidedCampaignIsCompleteAndEachShortfallIsNamed() throws {
        #expect(try Self.verify(Self.decideAll).1.complete)
        let (_, missing) = try Self.verify { text in
            // kiosk revoked with no ticket, boss kept with no reason; the rest decided.
            var text = Self.decide(Self.decide(text, "athena:main/kiosk", "revoke"), "athena:main/boss", "keep")
            for account in ["athena:main/alee", "healthie:ann@clinic.org"] { text = Self.decide(text, account, "keep") }
            return Self.decide(text, "healthie:boss@clinic.org", "keep", reason: "administrator")
        }
        let messages = missing.shortfalls.map(\.message)
        #expect(messages.contains("athena:main/kiosk is to revoke, with no ticket"))
        #expect(messages.contains { $0.hasPrefix("athena:main/kiosk is to revoke, and it is not carried out") })
        #expect(messages.contains("athena:main/boss is privileged and kept, with no reason"))
    }

    @Test func aRevokeIsCarriedOutByTheConfigOrTheLiveAccount() throws {
        let revokeAnn = { (text: String) in
            var text = Self.decide(text, "athena:main/alee", "revoke", ticket: "IT-1")
            for account in ["athena:main/kiosk", "healthie:ann@clinic.org"] {
                text = Self.decide(text, account, "keep")
            }
            for account in ["athena:main/boss", "healthie:boss@clinic.org"] {
                text = Self.decide(text, account, "keep", reason: "administrator")
            }
            return text
        }
        let (_, before) = try Self.verify(revokeAnn)
        #expect(
            before.shortfalls.map(\.message).contains {
                $0.contains("athena:main/alee is to revoke, and it is not carried out")
            })
        let offboarded = try PlanFixture.config(
            staff: Self.staff.replacingOccurrences(of: "role: nurse,", with: "status: offboarded,"))
        #expect(try Self.verify(revokeAnn, config: offboarded).1.complete, "the plan now deactivates it")
        var live = try Self.clinic().1
        live.athena[0].users[0].active = false
        #expect(try Self.verify(revokeAnn, live: live).1.complete, "the account is inactive live")
    }

    @Test func aModifyIsCarriedOutWhenTheGrantsChange() throws {
        let modify = { (text: String) in
            var text = Self.decide(text, "healthie:ann@clinic.org", "modify", ticket: "IT-2")
            for account in ["athena:main/alee", "athena:main/kiosk"] { text = Self.decide(text, account, "keep") }
            for account in ["athena:main/boss", "healthie:boss@clinic.org"] {
                text = Self.decide(text, account, "keep", reason: "administrator")
            }
            return text
        }
        #expect(!(try Self.verify(modify).1.complete))
        var live = try Self.clinic().1
        live.healthie?.members[0].permissions["can_view_labs"] = false
        #expect(try Self.verify(modify, live: live).1.complete, "the live grants are narrower now")
    }

    @Test func anEditedFileIsAnErrorAtItsPlace() throws {
        func error(_ edit: @escaping (String) -> String) throws -> [String] {
            let (_, outcome) = try Self.verify(edit)
            return outcome.errors.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
        }
        let grants = try error { $0.replacingOccurrences(of: "grants: usertype ADMIN", with: "grants: usertype STAFF") }
        #expect(grants.contains { $0.hasPrefix("40:5 the item for athena:main/boss was edited") }, "\(grants)")
        let decision = try error { Self.decide($0, "athena:main/kiosk", "approve") }
        #expect(
            decision.contains {
                $0.hasPrefix("56:15 decision 'approve' of athena:main/kiosk is not keep, revoke or modify")
            }, "\(decision)")
        let date = try error {
            $0.replacingOccurrences(of: "next_review: '2027-02-22'", with: "next_review: '2027-02-30'")
        }
        #expect(date == ["10:16 next_review '2027-02-30' is not a date as YYYY-MM-DD"], "\(date)")
        let key = try error {
            $0.replacingOccurrences(
                of: "  reviewer: Dana Whitfield\n", with: "  reviewer: Dana Whitfield\n  approved: true\n")
        }
        #expect(key.contains { $0.hasPrefix("9:3 review has an unknown key 'approved'") }, "\(key)")
        let removed = try error { text in
            guard let start = text.range(of: "  - account: athena:main/kiosk\n"),
                let end = text.range(of: "  - account: healthie:ann", range: start.upperBound..<text.endIndex)
            else { return text }
            return String(text[..<start.lowerBound] + text[end.lowerBound...])
        }
        #expect(removed.contains { $0.contains("the campaign's seal does not match") }, "\(removed)")
        #expect(
            removed.contains {
                $0.contains("the totals do not reconcile: they say 5 items, 2 privileged; the file lists 4 items")
            })
        let twice = try error { text in
            guard let start = text.range(of: "  - account: athena:main/kiosk\n"),
                let end = text.range(of: "  - account: healthie:ann", range: start.upperBound..<text.endIndex)
            else { return text }
            return String(text[..<end.lowerBound] + text[start.lowerBound..<end.lowerBound] + text[end.lowerBound...])
        }
        #expect(
            twice.contains {
                $0.hasPrefix("60:5 athena:main/kiosk is listed again; it was first listed at reviews/q4.yaml:50:5")
            }, "\(twice)")
    }

    @Test func anItemForAnAccountThatIsNotLiveIsAnError() throws {
        var live = try Self.clinic().1
        live.athena[0].users.removeAll { $0.username == "kiosk" }
        let (_, outcome) = try Self.verify(live: live)
        #expect(
            outcome.errors.map(\.message) == [
                "athena:main/kiosk is no account live (no such user or member in what was read)"
            ])
    }
}
