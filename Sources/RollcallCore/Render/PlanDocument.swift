import Foundation

/// The plan as JSON, for machines and for `--out`: a versioned document
/// (`schemas/plan.schema.json`) holding the plan, what was read, and the
/// digests apply checks before it changes anything. It never holds secrets.
public struct PlanDocument: Sendable, Equatable, Codable {
    public var formatVersion: Int
    public var today: CalendarDate
    /// SHA-256 of the config's files, in the order they were merged.
    public var configDigest: String?
    /// The config paths, as given.
    public var config: [String]
    public var read: ReadSummary?
    public var summary: Plan.Summary
    public var changes: [PlannedChange]
    public var findings: [Finding]
    public var refusals: [Refusal]

    public init(plan: Plan, config: [String], configDigest: String?, read: ReadSummary?) {
        formatVersion = Plan.formatVersion
        today = plan.today
        self.configDigest = configDigest
        self.config = config
        self.read = read
        summary = plan.summary
        changes = plan.changes
        findings = plan.findings
        refusals = plan.refusals
    }

    public var plan: Plan {
        Plan(today: today, changes: changes, findings: findings, refusals: refusals)
    }

    enum CodingKeys: String, CodingKey {
        case today, config, read, summary, changes, findings, refusals
        case formatVersion = "format_version"
        case configDigest = "config_digest"
    }

    /// Stable JSON: sorted keys, so the same plan is the same bytes.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
