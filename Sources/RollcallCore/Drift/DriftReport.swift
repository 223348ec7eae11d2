import Foundation

/// How much a drift finding matters, from `info` up to `critical`; `--fail-on` compares them.
public enum DriftSeverity: String, Sendable, Equatable, Hashable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

    public static func < (left: DriftSeverity, right: DriftSeverity) -> Bool { left.rank < right.rank }
}

/// One thing that differs between the config and the live systems.
public struct DriftFinding: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// An offboarded person, or one whose access expired, still active live.
        case stillActive = "still_active"
        /// More access live than the config declares: a broader usertype, admin, Standard, a `can_*` flag.
        case accessAbove = "access_above"
        /// An active account nobody lists, with admin rights.
        case unmanagedAdmin = "unmanaged_admin"
        case unmanagedAccount = "unmanaged_account"
        /// A staff email among Healthie clients (patients).
        case staffAmongClients = "staff_among_clients"
        case missingAccount = "missing_account"
        /// A declared account deactivated live.
        case deactivatedAccount = "deactivated_account"
        /// A managed field that differs without granting more (names, departments, a flag granting less).
        case fieldDiffers = "field_differs"
        /// A pinned userid whose account has another username live.
        case identityConflict = "identity_conflict"
        /// A roster person whose row cannot be resolved: their accounts are left as they are.
        case rosterHeldBack = "roster_held_back"
        case missingDepartment = "missing_department"
        case inactiveUnmanaged = "inactive_unmanaged"
        case expiringAccess = "expiring_access"
        /// A `policy.ignore` rule past its `until`: it no longer suppresses anything.
        case expiredIgnoreRule = "expired_ignore_rule"
        /// A `policy.ignore` rule in force that suppressed nothing in what was read: the drift it
        /// accepted is gone, or it names an account or field no finding has. Rules that rot are noise.
        case unusedIgnoreRule = "unused_ignore_rule"
        /// An active Healthie account with no sign-in for `policy.dormant_after`.
        case dormantAccount = "dormant_account"
    }

    /// When compared with an earlier report (`--since`).
    public enum Status: String, Sendable, Equatable, Codable {
        case new, known
    }

    /// Stable across runs for the same kind, account and field: what `--since` matches on.
    public var id: String
    package var kind: Kind
    public var severity: DriftSeverity
    /// athena or healthie; nil for a rule of the config.
    public var system: PlannedChange.System?
    package var staffID: String?
    package var address: RecordAddress
    /// The account as `policy.ignore` and `policy.protected` name it (`athena:main/jdoe`), when the finding has one.
    public var account: String?
    /// A `DriftField` name.
    public var field: String
    /// The config's value, as a reviewer reads it; nil when the config declares none.
    public var declared: String?
    /// The live value; nil when there is none.
    public var live: String?
    public var message: String
    /// What the next `apply` would do about it.
    package var revert: String
    /// How to adopt the live value into the config instead: YAML where there is a value to write.
    public var adopt: String
    /// Who made the change and when, when the system can say; otherwise why it cannot.
    package var actor: String
    public var status: Status?

    public init(
        kind: Kind, severity: DriftSeverity, system: PlannedChange.System?, staffID: String?,
        address: RecordAddress, account: String?, field: String, declared: String?, live: String?, message: String,
        revert: String, adopt: String, actor: String
    ) {
        id = ChangeID.digest("drift|\(kind.rawValue)|\(address)|\(field)")
        self.kind = kind
        self.severity = severity
        self.system = system
        self.staffID = staffID
        self.address = address
        self.account = account
        self.field = field
        self.declared = declared
        self.live = live
        self.message = message
        self.revert = revert
        self.adopt = adopt
        self.actor = actor
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, severity, system, address, account, field, declared, live, message, revert, adopt, actor,
            status
        case staffID = "staff_id"
    }
}

/// A finding an ignore rule suppressed, with the rule's reason.
package struct SuppressedFinding: Sendable, Equatable, Codable {
    package var finding: DriftFinding
    package var reason: String
    package var until: String?
}

/// The drift report: what every format renders, from one value.
public struct DriftReport: Sendable, Equatable, Codable {
    package static let formatVersion = 1

    package var formatVersion: Int
    /// The day the report is as of.
    public var today: String
    public var config: [String]
    package var configDigest: String
    /// The config's commit, when it is in git.
    public var commit: String?
    /// Most severe first, then by address.
    public var findings: [DriftFinding]
    package var suppressed: [SuppressedFinding]
    /// With `--since`: findings of the earlier report that are gone.
    public var resolved: [DriftFinding]?
    package var ignoreRules: [IgnoreRuleSummary]
    /// Everyone the config names and what they hold live: the access review.
    public var people: [ReviewPerson]
    public var read: ReadSummary?

    package struct IgnoreRuleSummary: Sendable, Equatable, Codable {
        package var account: String
        package var fields: [String]?
        package var reason: String
        package var until: String?
        package var expired: Bool
        /// Findings it suppressed in this report.
        package var matched: Int
    }

    enum CodingKeys: String, CodingKey {
        case today, config, commit, findings, suppressed, resolved, people, read
        case formatVersion = "format_version"
        case configDigest = "config_digest"
        case ignoreRules = "ignore_rules"
    }

    /// Findings at each severity, most severe first.
    public var counts: [(severity: DriftSeverity, count: Int)] {
        DriftSeverity.allCases.reversed().map { severity in
            (severity, findings.filter { $0.severity == severity }.count)
        }
    }

    /// Whether anything at or above `threshold` was found (suppressed findings aside).
    public func fails(at threshold: DriftSeverity) -> Bool {
        findings.contains { $0.severity >= threshold }
    }

    /// "2 critical, 1 medium, 3 suppressed": the one line a CI log shows.
    public var summary: String {
        var parts = counts.filter { $0.count > 0 }.map { "\($0.count) \($0.severity.rawValue)" }
        if parts.isEmpty { parts = ["no drift"] }
        if !suppressed.isEmpty { parts.append("\(suppressed.count) suppressed") }
        if let resolved {
            parts.append("\(resolved.count) resolved")
            parts.append("\(findings.filter { $0.status == .new }.count) new")
        }
        return parts.joined(separator: ", ")
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    public static func decoded(_ data: Data) throws -> DriftReport {
        try JSONDecoder().decode(DriftReport.self, from: data)
    }
}

/// One person in the access review: their role and what each of their accounts holds live.
public struct ReviewPerson: Sendable, Equatable, Codable {
    package var staffID: String
    public var name: String
    package var role: String?
    public var status: String
    public var expires: String?
    public var accounts: [ReviewAccount]
    /// The most severe finding about them, if any.
    var worst: DriftSeverity?

    enum CodingKeys: String, CodingKey {
        case name, role, status, expires, accounts, worst
        case staffID = "staff_id"
    }
}

public struct ReviewAccount: Sendable, Equatable, Codable {
    /// `athena` or `healthie`.
    public var system: String
    /// The practice key, or `Healthie`.
    public var place: String
    /// Username or email.
    package var login: String
    /// Whether it exists live at all.
    public var exists: Bool
    public var active: Bool
    /// The usertype, or Healthie's org_role with admin and provider.
    public var access: String
    public var departments: [String]
    /// Healthie `can_*` flags granted.
    public var grants: [String]
}
