/// What an apply did, change by change: the table at the end of a run and the
/// versioned JSON document of `apply --format json` (`schemas/apply-report.schema.json`).
public struct ApplyReport: Sendable, Equatable, Codable {
    package static let formatVersion = 1

    public enum Outcome: String, Sendable, Equatable, Codable, CaseIterable {
        case applied
        /// The record already held the planned values: nothing was sent.
        case alreadyApplied = "already_applied"
        case failed
        /// Not attempted: why is in `detail` (the run stopped, a change it needs failed).
        case skipped
        /// Left out on purpose by `--practice` or `--no-deactivations`: for a later run.
        case excluded
        /// Its record moved on since the review; with --skip-stale the rest were applied.
        case stale
        /// The fresh read wants it, but the reviewed plan does not hold it: never applied.
        case notReviewed = "not_reviewed"
    }

    public struct ChangeResult: Sendable, Equatable, Codable {
        public var id: String
        package var address: RecordAddress
        public var system: PlannedChange.System
        package var action: PlannedChange.Action
        public var outcome: Outcome
        /// Why, in words; the API's own words for a failure.
        package var detail: String?
        package var requestIDs: [String]
        /// The record read back after the write holds every planned value.
        public var verified: Bool?
        /// The roster row behind the change, when the roster drives the person.
        public var source: ChangeSource?

        public init(
            change: PlannedChange, outcome: Outcome, detail: String? = nil, requestIDs: [String] = [],
            verified: Bool? = nil
        ) {
            id = change.id
            address = change.address
            system = change.system
            action = change.action
            self.outcome = outcome
            self.detail = detail
            self.requestIDs = requestIDs
            self.verified = verified
            source = change.source
        }

        enum CodingKeys: String, CodingKey {
            case id, address, system, action, outcome, detail, verified, source
            case requestIDs = "request_ids"
        }
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var created = 0
        public var updated = 0
        public var reactivated = 0
        public var deactivated = 0
        public var alreadyApplied = 0
        public var failed = 0
        package var skipped = 0
        package var excluded = 0
        public var stale = 0
        package var notReviewed = 0

        enum CodingKeys: String, CodingKey {
            case created, updated, reactivated, deactivated, failed, skipped, excluded, stale
            case alreadyApplied = "already_applied"
            case notReviewed = "not_reviewed"
        }
    }

    package var formatVersion = ApplyReport.formatVersion
    package var runID: String
    /// The checksum of the plan applied (a saved plan's, or the fresh plan's for `apply PATH`).
    package var planChecksum: String?
    public var changes: [ChangeResult]
    /// Every applied change was gone from a plan made from a read after the writes.
    package var converged: Bool?
    /// Why the run stopped early (a signal, --fail-fast, the audit log), if it did.
    public var stopped: String?
    public var auditLog: String?
    package var chainHead: String?

    public init(runID: String, planChecksum: String?, changes: [ChangeResult] = []) {
        self.runID = runID
        self.planChecksum = planChecksum
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case changes, converged, stopped, summary
        case formatVersion = "format_version"
        case runID = "run_id"
        case planChecksum = "plan_checksum"
        case auditLog = "audit_log"
        case chainHead = "chain_head"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        runID = try container.decode(String.self, forKey: .runID)
        planChecksum = try container.decodeIfPresent(String.self, forKey: .planChecksum)
        changes = try container.decode([ChangeResult].self, forKey: .changes)
        converged = try container.decodeIfPresent(Bool.self, forKey: .converged)
        stopped = try container.decodeIfPresent(String.self, forKey: .stopped)
        auditLog = try container.decodeIfPresent(String.self, forKey: .auditLog)
        chainHead = try container.decodeIfPresent(String.self, forKey: .chainHead)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(runID, forKey: .runID)
        try container.encodeIfPresent(planChecksum, forKey: .planChecksum)
        try container.encode(changes, forKey: .changes)
        try container.encode(summary, forKey: .summary)
        try container.encodeIfPresent(converged, forKey: .converged)
        try container.encodeIfPresent(stopped, forKey: .stopped)
        try container.encodeIfPresent(auditLog, forKey: .auditLog)
        try container.encodeIfPresent(chainHead, forKey: .chainHead)
    }

    public var summary: Summary {
        var summary = Summary()
        for change in changes {
            switch change.outcome {
            case .applied:
                switch change.action {
                case .create: summary.created += 1
                case .update: summary.updated += 1
                case .reactivate: summary.reactivated += 1
                case .deactivate: summary.deactivated += 1
                }
            case .alreadyApplied: summary.alreadyApplied += 1
            case .failed: summary.failed += 1
            case .skipped: summary.skipped += 1
            case .excluded: summary.excluded += 1
            case .stale: summary.stale += 1
            case .notReviewed: summary.notReviewed += 1
            }
        }
        return summary
    }

    /// Exit 0 only when every change meant for this run was applied or found applied, and verified.
    /// Changes left out on purpose, and fresh ones nobody reviewed (listed, never applied), do not fail it.
    public var succeeded: Bool {
        let fine: Set<Outcome> = [.applied, .alreadyApplied, .excluded, .notReviewed]
        return stopped == nil && converged != false && changes.allSatisfy { fine.contains($0.outcome) }
    }
}
