import Crypto
import Foundation

/// The plan as JSON, for machines and for `--out`: a versioned document
/// (`schemas/plan.schema.json`) holding the plan, the policy it was made
/// under, what was read, and what apply checks before it changes anything.
/// It never holds secrets.
public struct PlanDocument: Sendable, Equatable, Codable {
    package var formatVersion: Int
    public var today: CalendarDate
    /// SHA-256 of the config's files, named relative to the config root, in merge order.
    package var configDigest: String?
    /// The config paths, as given.
    public var config: [String]
    /// Each of the config's files (the roster's export among them) with its SHA-256, so apply can
    /// name the files that changed when the digest differs.
    package var configFiles: [ConfigFileDigest]?
    /// The policy the plan was made under; apply checks its rules again on a fresh read.
    public var policy: Policy
    public var read: ReadSummary?
    public var summary: Plan.Summary
    public var changes: [PlannedChange]
    public var findings: [Finding]
    public var refusals: [Refusal]
    /// SHA-256 over the document's canonical JSON with this field and `read` left out (the
    /// read's timing differs from run to run); see `sealed()`.
    public var checksum: String?
    /// With `ROLLCALL_PLAN_KEY`: HMAC-SHA256, keyed with it, over the document's canonical JSON
    /// without this field (the read and the checksum included); see `signed(key:)`.
    public var signature: String?

    public init(plan: Plan, policy: Policy, config: [String], configDigest: String?, read: ReadSummary?) {
        formatVersion = Plan.formatVersion
        today = plan.today
        self.configDigest = configDigest
        self.config = config
        self.policy = policy
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
        case today, config, policy, read, summary, changes, findings, refusals, checksum, signature
        case formatVersion = "format_version"
        case configDigest = "config_digest"
        case configFiles = "config_files"
    }

    /// Stable JSON: sorted keys, so the same plan is the same bytes.
    public func encoded() throws -> Data {
        try Self.encoder(pretty: true).encode(self)
    }

    /// The document with its checksum set.
    public func sealed() throws -> PlanDocument {
        var document = self
        document.checksum = try computedChecksum()
        return document
    }

    /// The checksum the content calls for, whatever `checksum` says.
    package func computedChecksum() throws -> String {
        var content = self
        content.checksum = nil
        content.signature = nil
        content.read = nil
        return SHA256.hash(data: try Self.encoder(pretty: false).encode(content)).hexString
    }

    /// The document with its signature set: whoever holds `key` made it, and nobody
    /// without the key can change a byte of it and sign it again.
    public func signed(key: [UInt8]) throws -> PlanDocument {
        var document = self
        document.signature = try computedSignature(key: key)
        return document
    }

    /// The signature the content calls for under `key`, whatever `signature` says.
    package func computedSignature(key: [UInt8]) throws -> String {
        var content = self
        content.signature = nil
        let bytes = try Self.encoder(pretty: false).encode(content)
        return Data(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: key))).hexString
    }

    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys]
        return encoder
    }
}
