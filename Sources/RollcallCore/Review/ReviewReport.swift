import Foundation

/// A verified campaign as the attestation shows it: the reviewer, the dates, per system the
/// totals by decision, every decision, and whether the campaign is complete and carried out.
/// Its JSON is what `review report --format json` prints.
public struct ReviewReport: Sendable, Equatable, Codable {
    package static let formatVersion = 1

    package var formatVersion: Int
    public var reviewer: String
    package var startedAt: String
    public var nextReview: String
    public var config: String
    package var seal: String
    public var complete: Bool
    /// Each shortfall, `FILE:LINE:COL: message`, when the campaign is incomplete.
    public var shortfalls: [String]
    public var systems: [System]
    public var items: [Item]

    public struct System: Sendable, Equatable, Codable {
        public var name: String
        public var source: String
        public var accounts: Int
        public var privileged: Int
        public var keep: Int
        public var revoke: Int
        public var modify: Int
        var undecided: Int
    }

    public struct Item: Sendable, Equatable, Codable {
        public var account: String
        public var system: String
        package var staffID: String
        package var role: String
        public var grants: String
        public var privileged: Bool
        package var lastSignInAt: String
        public var decision: String
        public var reason: String
        public var ticket: String

        enum CodingKeys: String, CodingKey {
            case account, system, role, grants, privileged, decision, reason, ticket
            case staffID = "staff_id"
            case lastSignInAt = "last_sign_in_at"
        }
    }

    enum CodingKeys: String, CodingKey {
        case reviewer, config, seal, complete, shortfalls, systems, items
        case formatVersion = "format_version"
        case startedAt = "started_at"
        case nextReview = "next_review"
    }

    public init(_ campaign: ReviewCampaign, shortfalls: [Diagnostic]) {
        formatVersion = Self.formatVersion
        reviewer = campaign.reviewer
        startedAt = campaign.startedAt.description
        nextReview = campaign.nextReview.description
        config = campaign.config
        seal = campaign.seal
        complete = shortfalls.isEmpty
        self.shortfalls = shortfalls.map { "\($0.place): \($0.message)" }
        let items = campaign.items.map { item in
            Item(
                account: item.account, system: Self.system(of: item.account), staffID: item.staffID, role: item.role,
                grants: item.grants, privileged: item.privileged, lastSignInAt: item.lastSignInAt,
                decision: item.decision, reason: item.reason, ticket: item.ticket)
        }
        self.items = items
        systems = campaign.systems.map { system in
            let key = Self.key(ofSystem: system.name)
            let mine = items.filter { $0.system == key }
            func count(_ decision: String) -> Int { mine.filter { $0.decision == decision }.count }
            return System(
                name: system.name, source: system.source, accounts: mine.count,
                privileged: mine.filter(\.privileged).count, keep: count("keep"), revoke: count("revoke"),
                modify: count("modify"), undecided: mine.filter { $0.decision.isEmpty }.count)
        }
    }

    /// `athena:main` for `athena:main/jdoe`, `healthie` for `healthie:EMAIL`.
    static func system(of account: String) -> String {
        if account.hasPrefix("athena:"), let slash = account.firstIndex(of: "/") { return String(account[..<slash]) }
        return "healthie"
    }

    /// `athena:main` for the system named `athena:main (195900)`.
    static func key(ofSystem name: String) -> String {
        String(name.split(separator: " ").first ?? Substring(name))
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
