import Crypto
import Foundation

/// A quarterly access certification (SOC 2 CC6.2/6.3, HIPAA 164.308(a)(4)): every active
/// account in scope, what it grants, and the reviewer's decision on each. `review start`
/// writes it as YAML; the reviewer fills in decisions and opens a pull request, so the
/// review is the git history of that file.
///
/// What the read found (accounts, grants, roles, the header) is sealed: each item carries a
/// seal over its own fields and the campaign one over its header and every item's seal, so an
/// edit of what an account was said to hold, or an item added or removed, is caught by
/// `review verify`. The seal is SHA-256, or HMAC-SHA256 under `ROLLCALL_AUDIT_KEY`.
public struct ReviewCampaign: Sendable, Equatable {
    public var reviewer: String
    package var startedAt: Timestamp
    public var nextReview: CalendarDate
    /// The config the campaign was started from, as given.
    public var config: String
    public var systems: [ReviewSystem]
    public var items: [ReviewItem]
    package var seal: String

    public init(
        reviewer: String, startedAt: Timestamp, nextReview: CalendarDate, config: String, systems: [ReviewSystem],
        items: [ReviewItem], seal: String = ""
    ) {
        self.reviewer = reviewer
        self.startedAt = startedAt
        self.nextReview = nextReview
        self.config = config
        self.systems = systems
        self.items = items
        self.seal = seal
    }

    public var privilegedCount: Int { items.filter(\.privileged).count }

    /// The campaign's seal: its header and every item's seal, in order.
    package func expectedSeal(key: [UInt8]?) -> String {
        let header = [
            reviewer, startedAt.description, nextReview.description, config, String(items.count),
            String(privilegedCount),
        ]
        let systemLines = systems.map {
            [$0.name, String($0.records), String($0.requests), $0.source].joined(separator: "\u{1F}")
        }
        return Self.seal(header + systemLines + items.map(\.seal), key: key)
    }

    /// The campaign with every seal written, as `review start` writes it.
    public func sealed(key: [UInt8]?) -> ReviewCampaign {
        var campaign = self
        for index in campaign.items.indices {
            campaign.items[index].seal = campaign.items[index].expectedSeal(key: key)
        }
        campaign.seal = campaign.expectedSeal(key: key)
        return campaign
    }

    static func seal(_ parts: [String], key: [UInt8]?) -> String {
        // Each part length-prefixed, so no two lists of parts share bytes.
        var bytes: [UInt8] = []
        for part in parts {
            bytes += Array(String(part.utf8.count).utf8) + [0x3A] + Array(part.utf8)
        }
        if let key {
            return Data(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: key))).hexString
        }
        return SHA256.hash(data: bytes).hexString
    }
}

/// Where one system's list came from: the practice or Healthie, its records and the read's cost.
public struct ReviewSystem: Sendable, Equatable {
    /// `athena:main (195900)` or `healthie`.
    public var name: String
    /// Accounts listed, active ones.
    public var records: Int
    /// Requests the whole read made.
    public var requests: Int
    /// What the list is and whether it has sign-in times.
    public var source: String

    public init(name: String, records: Int, requests: Int, source: String) {
        self.name = name
        self.records = records
        self.requests = requests
        self.source = source
    }
}

/// One account to certify, and the reviewer's decision on it.
public struct ReviewItem: Sendable, Equatable {
    public enum Decision: String, Sendable, CaseIterable {
        case keep, revoke, modify
    }

    /// As `policy.protected` writes it: `athena:main/jdoe`, `healthie:EMAIL`.
    public var account: String
    /// The staff id, or `unmanaged`.
    package var staffID: String
    /// The config's role for the person, or `none`.
    package var role: String
    /// What the account grants, as one line: `usertype PROVIDER`, `org_role Standard, admin, can_see_billing`.
    public var grants: String
    /// Admin-level access: athenaOne ADMIN, Healthie is_admin or an administrative `can_*` flag.
    public var privileged: Bool
    /// Healthie's `last_sign_in_at`, `never`, or why it is not known.
    package var lastSignInAt: String
    /// Empty until the reviewer decides; any other text is kept as written, for `review verify` to name.
    public var decision: String
    public var reason: String
    public var ticket: String
    package var seal: String
    /// Where the item is in the campaign file, when it was read from one.
    package var location: SourceLocation?
    /// Where its decision, reason and ticket are, when read.
    var decisionAt: SourceLocation?

    public init(
        account: String, staffID: String, role: String, grants: String, privileged: Bool, lastSignInAt: String,
        decision: String = "", reason: String = "", ticket: String = "", seal: String = ""
    ) {
        self.account = account
        self.staffID = staffID
        self.role = role
        self.grants = grants
        self.privileged = privileged
        self.lastSignInAt = lastSignInAt
        self.decision = decision
        self.reason = reason
        self.ticket = ticket
        self.seal = seal
    }

    package func expectedSeal(key: [UInt8]?) -> String {
        let fields = [account, staffID, role, grants, privileged ? "true" : "false", lastSignInAt]
        return String(ReviewCampaign.seal(fields, key: key).prefix(16))
    }

    public static func == (lhs: ReviewItem, rhs: ReviewItem) -> Bool {
        (lhs.account, lhs.staffID, lhs.role, lhs.grants, lhs.privileged, lhs.lastSignInAt)
            == (rhs.account, rhs.staffID, rhs.role, rhs.grants, rhs.privileged, rhs.lastSignInAt)
            && (lhs.decision, lhs.reason, lhs.ticket, lhs.seal) == (rhs.decision, rhs.reason, rhs.ticket, rhs.seal)
    }
}
