import Foundation
import RollcallCore
import Testing

/// The offboarding report's rules, each on a small clinic: when employment ended, how each
/// account ended, the latency against the SLA, the window, and the order.
@Suite struct OffboardingAuditTests {
    static let now = Timestamp(iso: "2026-11-24T12:00:00Z") ?? Timestamp(seconds: 0)

    /// The audit entries an apply would write for the deactivations `config` plans against `live`,
    /// each at the time given for its address, chained as the log chains them.
    static func entries(_ config: Config, _ live: LiveState, at times: [String: String]) throws -> [AuditEntry] {
        let plan = PlanFixture.plan(config, live)
        var entries: [AuditEntry] = []
        var head = ""
        for change in plan.changes where change.action == .deactivate {
            guard let time = times[change.address.description] else { continue }
            let entry = AuditEntry(
                sequence: entries.count + 1, time: time, actor: "ci", commit: nil, runID: "run", planChecksum: nil,
                change: change, outcome: .applied, verified: true)
            let linked = try AuditChain(key: nil).link(entry, after: head).entry
            head = linked.hash
            entries.append(linked)
        }
        return entries
    }

    static func report(
        _ config: Config, _ live: LiveState, entries: [AuditEntry] = [], since: String = "2026-09-01"
    ) -> OffboardingReport {
        OffboardingAudit.report(
            OffboardingAudit.Inputs(
                config: config, live: live, entries: entries, since: CalendarDate(iso: since) ?? PlanFixture.today,
                today: PlanFixture.today, now: now),
            provenance: OffboardingAudit.Provenance(
                paths: ["clinic.yaml"], digest: String(repeating: "0", count: 64), commit: nil,
                auditLog: .init(path: "audit.jsonl", lines: entries.count, head: entries.last?.hash ?? ""), read: nil))
    }

    static let leavers = """
          - { id: quick, status: offboarded, ended_at: "2026-11-24T10:00:00Z", email: quick@clinic.org, practices: { main: { username: quick } } }
          - { id: slow, status: offboarded, ended_at: "2026-11-24T05:00:00-05:00", practices: { main: { username: slow }, north: { username: slow } } }
          - { id: stays, status: offboarded, ended_at: "2026-11-23T12:00:00Z", practices: { main: { username: stays } } }
          - { id: elsewhere, status: offboarded, ended_at: "2026-11-20T09:00:00Z", practices: { main: { username: elsewhere } } }
          - { id: unknown, status: offboarded, practices: { north: { username: unknown } } }
          - { id: current, first_name: Cur, last_name: Rent, role: front-desk, practices: { main: { username: current } } }
        """

    static func clinic() throws -> (Config, LiveState) {
        let config = try PlanFixture.config(staff: leavers)
        let live = PlanFixture.live(
            main: [
                PlanFixture.user(1, "quick"), PlanFixture.user(2, "slow"), PlanFixture.user(3, "stays"),
                PlanFixture.user(4, "elsewhere", active: false), PlanFixture.user(5, "current"),
            ],
            north: [PlanFixture.user(6, "slow"), PlanFixture.user(7, "unknown")],
            members: [PlanFixture.member("9", "quick@clinic.org")])
        return (config, live)
    }

    @Test func eachLeaverIsJudgedByTheirLatestAccountAgainstTheSLA() throws {
        let (config, live) = try Self.clinic()
        let entries = try Self.entries(
            config, live,
            at: [
                #"athena[main].user["quick"]"#: "2026-11-24T10:20:00Z",
                #"healthie.member["quick@clinic.org"]"#: "2026-11-24T10:45:00Z",
                #"athena[main].user["slow"]"#: "2026-11-24T10:30:00Z",
                #"athena[north].user["slow"]"#: "2026-11-24T13:00:00Z",
                #"athena[north].user["unknown"]"#: "2026-11-24T11:00:00Z",
            ])
        // The deactivations the entries record, as the live state shows them after the apply.
        var after = live
        for index in after.athena.indices {
            for user in after.athena[index].users.indices
            where ["quick", "slow", "unknown"].contains(after.athena[index].users[user].username) {
                after.athena[index].users[user].active = false
            }
        }
        after.healthie?.members[0].active = false
        let report = Self.report(config, after, entries: entries)
        let byID = Dictionary(uniqueKeysWithValues: report.people.map { ($0.staffID, $0) })
        #expect(report.people.map(\.staffID) == ["stays", "slow", "unknown", "elsewhere", "quick"])

        let quick = try #require(byID["quick"])
        #expect(quick.verdict == .withinSLA)
        #expect(quick.latencySeconds == 45 * 60, "the latest of its two accounts")
        #expect(quick.accounts.map(\.state) == [.deactivated, .deactivated])
        #expect(quick.accounts.first?.auditLine == 1)
        #expect(quick.accounts.first?.auditHash == entries.first?.hash)

        let slow = try #require(byID["slow"])
        #expect(slow.endedAt == "2026-11-24T10:00:00Z", "an offset is read and printed in UTC")
        #expect(slow.verdict == .breach && slow.breach)
        #expect(slow.latencySeconds == 3 * 3600)

        let stays = try #require(byID["stays"])
        #expect(stays.verdict == .stillActive && stays.stillActive)
        #expect(stays.latencySeconds == 86_400, "latency so far, to now")
        #expect(stays.accounts.first?.state == .active)

        let elsewhere = try #require(byID["elsewhere"])
        #expect(elsewhere.verdict == .notMeasured)
        #expect(elsewhere.accounts.first?.state == .alreadyInactive)
        #expect(elsewhere.latencySeconds == nil)
        #expect(!elsewhere.breach)

        let unknown = try #require(byID["unknown"])
        #expect(unknown.verdict == .endUnknown)
        #expect(unknown.endedAt == nil && unknown.endBasis == .unknown)
        #expect(unknown.latencySeconds == nil, "never guessed")
        #expect(unknown.accounts.first?.deactivatedAt == "2026-11-24T11:00:00Z")

        #expect(byID["current"] == nil, "an active person did not leave")
        #expect(report.failing.map(\.staffID) == ["stays", "slow"])
        #expect(
            report.summary == "5 leavers since 2026-09-01, SLA 1h: 1 still active, 1 over the SLA, 1 within it, "
                + "1 deactivated outside Rollcall, not measured, 1 with no known end")
    }

    @Test func theSLAIsThePolicys() throws {
        let config = try PlanFixture.config(
            staff: Self.leavers, policy: PlanFixture.lenientPolicy + "\n  offboarding_sla: 24h")
        #expect(config.policy.offboardingSLA.seconds == 86_400)
        let (_, live) = try Self.clinic()
        var after = live
        after.athena[0].users[1].active = false
        after.athena[1].users[0].active = false
        let entries = try Self.entries(
            config, live,
            at: [
                #"athena[main].user["slow"]"#: "2026-11-24T10:30:00Z",
                #"athena[north].user["slow"]"#: "2026-11-24T13:00:00Z",
            ])
        let slow = try #require(Self.report(config, after, entries: entries).people.first { $0.staffID == "slow" })
        #expect(slow.verdict == .withinSLA, "3 h is within 24h")
    }

    @Test func theWindowHoldsEndsFromSinceToNow() throws {
        let config = try PlanFixture.config(
            staff: """
                  - { id: old, status: offboarded, ended_at: "2026-01-05T10:00:00Z", practices: { main: { username: old } } }
                  - { id: later, first_name: La, last_name: Ter, role: front-desk, expires: 2026-11-30, practices: { main: { username: later } } }
                  - { id: gone, status: offboarded, practices: { main: { username: gone } } }
                """)
        let live = PlanFixture.live(main: [
            PlanFixture.user(1, "old"), PlanFixture.user(2, "later"), PlanFixture.user(3, "gone", active: false),
        ])
        let report = Self.report(config, live, since: "2026-11-01")
        #expect(report.people.isEmpty, "\(report.people.map(\.staffID))")
        let wide = Self.report(config, live, since: "2026-01-01")
        #expect(wide.people.map(\.staffID) == ["old"], "an end in the window, with its account still active")
    }

    @Test func anExpiryEndsAtMidnightAfterTheLastDay() throws {
        let config = try PlanFixture.config(
            staff: """
                  - { id: locum, first_name: Lo, last_name: Cum, role: front-desk, expires: 2026-11-20, practices: { main: { username: locum } } }
                """)
        let report = Self.report(config, PlanFixture.live(main: [PlanFixture.user(1, "locum")]))
        let locum = try #require(report.people.first)
        #expect(locum.endedAt == "2026-11-21T00:00:00Z")
        #expect(locum.endBasis == .expires)
        #expect(locum.verdict == .stillActive)
        #expect(locum.source == OffboardingSource(file: "clinic.yaml", line: 24, key: nil))
    }

    @Test func aRosterTerminationEndsInTheClinicsTimeZoneOrAtItsTime() throws {
        let roster = RosterFixture.roster(extra: "  time_zone: America/New_York")
            .replacingOccurrences(of: "    npi: NPI\n", with: "    npi: NPI\n    termination_time: End Time\n")
        let header = RosterFixture.header + ",End Time"
        let outcome = RosterFixture.load(
            rows: [
                RosterFixture.row("1001", "Ann", "Lee", status: "Terminated", ends: "11/15/2026") + ",",
                RosterFixture.row("1002", "Bo", "Ray", status: "Terminated", ends: "11/15/2026") + ",5:30 PM",
                RosterFixture.row("1003", "Cy", "Dee", status: "Terminated") + ",",
            ], roster: roster, header: header)
        let config = try #require(outcome.config, "\(outcome.diagnostics.map(\.message))")
        #expect(config.roster?.timeZone.identifier == "America/New_York")
        let live = PlanFixture.live(main: [
            PlanFixture.user(1, "alee"), PlanFixture.user(2, "bray"), PlanFixture.user(3, "cdee"),
        ])
        let people = Dictionary(uniqueKeysWithValues: Self.report(config, live).people.map { ($0.staffID, $0) })
        #expect(people["1001"]?.endedAt == "2026-11-16T05:00:00Z", "midnight after the last day, in New York (EST)")
        #expect(people["1001"]?.endBasis == .terminationDate)
        #expect(people["1002"]?.endedAt == "2026-11-15T22:30:00Z")
        #expect(people["1003"]?.endedAt == nil, "terminated with no date: no known end")
        #expect(people["1001"]?.source == OffboardingSource(file: "hr/roster.csv", line: 2, key: "1001"))
    }

    @Test func theJSONWritesUnknownsAsNull() throws {
        let (config, live) = try Self.clinic()
        let json = String(decoding: try Self.report(config, live).encoded(), as: UTF8.self)
        #expect(json.contains(#""ended_at" : null"#))
        #expect(json.contains(#""latency_seconds" : null"#))
        #expect(json.contains(#""audit_line" : null"#))
        let decoded = try OffboardingReport.decoded(Data(json.utf8))
        #expect(decoded == (try Self.report(config, live)))
    }
}
