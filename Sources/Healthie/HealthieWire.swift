import RollcallCore

/// A GraphQL answer: `data`, `errors` and Healthie's `extensions.warnings`.
struct GraphQLEnvelope<Payload: Decodable & Sendable>: Decodable, Sendable {
    struct ErrorEntry: Decodable, Sendable {
        struct Extensions: Decodable, Sendable { var code: String? }
        var message: String
        var extensions: Extensions?
    }
    struct Extensions: Decodable, Sendable { var warnings: [HealthieWarning]? }

    var data: Payload?
    var errors: [ErrorEntry]?
    var extensions: Extensions?
}

/// A request body: the document, its variables and the operation's name.
struct GraphQLRequestBody<Variables: Encodable & Sendable>: Encodable, Sendable {
    var query: String
    var variables: Variables
    var operationName: String
}

// swift-format-ignore: AlwaysUseLowerCamelCase
struct MembershipWire: Decodable, Sendable {
    var id: String
    var org_role: String?
    var is_admin: Bool?
    var is_provider: Bool?
    var permissions: [String: Bool]
    var user: PersonWire?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: NamedCodingKey.self)
        id = try container.decode(String.self, forKey: NamedCodingKey("id"))
        org_role = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("org_role"))
        is_admin = try container.decodeIfPresent(Bool.self, forKey: NamedCodingKey("is_admin"))
        is_provider = try container.decodeIfPresent(Bool.self, forKey: NamedCodingKey("is_provider"))
        user = try container.decodeIfPresent(PersonWire.self, forKey: NamedCodingKey("user"))
        var permissions: [String: Bool] = [:]
        for key in container.allKeys where key.stringValue.hasPrefix("can_") {
            if let value = try container.decodeIfPresent(Bool.self, forKey: key) {
                permissions[key.stringValue] = value
            }
        }
        self.permissions = permissions
    }

    func live(user: PersonWire) -> LiveHealthieMember {
        LiveHealthieMember(
            userID: user.id, membershipID: id, email: user.email ?? "", firstName: user.first_name ?? "",
            lastName: user.last_name ?? "", active: user.active ?? true, orgRole: org_role,
            isAdmin: is_admin ?? false, isProvider: is_provider ?? false, permissions: permissions,
            lastSignInAt: user.last_sign_in_at)
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
/// A `User`'s own fields.
struct PersonWire: Decodable, Sendable {
    var id: String
    var active: Bool?
    var email: String?
    var first_name: String?
    var last_name: String?
    /// Asked for members only; a client's is never read.
    var last_sign_in_at: String?

    var client: LiveHealthieClient {
        LiveHealthieClient(
            userID: id, email: email ?? "", firstName: first_name ?? "", lastName: last_name ?? "",
            active: active ?? true)
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
/// A `User` with its membership, when it has one.
struct UserWire: Decodable, Sendable {
    var person: PersonWire
    var organization_membership: MembershipWire?

    enum CodingKeys: String, CodingKey { case organization_membership }

    init(from decoder: any Decoder) throws {
        person = try PersonWire(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        organization_membership = try container.decodeIfPresent(MembershipWire.self, forKey: .organization_membership)
    }

    var id: String { person.id }

    /// A staff member, when this user has a membership.
    var member: LiveHealthieMember? { organization_membership?.live(user: person) }

    var client: LiveHealthieClient { person.client }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
struct PageInfoWire: Decodable, Sendable {
    var has_next_page: Bool
    var end_cursor: String?
    /// Asked for by the member read, which also pages back from the end.
    var start_cursor: String?
}

// swift-format-ignore: AlwaysUseLowerCamelCase
struct UserConnectionWire: Decodable, Sendable {
    var total_count: Int?
    var page_info: PageInfoWire?
    var nodes: [UserWire]
}

struct MembersData: Decodable, Sendable {
    var organizationMembers: UserConnectionWire?
}

struct ClientsData: Decodable, Sendable {
    var users: UserConnectionWire?
}

struct CurrentOrganizationData: Decodable, Sendable {
    struct Organization: Decodable, Sendable { var id: String }
    struct CurrentUser: Decodable, Sendable { var organization: Organization? }
    var currentUser: CurrentUser?
}

/// A document with no variables.
struct NoVariables: Encodable, Sendable {}

struct FieldMessageWire: Decodable, Sendable {
    var field: String?
    var message: String
}

struct CreateMembershipData: Decodable, Sendable {
    struct Payload: Decodable, Sendable {
        struct Created: Decodable, Sendable { var id: String }
        var organizationMembership: Created?
        var messages: [FieldMessageWire]?
    }
    var createOrganizationMembership: Payload?
}

struct UpdateMembershipData: Decodable, Sendable {
    struct Payload: Decodable, Sendable {
        var organizationMembership: MembershipWire?
        var messages: [FieldMessageWire]?
    }
    var updateOrganizationMembership: Payload?
}

struct MembershipData: Decodable, Sendable {
    var organizationMembership: MembershipWire?
}

struct IDVariables: Encodable, Sendable {
    var id: String
}

/// A page by `first`/`after` from the start, or by `last`/`before` from the end; the
/// variables not set are left out of the request.
struct PageVariables: Encodable, Sendable {
    var first: Int?
    var after: String?
    var last: Int?
    var before: String?

    static func forward(_ size: Int, after cursor: String?) -> Self { Self(first: size, after: cursor) }
    static func backward(_ size: Int, before cursor: String?) -> Self { Self(last: size, before: cursor) }
}

struct KeywordVariables: Encodable, Sendable {
    var keywords: String
    var first: Int
}

struct InputVariables<Input: Encodable & Sendable>: Encodable, Sendable {
    var input: Input
}

// swift-format-ignore: AlwaysUseLowerCamelCase
struct CreateMembershipInput: Encodable, Sendable {
    var email: String
    var first_name: String
    var last_name: String
    var org_role: String?
    var organization_id: String
    /// Always sent: Healthie sends an invitation unless told not to.
    var send_invite_email: Bool
}

/// `updateOrganizationMembershipInput`: the membership id, and only the fields being set.
struct UpdateMembershipInput: Encodable, Sendable {
    var id: String
    var patch: HealthieMembershipPatch

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedCodingKey.self)
        try container.encode(id, forKey: NamedCodingKey("id"))
        try container.encodeIfPresent(patch.active, forKey: NamedCodingKey("active"))
        try container.encodeIfPresent(patch.orgRole, forKey: NamedCodingKey("org_role"))
        try container.encodeIfPresent(patch.isAdmin, forKey: NamedCodingKey("is_admin"))
        try container.encodeIfPresent(patch.isProvider, forKey: NamedCodingKey("is_provider"))
        for (flag, value) in patch.permissions.sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: NamedCodingKey(flag))
        }
    }
}
