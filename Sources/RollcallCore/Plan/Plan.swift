/// What `rollcall plan` proposes: the changes, in the order they must be made,
/// what a reviewer should know that is not a change, and any rule the plan breaks.
///
/// A plan is a value computed from the config, the live state, the policy and
/// the date; the same inputs always give the same plan.
public struct Plan: Sendable, Equatable, Codable {
    package static let formatVersion = 1

    /// The day the plan was made for: expiries are judged against it.
    public var today: CalendarDate
    /// Creates first, then updates and reactivations, deactivations last.
    public var changes: [PlannedChange]
    public var findings: [Finding]
    /// Rules the plan breaks. A plan with any refusal must not be applied.
    public var refusals: [Refusal]

    public init(today: CalendarDate, changes: [PlannedChange], findings: [Finding], refusals: [Refusal]) {
        self.today = today
        self.changes = changes
        self.findings = findings
        self.refusals = refusals
    }

    public var summary: Summary {
        var summary = Summary()
        for change in changes {
            switch change.action {
            case .create: summary.create += 1
            case .update: summary.update += 1
            case .deactivate: summary.deactivate += 1
            case .reactivate: summary.reactivate += 1
            }
        }
        return summary
    }

    public var hasChanges: Bool { !changes.isEmpty }

    public struct Summary: Sendable, Equatable, Codable {
        public var create = 0
        package var update = 0
        public var deactivate = 0
        package var reactivate = 0

        public init(create: Int = 0, update: Int = 0, deactivate: Int = 0, reactivate: Int = 0) {
            self.create = create
            self.update = update
            self.deactivate = deactivate
            self.reactivate = reactivate
        }
    }
}

/// One change to one live account.
public struct PlannedChange: Sendable, Equatable, Codable {
    public enum System: String, Sendable, Equatable, Codable { case athena, healthie }

    public enum Action: String, Sendable, Equatable, Codable, CaseIterable {
        case create
        case update
        case deactivate
        case reactivate

        /// When the change is made: creates first, then updates and reactivations, deactivations
        /// last, so a supervisor is deactivated after the users who name them are updated.
        package var phase: Int {
            switch self {
            case .create: 0
            case .update, .reactivate: 1
            case .deactivate: 2
            }
        }
    }

    /// Stable across re-plans of the same situation (see `ChangeID`): the key the audit
    /// log, the journal and a resumed apply know the change by.
    public var id: String
    public var system: System
    package var action: Action
    /// Where the account lives.
    package var address: RecordAddress
    /// The staff entry behind the change; nil for an account nobody lists.
    package var staffID: String?
    /// The practice key (`main`), for athena changes.
    public var practice: String?
    /// Fields that change, in a fixed order.
    package var fields: [FieldChange]
    /// Managed fields that already hold the wanted value.
    package var unchangedCount: Int
    /// Why, in words: "offboarded", "expired on 2026-11-01", "not in the config".
    public var reason: String?
    /// Reviewer notes on this change (ordering, supervision).
    package var notes: [String]
    /// What the applier sends; it holds the live record's id.
    package var operation: ChangeOperation
    /// What must still hold of the live record when the change is applied: its digest as
    /// planned, or for a create that the account still does not exist.
    package var precondition: RecordPrecondition
    /// The roster row behind the change, when the roster drives the person.
    public var source: ChangeSource?

    public init(
        system: System, action: Action, address: RecordAddress, staffID: String?, practice: String?,
        fields: [FieldChange], unchangedCount: Int, reason: String? = nil, notes: [String] = [],
        operation: ChangeOperation, precondition: RecordPrecondition
    ) {
        self.id = ChangeID.make(address: address, action: action)
        self.system = system
        self.action = action
        self.address = address
        self.staffID = staffID
        self.practice = practice
        self.fields = fields
        self.unchangedCount = unchangedCount
        self.reason = reason
        self.notes = notes
        self.operation = operation
        self.precondition = precondition
    }

    enum CodingKeys: String, CodingKey {
        case id, system, action, address, practice, fields, reason, notes, operation, precondition, source
        case staffID = "staff_id"
        case unchangedCount = "unchanged_count"
    }

    /// The live record's id (athena `userid`, Healthie membership id), read from the operation; nil for a create.
    package var recordID: String? { operation.recordID }

    /// True when any field grants more access than before.
    package var isEscalation: Bool { fields.contains(where: \.escalation) }
}

/// The roster row a change comes from: `"source": {"file": "hr/roster.csv", "line": 14, "key": "1042"}`.
public struct ChangeSource: Sendable, Equatable, Codable {
    public var file: String
    public var line: Int
    public var key: String
    package var jobTitle: String?
    package var location: String?

    public init(_ link: RosterLink) {
        file = link.file
        line = link.line
        key = link.key
        jobTitle = link.jobTitle
        location = link.location
    }

    enum CodingKeys: String, CodingKey {
        case file, line, key, location
        case jobTitle = "job_title"
    }

    /// `hr/roster.csv:14 (1042, Registered Nurse at Main Street)`.
    public var description: String {
        RosterLink(file: file, line: line, key: key, jobTitle: jobTitle, location: location).description
    }
}

/// One field's change, with values as a reviewer reads them (`"Jane"`, `true`,
/// `["Main Clinic" (101)]`); nil is "not set".
public struct FieldChange: Sendable, Equatable, Codable {
    public var name: String
    public var before: String?
    public var after: String?
    /// The change grants more access: admin, a permission, a broader role.
    package var escalation: Bool

    public init(name: String, before: String?, after: String?, escalation: Bool = false) {
        self.name = name
        self.before = before
        self.after = after
        self.escalation = escalation
    }
}

/// What the applier sends for a change: exactly one connector call.
public enum ChangeOperation: Sendable, Equatable, Codable {
    case athenaCreate(practiceID: Int, draft: AthenaUserDraft)
    case athenaUpdate(practiceID: Int, userID: Int, patch: AthenaUserPatch)
    case healthieCreate(draft: HealthieMembershipDraft, settings: HealthieMembershipPatch)
    case healthieUpdate(membershipID: String, patch: HealthieMembershipPatch)

    enum CodingKeys: String, CodingKey {
        case athenaCreate = "athena_create"
        case athenaUpdate = "athena_update"
        case healthieCreate = "healthie_create"
        case healthieUpdate = "healthie_update"
    }

    enum AthenaCreateCodingKeys: String, CodingKey {
        case draft
        case practiceID = "practice_id"
    }

    enum AthenaUpdateCodingKeys: String, CodingKey {
        case patch
        case practiceID = "practice_id"
        case userID = "user_id"
    }

    enum HealthieCreateCodingKeys: String, CodingKey { case draft, settings }

    enum HealthieUpdateCodingKeys: String, CodingKey {
        case patch
        case membershipID = "membership_id"
    }

    /// The live record the operation writes to; nil for a create.
    package var recordID: String? {
        switch self {
        case .athenaUpdate(_, let userID, _): String(userID)
        case .healthieUpdate(let membershipID, _): membershipID
        case .athenaCreate, .healthieCreate: nil
        }
    }
}

/// Something a reviewer should know that is not a change.
public struct Finding: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        /// A staff email found among Healthie clients (patients).
        case misroutedClient = "misrouted_client"
        /// A department the config names that the practice does not have live.
        case missingDepartment = "missing_department"
        /// A live account no staff entry describes.
        case unmanagedAccount = "unmanaged_account"
        /// A staff entry's pinned `userid` whose account has another username live: the entry's
        /// changes in that practice are held back until the config or the pin is fixed.
        case identityConflict = "identity_conflict"
        /// A provider being deactivated whom other users name as supervising.
        case supervisorDeactivated = "supervisor_deactivated"
        /// A supervisor with no provider record in that practice, so supervision cannot be set yet.
        case supervisorWithoutProvider = "supervisor_without_provider"
        /// Temporary access ending within the next 14 days.
        case upcomingExpiry = "upcoming_expiry"
        /// A protected account a staff entry would change; it is left alone.
        case protectedAccount = "protected_account"
        /// Fewer active admins than the policy asks for already, before this plan.
        case fewAdmins = "few_admins"
        /// A `max_deactivations` refusal lifted by `--allow-mass-deactivation`.
        case massDeactivationAllowed = "mass_deactivation_allowed"
        /// A roster person hired after today: no accounts until the day they start.
        case upcomingStart = "upcoming_start"
        /// A roster person whose row cannot be resolved (an unmapped title or location, a shared
        /// username or email, a provider without an NPI): every change of theirs is held back.
        case rosterHeldBack = "roster_held_back"
        /// A staff entry's `roster_id` that the export does not hold: the person is offboarded.
        case rosterEntryMissing = "roster_entry_missing"
    }

    public enum Severity: String, Sendable, Equatable, Codable, CaseIterable { case warning, info }

    package var kind: Kind
    public var severity: Severity
    package var address: RecordAddress
    public var message: String

    public init(kind: Kind, severity: Severity, address: RecordAddress, message: String) {
        self.kind = kind
        self.severity = severity
        self.address = address
        self.message = message
    }
}

/// A safety rule the plan breaks, with the numbers and the records.
public struct Refusal: Sendable, Equatable, Codable {
    /// The policy key: `policy.max_deactivations`, `policy.min_admins`.
    public var rule: String
    public var message: String
    /// Addresses of the records involved.
    public var records: [RecordAddress]
    /// Whether a flag may override it (`--allow-mass-deactivation`); `min_admins` never.
    package var overridable: Bool
    /// The message once the flag has lifted it: what was allowed, without telling to pass the flag.
    var liftedMessage: String?

    public init(
        rule: String, message: String, records: [RecordAddress], overridable: Bool, liftedMessage: String? = nil
    ) {
        self.rule = rule
        self.message = message
        self.records = records
        self.overridable = overridable
        self.liftedMessage = liftedMessage
    }

    enum CodingKeys: String, CodingKey { case rule, message, records, overridable }
}

extension Plan {
    /// The plan with its overridable refusals lifted, as `--allow-mass-deactivation` asks;
    /// each lifted one stays on record as a finding. `min_admins` refusals are never lifted.
    package func allowingMassDeactivation() -> Plan {
        var plan = self
        plan.refusals = refusals.filter { !$0.overridable }
        for refusal in refusals where refusal.overridable {
            plan.findings.append(
                Finding(
                    kind: .massDeactivationAllowed, severity: .warning,
                    address: .policy(String(refusal.rule.dropFirst("policy.".count))),
                    message: "allowed by --allow-mass-deactivation: \(refusal.liftedMessage ?? refusal.message)"))
        }
        return plan
    }
}
