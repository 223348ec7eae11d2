/// The keys of one config mapping, as one enum per mapping (the way
/// swift-openapi-generator derives known keys from `CodingKeys.allCases`). The
/// decoder reads each value by its case, an unknown key is answered with a
/// suggestion from `allCases`, and a test pins every list to
/// `schemas/rollcall.schema.json`: one source for each mapping's keys.
protocol ConfigKey: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension ConfigKey {
    static var names: [String] { allCases.map(\.rawValue) }
}

enum RootKey: String, ConfigKey {
    case version, systems, policy, roles, staff, roster
}

enum RosterKey: String, ConfigKey {
    case file, key, columns, statuses, roles, locations, username
    case dateFormat = "date_format"
    case onLeave = "on_leave"
    case timeZone = "time_zone"
}

extension RosterField: ConfigKey {}
extension RosterLifecycle: ConfigKey {}

enum SystemsKey: String, ConfigKey {
    case athena, healthie
}

enum AthenaKey: String, ConfigKey {
    case baseURL = "base_url"
    case practices
}

enum PracticeKey: String, ConfigKey {
    case practiceid, departments
}

enum HealthieKey: String, ConfigKey {
    case baseURL = "base_url"
    case organizationID = "organization_id"
    case apiVersion = "api_version"
    case sendInviteEmail = "send_invite_email"
}

enum PolicyKey: String, ConfigKey {
    case unmanaged
    case maxDeactivations = "max_deactivations"
    case minAdmins = "min_admins"
    case protected, ignore
    case offboardingSLA = "offboarding_sla"
    case dormantAfter = "dormant_after"
}

enum IgnoreKey: String, ConfigKey {
    case account, fields, reason, until
}

enum RoleKey: String, ConfigKey {
    case description, athena, healthie
}

enum AthenaRoleKey: String, ConfigKey {
    case usertype
}

enum HealthieRoleKey: String, ConfigKey {
    case orgRole = "org_role"
    case admin, provider, permissions
}

enum StaffKey: String, ConfigKey {
    case id
    case firstName = "first_name"
    case lastName = "last_name"
    case email, role, npi, status, expires, practices
    case rosterID = "roster_id"
    case endedAt = "ended_at"
}

enum AssignmentKey: String, ConfigKey {
    case username, userid, departments, supervising
}

extension YAMLOutput.Entry {
    /// An entry under a key of the config schema, for the YAML Rollcall writes (import, drift's
    /// remedies): each key is spelled as the decoder reads it.
    init<Key: ConfigKey>(_ key: Key, _ value: YAMLOutput) {
        self.init(key.rawValue, value)
    }
}
