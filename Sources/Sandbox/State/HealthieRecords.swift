/// A Healthie API key. Only admin keys may list organization members.
package struct HealthieAPIKey: Codable, Sendable, Hashable {
    package var key: String
    package var admin: Bool
    /// The member the key belongs to: what `currentUser` answers.
    package var userID: String?

    package init(key: String, admin: Bool, userID: String?) {
        self.key = key
        self.admin = admin
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case key, admin
        case userID = "user_id"
    }
}

/// A staff member: a `User` with an `OrganizationMembership`. Status is `User.active`.
package struct HealthieMember: Codable, Sendable, Hashable {
    /// The `User` id.
    package var id: String
    package var membershipID: String
    package var email: String
    package var firstName: String
    package var lastName: String
    package var active: Bool
    package var orgRole: String
    package var isAdmin: Bool
    package var isProvider: Bool
    package var npi: String?
    /// The membership's `can_*` flags that are set; a flag not listed is false.
    package var permissions: [String: Bool]
    /// `User.last_sign_in_at`, as a seed gives it; nil for a member who never signed in.
    package var lastSignInAt: String?

    package init(
        id: String, membershipID: String, email: String, firstName: String, lastName: String, active: Bool = true,
        orgRole: String = "Standard", isAdmin: Bool = false, isProvider: Bool = false, npi: String? = nil,
        permissions: [String: Bool] = [:]
    ) {
        self.id = id
        self.membershipID = membershipID
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.active = active
        self.orgRole = orgRole
        self.isAdmin = isAdmin
        self.isProvider = isProvider
        self.npi = npi
        self.permissions = permissions
    }

    enum CodingKeys: String, CodingKey {
        case id, email, active, npi, permissions
        case membershipID = "membership_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case orgRole = "org_role"
        case isAdmin = "is_admin"
        case isProvider = "is_provider"
        case lastSignInAt = "last_sign_in_at"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        membershipID = try container.decodeIfPresent(String.self, forKey: .membershipID) ?? "m\(id)"
        email = try container.decode(String.self, forKey: .email)
        firstName = try container.decode(String.self, forKey: .firstName)
        lastName = try container.decode(String.self, forKey: .lastName)
        active = try container.decodeIfPresent(Bool.self, forKey: .active) ?? true
        orgRole = try container.decodeIfPresent(String.self, forKey: .orgRole) ?? "Standard"
        isAdmin = try container.decodeIfPresent(Bool.self, forKey: .isAdmin) ?? false
        isProvider = try container.decodeIfPresent(Bool.self, forKey: .isProvider) ?? false
        npi = try container.decodeIfPresent(String.self, forKey: .npi)
        permissions = try container.decodeIfPresent([String: Bool].self, forKey: .permissions) ?? [:]
        lastSignInAt = try container.decodeIfPresent(String.self, forKey: .lastSignInAt)
    }
}

/// A client (patient). Clients live apart from staff: the same email may be both.
package struct HealthieClient: Codable, Sendable, Hashable {
    package var id: String
    package var email: String?
    package var firstName: String
    package var lastName: String
    package var active: Bool
    package var dietitianID: String?

    package init(
        id: String, email: String?, firstName: String, lastName: String, active: Bool = true, dietitianID: String? = nil
    ) {
        self.id = id
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.active = active
        self.dietitianID = dietitianID
    }

    enum CodingKeys: String, CodingKey {
        case id, email, active
        case firstName = "first_name"
        case lastName = "last_name"
        case dietitianID = "dietitian_id"
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        firstName = try container.decode(String.self, forKey: .firstName)
        lastName = try container.decode(String.self, forKey: .lastName)
        active = try container.decodeIfPresent(Bool.self, forKey: .active) ?? true
        dietitianID = try container.decodeIfPresent(String.self, forKey: .dietitianID)
    }
}

/// An invitation email the simulator "sent" when a membership was created with `send_invite_email`.
package struct HealthieInvite: Codable, Sendable, Hashable {
    package var email: String
    package var userID: String

    package init(email: String, userID: String) {
        self.email = email
        self.userID = userID
    }

    enum CodingKeys: String, CodingKey {
        case email
        case userID = "user_id"
    }
}
