/// One line of the audit log: one write (or attempt at one) and what came of it.
/// Never holds a secret: values are the fields a reviewer saw in the plan.
package struct AuditEntry: Sendable, Equatable, Codable {
    package enum Outcome: String, Sendable, Equatable, Codable, CaseIterable {
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
    package var sequence: Int
    /// UTC, ISO 8601 (`2026-11-24T14:03:07Z`).
    package var time: String
    /// Who ran apply: `GITHUB_ACTOR`, or the OS user.
    package var actor: String
    /// The config's commit (`GITHUB_SHA`, `GIT_COMMIT`), when known.
    package var commit: String?
    package var runID: String
    package var planChecksum: String?
    package var system: PlannedChange.System
    package var practice: String?
    package var address: RecordAddress
    package var recordID: String?
    package var changeID: String
    package var operation: PlannedChange.Action
    package var fields: [FieldChange]
    /// The roster row behind the change, when the roster drives the person.
    package var source: ChangeSource?
    package var outcome: Outcome
    /// Whether the record read back after the write holds every planned value; nil before the write.
    package var verified: Bool?
    package var requestIDs: [String]
    /// The API's words, for a failure.
    package var error: String?
    /// The hash of the line before (empty for the first line).
    package var previous: String
    /// SHA-256, or HMAC-SHA256 with `ROLLCALL_AUDIT_KEY`, over this line without this field.
    package var hash: String

    package init(
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
