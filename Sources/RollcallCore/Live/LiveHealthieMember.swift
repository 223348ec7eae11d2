/// A Healthie staff member: the `User` and its `OrganizationMembership`.
/// Status is `User.active`; the membership has no status of its own.
public struct LiveHealthieMember: Sendable, Equatable, Hashable, Codable {
    /// The `User` id.
    package var userID: String
    /// The `OrganizationMembership` id, which membership updates take.
    package var membershipID: String
    public var email: String
    package var firstName: String
    package var lastName: String
    public var active: Bool
    package var orgRole: String?
    package var isAdmin: Bool
    package var isProvider: Bool
    /// Every `can_*` flag the membership answered, by name.
    package var permissions: [String: Bool]
    /// `User.last_sign_in_at` as Healthie answered it (ISO 8601); nil when never, or not answered.
    package var lastSignInAt: String?

    public init(
        userID: String, membershipID: String, email: String, firstName: String, lastName: String, active: Bool,
        orgRole: String?, isAdmin: Bool, isProvider: Bool, permissions: [String: Bool], lastSignInAt: String? = nil
    ) {
        self.lastSignInAt = lastSignInAt
        self.userID = userID
        self.membershipID = membershipID
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.active = active
        self.orgRole = orgRole
        self.isAdmin = isAdmin
        self.isProvider = isProvider
        self.permissions = permissions
    }

    enum CodingKeys: String, CodingKey {
        case email, active, permissions
        case userID = "user_id"
        case membershipID = "membership_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case orgRole = "org_role"
        case isAdmin = "is_admin"
        case isProvider = "is_provider"
        case lastSignInAt = "last_sign_in_at"
    }
}

/// A Healthie client (patient) found under a staff email.
public struct LiveHealthieClient: Sendable, Equatable, Hashable, Codable {
    package var userID: String
    public var email: String
    package var firstName: String
    package var lastName: String
    public var active: Bool

    public init(userID: String, email: String, firstName: String, lastName: String, active: Bool) {
        self.userID = userID
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.active = active
    }

    enum CodingKeys: String, CodingKey {
        case email, active
        case userID = "user_id"
        case firstName = "first_name"
        case lastName = "last_name"
    }
}
