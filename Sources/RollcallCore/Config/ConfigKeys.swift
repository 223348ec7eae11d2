/// The keys of one config mapping, as one enum per mapping (the way
/// swift-openapi-generator derives known keys from `CodingKeys.allCases`). The
/// decoder reads each value by its case, an unknown key is answered with a
/// suggestion from `allCases`, and a test pins every list to
/// `schemas/rollcall.schema.json`: one source for each mapping's keys.
protocol ConfigKey: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// The cases and their names, built once: every key of every mapping is looked up here.
    static var table: ConfigKeyTable<Self> { get }
}

extension ConfigKey {
    static var names: [String] { table.names }

    /// The key spelled `name`, or `nil` for one the schema does not know.
    init?(configKey name: String) {
        guard let key = Self.table.key(named: name) else { return nil }
        self = key
    }

    /// Each entry's key as this schema's, `nil` for an unknown one. By position: a closure
    /// over the entries themselves is handed a copy of each.
    static func keys(of entries: [YAMLMappingEntry]) -> [Self?] {
        entries.indices.map { Self(configKey: entries[$0].key) }
    }

    /// The key's place in `allCases`.
    static func position(of key: Self) -> Int {
        table.keys.firstIndex(of: key) ?? 0
    }
}

/// A mapping's keys in `allCases` order. A config key is a few ASCII letters, held inline in
/// its `String`, so comparing it with each name costs less than hashing it, and much less than
/// `init(rawValue:)`'s string switch.
struct ConfigKeyTable<Key: ConfigKey>: Sendable {
    let keys: [Key]
    let names: [String]

    /// Each name's length in UTF-8. Names are lower-case ASCII letters, digits and `_`, and no
    /// other text is canonically equal to such a name, so a name of another length never
    /// matches and is passed over without a string comparison.
    let lengths: [Int]

    init() {
        keys = Array(Key.allCases)
        names = keys.map(\.rawValue)
        lengths = names.map(\.utf8.count)
    }

    func key(named name: String) -> Key? {
        let length = name.utf8.count
        for position in names.indices where lengths[position] == length && names[position] == name {
            return keys[position]
        }
        return nil
    }
}

enum RootKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case version, systems, policy, roles, staff, roster
}

enum RosterKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case file, key, columns, statuses, roles, locations, username
    case dateFormat = "date_format"
    case onLeave = "on_leave"
    case timeZone = "time_zone"
}

extension RosterField: ConfigKey {
    static let table = ConfigKeyTable<Self>()
}
extension RosterLifecycle: ConfigKey {
    static let table = ConfigKeyTable<Self>()
}

enum SystemsKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case athena, healthie
}

enum AthenaKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case baseURL = "base_url"
    case practices
}

enum PracticeKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case practiceid, departments
}

enum HealthieKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case baseURL = "base_url"
    case organizationID = "organization_id"
    case apiVersion = "api_version"
    case sendInviteEmail = "send_invite_email"
}

enum PolicyKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case unmanaged
    case maxDeactivations = "max_deactivations"
    case minAdmins = "min_admins"
    case protected, ignore
    case offboardingSLA = "offboarding_sla"
    case dormantAfter = "dormant_after"
}

enum IgnoreKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case account, fields, reason, until
}

enum RoleKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case description, athena, healthie
}

enum AthenaRoleKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case usertype
}

enum HealthieRoleKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case orgRole = "org_role"
    case admin, provider, permissions
}

enum StaffKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case id
    case firstName = "first_name"
    case lastName = "last_name"
    case email, role, npi, status, expires, practices
    case rosterID = "roster_id"
    case endedAt = "ended_at"
}

enum AssignmentKey: String, ConfigKey {
    static let table = ConfigKeyTable<Self>()
    case username, userid, departments, supervising
}

extension YAMLOutput.Entry {
    /// An entry under a key of the config schema, for the YAML Rollcall writes (import, drift's
    /// remedies): each key is spelled as the decoder reads it.
    init<Key: ConfigKey>(_ key: Key, _ value: YAMLOutput) {
        self.init(key.rawValue, value)
    }
}
