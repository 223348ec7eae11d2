import Foundation

/// `rollcall audit offboarding`: for each person whose access ended in the window, when their
/// employment ended and when each of their accounts was deactivated (the audit line that says
/// so, by number and hash), judged against `policy.offboarding_sla`. Breaches and accounts still
/// active lead. The shape scripts read is this type's JSON (`schemas/offboarding-report.schema.json`).
public struct OffboardingReport: Sendable, Equatable, Codable {
    package static let formatVersion = 1

    package var formatVersion: Int
    var slaSeconds: Int
    /// The SLA as the config writes it (`1h`).
    package var sla: String
    /// The first day of the window.
    public var since: String
    public var today: String
    /// The instant latencies of accounts still active are measured to.
    public var now: String
    /// Where days end: `roster.time_zone`, or UTC.
    public var timeZone: String
    public var config: [String]
    package var configDigest: String
    public var commit: String?
    public var auditLog: AuditLogSummary
    public var people: [OffboardingPerson]
    public var read: ReadSummary?

    public struct AuditLogSummary: Sendable, Equatable, Codable {
        public var path: String
        public var lines: Int
        /// The chain head the log was verified to; empty for an empty log.
        public var head: String

        public init(path: String, lines: Int, head: String) {
            self.path = path
            self.lines = lines
            self.head = head
        }
    }

    enum CodingKeys: String, CodingKey {
        case sla, since, today, now, config, commit, people, read
        case formatVersion = "format_version"
        case slaSeconds = "sla_seconds"
        case timeZone = "time_zone"
        case configDigest = "config_digest"
        case auditLog = "audit_log"
    }

    /// People over the SLA or with an account still active: what makes the command exit 2.
    public var failing: [OffboardingPerson] { people.filter { $0.breach || $0.stillActive } }

    public var summary: String {
        let counts: [(OffboardingPerson.Verdict, String)] = [
            (.stillActive, "still active"), (.breach, "over the SLA"), (.withinSLA, "within it"),
            (.notMeasured, "deactivated outside Rollcall, not measured"), (.endUnknown, "with no known end"),
        ]
        let parts = counts.compactMap { verdict, words -> String? in
            let count = people.filter { $0.verdict == verdict }.count
            return count == 0 ? nil : "\(count) \(words)"
        }
        let leavers = people.count == 1 ? "1 leaver" : "\(people.count) leavers"
        let tail = parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")
        return "\(leavers) since \(since), SLA \(sla)\(tail)"
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decoded(_ data: Data) throws -> OffboardingReport {
        try JSONDecoder().decode(OffboardingReport.self, from: data)
    }
}

/// One leaver: when employment ended, how it is known, and each account's end.
public struct OffboardingPerson: Sendable, Equatable, Codable {
    package enum Verdict: String, Sendable, Equatable, Codable, CaseIterable {
        /// An account is still active after employment ended.
        case stillActive = "still_active"
        /// Every account ended, the latest later than the SLA allows.
        case breach
        /// No end time is known for the person: listed, never guessed.
        case endUnknown = "end_unknown"
        /// Accounts are inactive, but no Rollcall write says when: the latency cannot be measured.
        case notMeasured = "not_measured"
        case withinSLA = "within_sla"
    }

    /// How the end of employment is known.
    package enum EndBasis: String, Sendable, Equatable, Codable {
        /// An offboarded entry's `ended_at`.
        case endedAt = "ended_at"
        /// The roster's termination date (and `termination_time`), at the end of that day.
        case terminationDate = "termination_date"
        /// A staff entry's `expires`, at the end of that day.
        case expires
        case unknown
    }

    package var staffID: String
    public var name: String
    /// ISO 8601 in UTC, or nil when unknown.
    package var endedAt: String?
    package var endBasis: EndBasis
    /// The roster row or the config line that says the person left.
    public var source: OffboardingSource
    /// The latest account's latency; nil when no account's end time is known, or the person's end is not.
    package var latencySeconds: Int?
    public var breach: Bool
    package var stillActive: Bool
    package var verdict: Verdict
    public var accounts: [OffboardingAccount]

    enum CodingKeys: String, CodingKey {
        case name, source, breach, verdict, accounts
        case staffID = "staff_id"
        case endedAt = "ended_at"
        case endBasis = "end_basis"
        case latencySeconds = "latency_seconds"
        case stillActive = "still_active"
    }

    /// `ended_at` and `latency_seconds` are written as null when unknown, never left out: a
    /// script reads "unknown" from the key, not from its absence.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(staffID, forKey: .staffID)
        try container.encode(name, forKey: .name)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(endBasis, forKey: .endBasis)
        try container.encode(source, forKey: .source)
        try container.encode(latencySeconds, forKey: .latencySeconds)
        try container.encode(breach, forKey: .breach)
        try container.encode(stillActive, forKey: .stillActive)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(accounts, forKey: .accounts)
    }
}

/// Where a leaver is written: a roster row (with its key) or a staff entry's line.
public struct OffboardingSource: Sendable, Equatable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The roster key, for a row of the export.
    public var key: String?

    public init(file: String, line: Int, key: String?) {
        self.file = file
        self.line = line
        self.key = key
    }

    public var description: String { "\(file):\(line)" + (key.map { " (\($0))" } ?? "") }
}

/// One account of a leaver and how it ended.
public struct OffboardingAccount: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Equatable, Codable {
        /// Deactivated by a Rollcall apply, which the audit log records.
        case deactivated
        /// Inactive live, with no Rollcall write that made it so.
        case alreadyInactive = "already_inactive"
        /// Still active.
        case active
    }

    package var address: RecordAddress
    /// As `policy.protected` writes it (`athena:main/jdoe`, `healthie:EMAIL`).
    public var account: String
    public var state: State
    /// From the audit line, for a deactivated account.
    package var deactivatedAt: String?
    /// The audit line's number.
    package var auditLine: Int?
    package var auditHash: String?
    /// Whether the apply read the account back and found it inactive.
    public var verified: Bool?
    /// Deactivation (or now, while active) less the end of employment; nil when either is unknown.
    package var latencySeconds: Int?

    enum CodingKeys: String, CodingKey {
        case address, account, state, verified
        case deactivatedAt = "deactivated_at"
        case auditLine = "audit_line"
        case auditHash = "audit_hash"
        case latencySeconds = "latency_seconds"
    }

    /// Each key written, null where there is no value, as the person's are.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(address, forKey: .address)
        try container.encode(account, forKey: .account)
        try container.encode(state, forKey: .state)
        try container.encode(deactivatedAt, forKey: .deactivatedAt)
        try container.encode(auditLine, forKey: .auditLine)
        try container.encode(auditHash, forKey: .auditHash)
        try container.encode(verified, forKey: .verified)
        try container.encode(latencySeconds, forKey: .latencySeconds)
    }
}
