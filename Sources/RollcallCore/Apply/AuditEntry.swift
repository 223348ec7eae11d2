/// One line of the audit log: one write (or attempt at one) and what came of it.
/// Never holds a secret: values are the fields a reviewer saw in the plan.
public struct AuditEntry: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Equatable, Codable, CaseIterable {
        /// Written before the request is sent: the write is about to be made.
        case started
        case applied
        /// The record already held the planned values; nothing was sent.
        case alreadyApplied = "already_applied"
        case failed
        /// An earlier run's write whose outcome was never recorded, settled by looking the record up.
        case resolved
    }

    /// Position in the file, from 1.
    public var sequence: Int
    /// UTC, ISO 8601 (`2026-11-24T14:03:07Z`).
    public var time: String
    /// Who ran apply: `GITHUB_ACTOR`, or the OS user.
    public var actor: String
    /// The config's commit (`GITHUB_SHA`, `GIT_COMMIT`), when known.
    public var commit: String?
    public var runID: String
    public var planChecksum: String?
    public var system: PlannedChange.System
    public var practice: String?
    public var address: RecordAddress
    public var recordID: String?
    public var changeID: String
    public var operation: PlannedChange.Action
    public var fields: [FieldChange]
    /// The roster row behind the change, when the roster drives the person.
    public var source: ChangeSource?
    public var outcome: Outcome
    /// Whether the record read back after the write holds every planned value; nil before the write.
    public var verified: Bool?
    public var requestIDs: [String]
    /// The API's words, for a failure.
    public var error: String?
    /// The hash of the line before (empty for the first line).
    public var previous: String
    /// SHA-256, or HMAC-SHA256 with `ROLLCALL_AUDIT_KEY`, over this line without this field.
    public var hash: String

    public init(
        sequence: Int, time: String, actor: String, commit: String?, runID: String, planChecksum: String?,
        change: PlannedChange, outcome: Outcome, verified: Bool? = nil, requestIDs: [String] = [],
        error: String? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.commit = commit
        self.runID = runID
        self.planChecksum = planChecksum
        system = change.system
        practice = change.practice
        address = change.address
        recordID = change.recordID
        changeID = change.id
        operation = change.action
        fields = change.fields
        source = change.source
        self.outcome = outcome
        self.verified = verified
        self.requestIDs = requestIDs
        self.error = error
        previous = ""
        hash = ""
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case sequence, time, actor, commit, system, practice, address, fields, outcome, verified, error, previous, hash
        case source
        case operation
        case runID = "run_id"
        case planChecksum = "plan_checksum"
        case recordID = "record_id"
        case changeID = "change_id"
        case requestIDs = "request_ids"
    }
}
