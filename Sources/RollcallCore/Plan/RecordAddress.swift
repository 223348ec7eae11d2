/// Where a change or a finding applies: a live record, or the place a rule is
/// counted over (a practice, the Healthie organization, a policy key).
///
/// Programs read the parts; people read the text form, terraform style:
/// `athena[main].user["jdoe"]`, `healthie.member["a@b.org"]`, `staff["jane.doe"]`.
/// The text is rendered from the parts and parsed back only at the edge (a saved
/// plan's JSON). Inside a quoted key, `\`, `"` and `]` are escaped with a
/// backslash, so a username holding `[` or `"]` cannot forge another address.
public struct RecordAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// An athenaOne login account, keyed by username.
        case user
        /// An athenaOne department, keyed by name.
        case department
        /// A whole athenaOne practice (`athena[main]`), for rules counted per practice.
        case practice
        /// A Healthie organization membership, keyed by email in lower case.
        case member
        /// A Healthie client (patient) account, keyed by email in lower case.
        case client
        /// The Healthie organization (`healthie`).
        case organization
        /// A staff entry of the config, keyed by its id.
        case staff
        /// A policy rule (`policy.max_deactivations`), keyed by its name.
        case policy
    }

    package var kind: Kind
    /// The practice key, for athenaOne kinds; nil otherwise.
    public var practice: String?
    /// Username, department name, email, staff id or rule name; empty for a practice or the organization.
    public var key: String

    private init(kind: Kind, practice: String?, key: String) {
        self.kind = kind
        self.practice = practice
        self.key = key
    }

    package static func athenaUser(practice: String, username: String) -> RecordAddress {
        RecordAddress(kind: .user, practice: practice, key: username)
    }

    package static func athenaDepartment(practice: String, name: String) -> RecordAddress {
        RecordAddress(kind: .department, practice: practice, key: name)
    }

    public static func athenaPractice(_ practice: String) -> RecordAddress {
        RecordAddress(kind: .practice, practice: practice, key: "")
    }

    /// Emails are addressed in lower case: Healthie matches them ignoring case.
    package static func healthieMember(email: String) -> RecordAddress {
        RecordAddress(kind: .member, practice: nil, key: email.lowercased())
    }

    package static func healthieClient(email: String) -> RecordAddress {
        RecordAddress(kind: .client, practice: nil, key: email.lowercased())
    }

    package static let healthieOrganization = RecordAddress(kind: .organization, practice: nil, key: "")

    public static func staff(_ id: String) -> RecordAddress {
        RecordAddress(kind: .staff, practice: nil, key: id)
    }

    /// `rule` is the key under `policy` (`max_deactivations`).
    public static func policy(_ rule: String) -> RecordAddress {
        RecordAddress(kind: .policy, practice: nil, key: rule)
    }

    /// The system the address belongs to; nil for a staff entry or a policy rule.
    public var system: PlannedChange.System? {
        switch kind {
        case .user, .department, .practice: .athena
        case .member, .client, .organization: .healthie
        case .staff, .policy: nil
        }
    }

    /// The key as a reviewer reads it in a plan body (`user "jdoe" {`), quoted and escaped.
    var quotedKey: String { "\"" + Self.escape(key) + "\"" }

    public var description: String {
        switch kind {
        case .user, .department: "athena[\(Self.escape(practice ?? ""))].\(kind.rawValue)[\(quotedKey)]"
        case .practice: "athena[\(Self.escape(practice ?? ""))]"
        case .member, .client: "healthie.\(kind.rawValue)[\(quotedKey)]"
        case .organization: "healthie"
        case .staff: "staff[\(quotedKey)]"
        case .policy: "policy.\(key)"
        }
    }

    public static func < (left: RecordAddress, right: RecordAddress) -> Bool {
        left.description < right.description
    }

    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "\"" || character == "]" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

extension RecordAddress {
    /// The address a text form names, or nil when the text is not one Rollcall writes.
    public init?(parsing text: String) {
        var scanner = AddressScanner(Substring(text))
        if scanner.take("athena[") {
            guard let practice = scanner.until("]"), scanner.take("]"), !practice.isEmpty else { return nil }
            if scanner.atEnd {
                self = .athenaPractice(practice)
                return
            }
            let kind: Kind
            if scanner.take(".user[") {
                kind = .user
            } else if scanner.take(".department[") {
                kind = .department
            } else {
                return nil
            }
            guard let key = scanner.quoted(), scanner.take("]"), scanner.atEnd else { return nil }
            self.init(kind: kind, practice: practice, key: key)
        } else if scanner.take("healthie") {
            if scanner.atEnd {
                self = .healthieOrganization
                return
            }
            let kind: Kind
            if scanner.take(".member[") {
                kind = .member
            } else if scanner.take(".client[") {
                kind = .client
            } else {
                return nil
            }
            guard let key = scanner.quoted(), scanner.take("]"), scanner.atEnd, key == key.lowercased() else {
                return nil
            }
            self.init(kind: kind, practice: nil, key: key)
        } else if scanner.take("staff[") {
            guard let key = scanner.quoted(), scanner.take("]"), scanner.atEnd else { return nil }
            self = .staff(key)
        } else if scanner.take("policy.") {
            let rule = scanner.rest
            guard !rule.isEmpty, rule.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
            self = .policy(String(rule))
        } else {
            return nil
        }
    }
}

/// JSON holds the text form, as a reviewer reads it; decoding parses it back.
extension RecordAddress: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = RecordAddress(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a record address")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Reads an address's text from left to right.
private struct AddressScanner {
    var rest: Substring

    init(_ text: Substring) {
        rest = text
    }

    var atEnd: Bool { rest.isEmpty }

    mutating func take(_ literal: String) -> Bool {
        guard rest.hasPrefix(literal) else { return false }
        rest = rest.dropFirst(literal.count)
        return true
    }

    /// Unescaped text up to `stop`, which is left in place; nil at the end of the text.
    mutating func until(_ stop: Character) -> String? {
        var text = ""
        while let character = rest.first {
            if character == stop { return text }
            rest = rest.dropFirst()
            if character == "\\" {
                guard let escaped = rest.first else { return nil }
                rest = rest.dropFirst()
                text.append(escaped)
            } else {
                text.append(character)
            }
        }
        return nil
    }

    /// A `"…"` key with `\`-escapes.
    mutating func quoted() -> String? {
        guard take("\""), let text = until("\""), take("\"") else { return nil }
        return text
    }
}
