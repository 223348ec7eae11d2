/// Members and clients as the GraphQL executor reads them: dictionaries keyed
/// by field name, resolved by the executor's default resolver.
enum HealthieRecordsAsGraphQL {
    typealias Object = [String: any Sendable]

    /// Set on the user object of every member (never a client), so `User.organization`
    /// knows whose organization to answer; no schema field reads it.
    static let memberKey = "__member"
    /// Set on every membership object: whose membership it is, for `OrganizationMembership.user`.
    static let userIDKey = "__user_id"
    /// Set on every membership object: its `can_*` flags, read by name (one unset is false).
    /// A page of members asks for a few of the 57; building all of them cost it more than its fields.
    static let permissionsKey = "__permissions"

    static func user(_ member: HealthieMember) -> Object {
        var user = userFields(member)
        user["organization_membership"] = membership(member)
        return user
    }

    static func membership(_ member: HealthieMember) -> Object {
        [
            "id": member.membershipID, "is_admin": member.isAdmin, "is_provider": member.isProvider,
            "org_role": member.orgRole, userIDKey: member.id, permissionsKey: member.permissions,
        ]
    }

    static func user(_ client: HealthieClient) -> Object {
        var user: Object = [
            "id": client.id, "active": client.active, "first_name": client.firstName, "last_name": client.lastName,
            "is_org_admin": false,
        ]
        if let email = client.email { user["email"] = email }
        if let dietitian = client.dietitianID { user["dietitian_id"] = dietitian }
        return user
    }

    private static func userFields(_ member: HealthieMember) -> Object {
        var user: Object = [
            "id": member.id, "active": member.active, "email": member.email, "first_name": member.firstName,
            "last_name": member.lastName, "is_org_admin": member.isAdmin, memberKey: true,
        ]
        if let npi = member.npi { user["npi"] = npi }
        if let signedIn = member.lastSignInAt { user["last_sign_in_at"] = signedIn }
        return user
    }
}
