import Crypto

/// A SHA-256 over a declared, versioned list of a live record's fields: what
/// a saved plan remembers of each record it changes, so apply can tell whether
/// the record moved on since the review.
///
/// The list is written out here, not taken from the model's Codable form, so
/// a new property on a model type does not make every saved plan stale. A
/// change to the list is a new `scheme`; a digest of an unknown scheme is never
/// taken as a match.
public struct RecordDigest: Sendable, Hashable, Codable {
    /// Which field list was hashed: `athena-user/1`, `healthie-member/1`.
    package var scheme: String
    /// Lower-case hex SHA-256 of `fields`.
    package var sha256: String
    /// The hashed fields by name, as the record held them: so a record that moved on
    /// can be reported with the fields that changed, not just "it changed".
    package var fields: [String: String]

    public init(scheme: String, fields: [String: String]) {
        self.scheme = scheme
        self.fields = fields
        sha256 = Self.hash(fields: fields)
    }

    /// True when `sha256` is the hash of `fields` (a hand-edited saved plan may break this).
    package var isConsistent: Bool { sha256 == Self.hash(fields: fields) }

    /// The fields whose values differ between this digest and `other`, by name; every
    /// field when the schemes differ, since then nothing can be compared.
    package func changedFields(comparedTo other: RecordDigest) -> [String] {
        guard scheme == other.scheme else { return Array(Set(fields.keys).union(other.fields.keys)).sorted() }
        guard sha256 != other.sha256 else { return [] }
        return Set(fields.keys).union(other.fields.keys).filter { fields[$0] != other.fields[$0] }.sorted()
    }

    static let athenaUserScheme = "athena-user/1"
    static let healthieMemberScheme = "healthie-member/1"

    /// athenaOne: every field a full PUT writes, `active` among them (`LiveAthenaUser.writableFields`).
    public static func of(_ user: LiveAthenaUser) -> RecordDigest {
        RecordDigest(scheme: athenaUserScheme, fields: user.writableFields)
    }

    /// Healthie: `active`, the role fields, and exactly the `can_*` flags in `managedFlags`
    /// (those the config manages; a flag not in the live record hashes as false, as Healthie reads it).
    public static func of(_ member: LiveHealthieMember, managedFlags: Set<String>) -> RecordDigest {
        RecordDigest(scheme: healthieMemberScheme, fields: healthieMemberFields(member, managedFlags: managedFlags))
    }

    static func healthieMemberFields(_ member: LiveHealthieMember, managedFlags: Set<String>) -> [String: String] {
        var fields = [
            "active": String(member.active), "org_role": member.orgRole ?? "", "is_admin": String(member.isAdmin),
            "is_provider": String(member.isProvider),
        ]
        for flag in managedFlags { fields[flag] = String(member.permissions[flag] ?? false) }
        return fields
    }

    /// The `can_*` flags a Healthie digest covers: what to hash a fresh read of the record over.
    package var managedFlags: Set<String> { Set(fields.keys.filter { $0.hasPrefix("can_") }) }

    /// Names in order, each value length-prefixed, so no two field lists share bytes.
    static func hash(fields: [String: String]) -> String {
        var bytes: [UInt8] = []
        for name in fields.keys.sorted() {
            let value = fields[name] ?? ""
            bytes += Array("\(name)=\(value.utf8.count):".utf8) + Array(value.utf8) + [0x0A]
        }
        return SHA256.hash(data: bytes).hexString
    }
}

/// What must hold of the live record, checked on the record read immediately
/// before a write: nothing is sent when it fails.
public enum RecordPrecondition: Sendable, Hashable, Codable {
    /// The record still hashes to the digest it was planned against.
    case matches(RecordDigest)
    /// No account with this key exists yet: an athenaOne username in the practice, or a Healthie email.
    case absent(key: String)

    enum CodingKeys: String, CodingKey { case matches, absent }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let digest = try container.decodeIfPresent(RecordDigest.self, forKey: .matches) {
            self = .matches(digest)
        } else if let key = try container.decodeIfPresent(String.self, forKey: .absent) {
            self = .absent(key: key)
        } else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a precondition is 'matches' or 'absent'"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .matches(let digest): try container.encode(digest, forKey: .matches)
        case .absent(let key): try container.encode(key, forKey: .absent)
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hex, two digits a byte.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
