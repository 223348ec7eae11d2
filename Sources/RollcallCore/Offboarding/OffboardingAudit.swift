/// Builds the offboarding report: a pure function of the config, the live state, the audit
/// log's verified entries and the instant it is made at.
///
/// A leaver is a person whose employment ended: an offboarded staff entry, a roster row
/// terminated (or gone from the export), or an entry whose `expires` has passed. When it ended
/// is read, never guessed: an offboarded entry's `ended_at`; a roster termination date, at the
/// end of that day in `roster.time_zone` (or at its `termination_time`); an `expires` date
/// likewise. A person whose end falls in the window is listed; one whose end is unknown is
/// listed when an account of theirs is still active or a Rollcall deactivation of one falls in
/// the window, so a long-gone leaver does not fill every report.
///
/// Each account is judged by the live read: active (latency so far, growing), or inactive and
/// either deactivated by a Rollcall apply (the last audit line that deactivated it gives the
/// time) or inactive with no Rollcall write (already inactive; its time is not known).
package enum OffboardingAudit {
    package struct Inputs: Sendable {
        package var config: Config
        package var live: LiveState
        /// The audit log's entries, read only after its chain verified.
        package var entries: [AuditEntry]
        package var since: CalendarDate
        package var today: CalendarDate
        package var now: Timestamp

        package init(
            config: Config, live: LiveState, entries: [AuditEntry], since: CalendarDate, today: CalendarDate,
            now: Timestamp
        ) {
            self.config = config
            self.live = live
            self.entries = entries
            self.since = since
            self.today = today
            self.now = now
        }
    }

    /// Where the report came from, for its header.
    package struct Provenance: Sendable {
        package var paths: [String]
        package var digest: String
        package var commit: String?
        package var auditLog: OffboardingReport.AuditLogSummary
        package var read: ReadSummary?

        package init(
            paths: [String], digest: String, commit: String?, auditLog: OffboardingReport.AuditLogSummary,
            read: ReadSummary?
        ) {
            self.paths = paths
            self.digest = digest
            self.commit = commit
            self.auditLog = auditLog
            self.read = read
        }
    }

    package static func report(_ inputs: Inputs, provenance: Provenance) -> OffboardingReport {
        let zone = inputs.config.roster?.timeZone ?? .utc
        let windowStart = zone.instant(inputs.since, secondOfDay: 0)
        let sla = inputs.config.policy.offboardingSLA
        let records = LiveRecords(inputs.live.canonical)
        let deactivations = lastDeactivations(inputs.entries)
        var people: [OffboardingPerson] = []
        for staff in inputs.config.staff where hasLeft(staff) {
            let end = endOfEmployment(staff, zone: zone)
            if let instant = end.instant, instant > inputs.now { continue }
            let accounts = self.accounts(of: staff, config: inputs.config, live: inputs.live, records: records)
                .compactMap {
                    account(
                        $0.address, record: $0.active, end: end.instant, now: inputs.now,
                        deactivation: deactivations[AddressKey($0.address)])
                }
            let inWindow: Bool
            if let instant = end.instant {
                inWindow = instant >= windowStart
            } else {
                inWindow = accounts.contains { account in
                    account.state == .active
                        || (account.deactivatedAt.flatMap(Timestamp.init(iso:)).map { $0 >= windowStart } ?? false)
                }
            }
            guard inWindow else { continue }
            people.append(person(staff, end: end, accounts: accounts, sla: sla))
        }
        people.sort { left, right in
            (rank(left.verdict), -(left.latencySeconds ?? -1), left.staffID)
                < (rank(right.verdict), -(right.latencySeconds ?? -1), right.staffID)
        }
        return OffboardingReport(
            formatVersion: OffboardingReport.formatVersion, slaSeconds: sla.seconds, sla: sla.description,
            since: inputs.since.description, today: inputs.today.description, now: inputs.now.description,
            timeZone: zone.identifier, config: provenance.paths, configDigest: provenance.digest,
            commit: provenance.commit, auditLog: provenance.auditLog, people: people, read: provenance.read)
    }

    /// Whether employment ended or is set to end: offboarded, terminated in the roster, or with a last day.
    static func hasLeft(_ staff: StaffMember) -> Bool {
        if let roster = staff.roster { return roster.left || staff.expires != nil }
        return staff.status == .offboarded || staff.expires != nil
    }

    static func endOfEmployment(_ staff: StaffMember, zone: ClinicTimeZone) -> (
        instant: Timestamp?, basis: OffboardingPerson.EndBasis
    ) {
        if let endedAt = staff.endedAt { return (endedAt, .endedAt) }
        if let expires = staff.expires {
            let basis: OffboardingPerson.EndBasis =
                staff.roster?.terminationDate == expires ? .terminationDate : .expires
            return (zone.end(ofLastDay: expires, secondOfDay: staff.endsAtSecond), basis)
        }
        return (nil, .unknown)
    }

    /// The person's accounts the config names, found live as the planner finds them; `active`
    /// is nil where there is no live account.
    static func accounts(of staff: StaffMember, config: Config, live: LiveState, records: LiveRecords) -> [(
        address: RecordAddress, active: Bool?
    )] {
        var accounts: [(address: RecordAddress, active: Bool?)] = []
        for assignment in staff.practices {
            guard let practice = config.athena?.practice(assignment.practice),
                live.practice(id: practice.practiceID) != nil
            else { continue }
            let user =
                assignment.userID.map { records.user(practiceID: practice.practiceID, userID: $0) }
                ?? records.user(practiceID: practice.practiceID, username: assignment.username)
            accounts.append((.athenaUser(practice: practice.key, username: assignment.username), user?.active))
        }
        if config.healthie != nil, live.healthie != nil, let email = staff.email {
            accounts.append((.healthieMember(email: email), records.member(email: email)?.active))
        }
        return accounts
    }

    static func account(
        _ address: RecordAddress, record active: Bool?, end: Timestamp?, now: Timestamp, deactivation: AuditEntry?
    ) -> OffboardingAccount? {
        let name = DriftWork.account(address) ?? address.description
        func latency(to instant: Timestamp) -> Int? { end.map { max(0, instant.seconds - $0.seconds) } }
        if active == true {
            return OffboardingAccount(
                address: address, account: name, state: .active, latencySeconds: latency(to: now))
        }
        if let deactivation, let time = Timestamp(iso: deactivation.time) {
            return OffboardingAccount(
                address: address, account: name, state: .deactivated, deactivatedAt: time.description,
                auditLine: deactivation.sequence, auditHash: deactivation.hash, verified: deactivation.verified,
                latencySeconds: latency(to: time))
        }
        // No live account and no Rollcall deactivation: the person never had one here.
        guard active == false else { return nil }
        return OffboardingAccount(address: address, account: name, state: .alreadyInactive)
    }

    static func person(
        _ staff: StaffMember, end: (instant: Timestamp?, basis: OffboardingPerson.EndBasis),
        accounts: [OffboardingAccount], sla: TimeSpan
    ) -> OffboardingPerson {
        let latency = accounts.compactMap(\.latencySeconds).max()
        let stillActive = accounts.contains { $0.state == .active }
        let breach = (latency ?? 0) > sla.seconds
        let verdict: OffboardingPerson.Verdict
        if stillActive {
            verdict = .stillActive
        } else if end.instant == nil {
            verdict = .endUnknown
        } else if breach {
            verdict = .breach
        } else if accounts.contains(where: { $0.state == .alreadyInactive }) && latency == nil {
            verdict = .notMeasured
        } else {
            verdict = .withinSLA
        }
        let source =
            staff.roster.map { OffboardingSource(file: $0.file, line: $0.line, key: $0.key) }
            ?? OffboardingSource(file: staff.declaredAt.file, line: staff.declaredAt.line, key: nil)
        return OffboardingPerson(
            staffID: staff.id, name: [staff.firstName, staff.lastName].compactMap { $0 }.joined(separator: " "),
            endedAt: end.instant?.description, endBasis: end.basis, source: source, latencySeconds: latency,
            breach: breach, stillActive: stillActive, verdict: verdict, accounts: accounts)
    }

    static func rank(_ verdict: OffboardingPerson.Verdict) -> Int {
        OffboardingPerson.Verdict.allCases.firstIndex(of: verdict) ?? 0
    }

    /// An address as accounts are matched: usernames and emails ignoring case.
    struct AddressKey: Hashable {
        var kind: RecordAddress.Kind
        var practice: String?
        var key: String

        init(_ address: RecordAddress) {
            kind = address.kind
            practice = address.practice
            key = address.key.lowercased()
        }
    }

    /// Each account's last deactivation a Rollcall apply made and recorded as made.
    static func lastDeactivations(_ entries: [AuditEntry]) -> [AddressKey: AuditEntry] {
        var last: [AddressKey: AuditEntry] = [:]
        for entry in entries where entry.operation == .deactivate {
            let made = entry.outcome == .applied || (entry.outcome == .resolved && entry.verified == true)
            if made { last[AddressKey(entry.address)] = entry }
        }
        return last
    }
}
