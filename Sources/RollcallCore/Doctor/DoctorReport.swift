import Foundation

/// What `rollcall doctor` found before a first real plan: one check per line, each passed,
/// failed (with what to do) or skipped (because a check it rests on failed).
public struct DoctorReport: Sendable, Equatable, Encodable {
    public struct Check: Sendable, Equatable, Encodable {
        public enum Status: String, Sendable, Encodable {
            case passed, failed, skipped
        }

        /// What the check belongs to: `config`, `credentials`, `athenaOne`, `Healthie`, `audit log`, `clock`.
        package var area: String
        /// What was checked, as a statement that holds when it passed.
        public var name: String
        public var status: Status
        /// What was found (a count, a server's words).
        package var detail: String?
        /// What to do when it failed or was skipped.
        package var fix: String?

        public init(area: String, name: String, status: Status, detail: String? = nil, fix: String? = nil) {
            self.area = area
            self.name = name
            self.status = status
            self.detail = detail
            self.fix = fix
        }

        public static func passed(_ area: String, _ name: String, _ detail: String? = nil) -> Check {
            Check(area: area, name: name, status: .passed, detail: detail)
        }

        public static func failed(_ area: String, _ name: String, _ detail: String? = nil, fix: String) -> Check {
            Check(area: area, name: name, status: .failed, detail: detail, fix: fix)
        }

        package static func skipped(_ area: String, _ name: String, because reason: String) -> Check {
            Check(area: area, name: name, status: .skipped, detail: reason)
        }
    }

    static let schemaVersion = 1

    /// The config's path as given.
    public var config: String
    /// Where the live systems were: `environment` or `sandbox PATH`.
    public var source: String
    public var checks: [Check]

    public init(config: String, source: String, checks: [Check]) {
        self.config = config
        self.source = source
        self.checks = checks
    }

    public var passed: Bool { !checks.contains { $0.status == .failed } }
    public var failures: Int { checks.filter { $0.status == .failed }.count }

    enum CodingKeys: String, CodingKey {
        case version, config, source, passed, checks
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .version)
        try container.encode(config, forKey: .config)
        try container.encode(source, forKey: .source)
        try container.encode(passed, forKey: .passed)
        try container.encode(checks, forKey: .checks)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
