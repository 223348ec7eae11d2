/// A new athenaOne login account, as a create sends it.
public struct AthenaUserDraft: Sendable, Equatable, Hashable, Codable {
    package var username: String
    package var firstName: String
    package var lastName: String
    package var userType: String
    public var email: String?
    package var npi: String?
    package var departmentIDs: [Int]
    package var supervisingProviderID: Int?

    public init(
        username: String, firstName: String, lastName: String, userType: String, email: String? = nil,
        npi: String? = nil, departmentIDs: [Int] = [], supervisingProviderID: Int? = nil
    ) {
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.userType = userType
        self.email = email
        self.npi = npi
        self.departmentIDs = departmentIDs
        self.supervisingProviderID = supervisingProviderID
    }

    enum CodingKeys: String, CodingKey {
        case username, email, npi
        case firstName = "first_name"
        case lastName = "last_name"
        case userType = "user_type"
        case departmentIDs = "department_ids"
        case supervisingProviderID = "supervising_provider_id"
    }
}

/// The fields an update changes; every field left nil keeps its live value.
///
/// Fields athenaOne can clear are double optionals: `.some(nil)` clears,
/// `nil` keeps. The connector overlays a patch on the record it has just read,
/// because athenaOne's PUT replaces the whole record.
public struct AthenaUserPatch: Sendable, Equatable, Hashable, Codable {
    package var firstName: String?
    package var lastName: String?
    package var userType: String?
    public var active: Bool?
    public var email: String??
    package var npi: String??
    package var departmentIDs: [Int]?
    package var supervisingProviderID: Int??

    public init(
        firstName: String? = nil, lastName: String? = nil, userType: String? = nil, active: Bool? = nil,
        email: String?? = nil, npi: String?? = nil, departmentIDs: [Int]? = nil, supervisingProviderID: Int?? = nil
    ) {
        self.firstName = firstName
        self.lastName = lastName
        self.userType = userType
        self.active = active
        self.email = email
        self.npi = npi
        self.departmentIDs = departmentIDs
        self.supervisingProviderID = supervisingProviderID
    }

    enum CodingKeys: String, CodingKey {
        case active, email, npi
        case firstName = "first_name"
        case lastName = "last_name"
        case userType = "user_type"
        case departmentIDs = "department_ids"
        case supervisingProviderID = "supervising_provider_id"
    }

    /// A field present as `null` clears it; a field absent keeps it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func clearable<Value: Decodable>(_ key: CodingKeys) throws -> Value?? {
            guard container.contains(key) else { return nil }
            if try container.decodeNil(forKey: key) { return .some(nil) }
            return .some(try container.decode(Value.self, forKey: key))
        }
        firstName = try container.decodeIfPresent(String.self, forKey: .firstName)
        lastName = try container.decodeIfPresent(String.self, forKey: .lastName)
        userType = try container.decodeIfPresent(String.self, forKey: .userType)
        active = try container.decodeIfPresent(Bool.self, forKey: .active)
        email = try clearable(.email)
        npi = try clearable(.npi)
        departmentIDs = try container.decodeIfPresent([Int].self, forKey: .departmentIDs)
        supervisingProviderID = try clearable(.supervisingProviderID)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func clearable<Value: Encodable>(_ value: Value??, _ key: CodingKeys) throws {
            guard let value else { return }
            if let value { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
        }
        try container.encodeIfPresent(firstName, forKey: .firstName)
        try container.encodeIfPresent(lastName, forKey: .lastName)
        try container.encodeIfPresent(userType, forKey: .userType)
        try container.encodeIfPresent(active, forKey: .active)
        try clearable(email, .email)
        try clearable(npi, .npi)
        try container.encodeIfPresent(departmentIDs, forKey: .departmentIDs)
        try clearable(supervisingProviderID, .supervisingProviderID)
    }

    /// `user` with this patch applied; every field the patch does not name is kept.
    public func applied(to user: LiveAthenaUser) -> LiveAthenaUser {
        var result = user
        if let firstName { result.firstName = firstName }
        if let lastName { result.lastName = lastName }
        if let userType { result.userType = userType }
        if let active { result.active = active }
        if let email { result.email = email }
        if let npi { result.npi = npi }
        if let departmentIDs { result.departmentIDs = departmentIDs }
        if let supervisingProviderID { result.supervisingProviderID = supervisingProviderID }
        return result
    }
}

/// A new Healthie organization membership. The person gets Healthie's invitation
/// email only when the config says so.
public struct HealthieMembershipDraft: Sendable, Equatable, Hashable, Codable {
    public var email: String
    package var firstName: String
    package var lastName: String
    package var orgRole: String?

    public init(email: String, firstName: String, lastName: String, orgRole: String? = nil) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.orgRole = orgRole
    }

    enum CodingKeys: String, CodingKey {
        case email
        case firstName = "first_name"
        case lastName = "last_name"
        case orgRole = "org_role"
    }
}

/// The membership fields an update sets; nil fields, and flags not listed, are left as they are.
public struct HealthieMembershipPatch: Sendable, Equatable, Hashable, Codable {
    public var active: Bool?
    package var orgRole: String?
    package var isAdmin: Bool?
    package var isProvider: Bool?
    /// `can_*` flags by name.
    package var permissions: [String: Bool]

    public init(
        active: Bool? = nil, orgRole: String? = nil, isAdmin: Bool? = nil, isProvider: Bool? = nil,
        permissions: [String: Bool] = [:]
    ) {
        self.active = active
        self.orgRole = orgRole
        self.isAdmin = isAdmin
        self.isProvider = isProvider
        self.permissions = permissions
    }

    enum CodingKeys: String, CodingKey {
        case active, permissions
        case orgRole = "org_role"
        case isAdmin = "is_admin"
        case isProvider = "is_provider"
    }

    public var isEmpty: Bool {
        active == nil && orgRole == nil && isAdmin == nil && isProvider == nil && permissions.isEmpty
    }

    /// `member` with this patch applied.
    public func applied(to member: LiveHealthieMember) -> LiveHealthieMember {
        var result = member
        if let active { result.active = active }
        if let orgRole { result.orgRole = orgRole }
        if let isAdmin { result.isAdmin = isAdmin }
        if let isProvider { result.isProvider = isProvider }
        result.permissions.merge(permissions) { _, new in new }
        return result
    }
}
