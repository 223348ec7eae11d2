import GraphQL
import RollcallCore

/// The mutations the simulator serves. Validation failures are answered the
/// way Healthie answers them: HTTP 200, the payload's `messages` filled, nothing changed.
/// There is no `deleteClient` (Healthie's schema has none) and members are never
/// deleted: they leave with `active: false`.
enum HealthieMutations {
    typealias Object = HealthieRecordsAsGraphQL.Object

    /// Both names, or a message for each one missing, naming its own field.
    static func names(_ input: Map) throws -> (first: String, last: String) {
        let first = text(input["first_name"])
        let last = text(input["last_name"])
        guard let first, let last else {
            var errors = HealthieFieldErrors(messages: [])
            if first == nil { errors.messages.append(("first_name", "First name can't be blank")) }
            if last == nil { errors.messages.append(("last_name", "Last name can't be blank")) }
            throw errors
        }
        return (first, last)
    }

    static func createClient(_ caller: HealthieCaller, args: Map) async throws -> Object {
        let input = args["input"]
        return try await payload(caller, key: "user") { state in
            let (first, last) = try names(input)
            let email = text(input["email"])
            if email == nil, input["skipped_email"].bool != true {
                throw HealthieFieldErrors("email", "Email can't be blank")
            }
            if let email, clientEmailTaken(email, except: nil, in: state) {
                throw HealthieFieldErrors("email", "Email has already been taken")
            }
            let client = HealthieClient(
                id: String(state.healthie.nextUserID), email: email, firstName: first, lastName: last,
                dietitianID: text(input["dietitian_id"]))
            state.healthie.clients.append(client)
            return HealthieRecordsAsGraphQL.user(client)
        }
    }

    /// A partial update: only the fields sent change.
    static func updateClient(_ caller: HealthieCaller, args: Map) async throws -> Object {
        let input = args["input"]
        return try await payload(caller, key: "user") { state in
            guard let index = state.healthie.clients.firstIndex(where: { $0.id == input["id"].string }) else {
                throw HealthieFieldErrors("id", "Client not found")
            }
            var client = state.healthie.clients[index]
            if let active = input["active"].bool { client.active = active }
            if let first = text(input["first_name"]) { client.firstName = first }
            if let last = text(input["last_name"]) { client.lastName = last }
            if let email = text(input["email"]) {
                if clientEmailTaken(email, except: client.id, in: state) {
                    throw HealthieFieldErrors("email", "Email has already been taken")
                }
                client.email = email
            }
            state.healthie.clients[index] = client
            return HealthieRecordsAsGraphQL.user(client)
        }
    }

    static func createOrganizationMembership(_ caller: HealthieCaller, args: Map) async throws -> Object {
        try caller.requireAdmin("createOrganizationMembership")
        let input = args["input"]
        return try await payload(caller, key: "organizationMembership") { state in
            guard let organization = text(input["organization_id"]) else {
                throw HealthieFieldErrors("organization_id", "Organization can't be blank")
            }
            guard organization == state.healthie.organizationID else {
                throw HealthieFieldErrors("organization_id", "Organization not found")
            }
            guard let email = text(input["email"]), email.contains("@") else {
                throw HealthieFieldErrors("email", "Email is invalid")
            }
            let (first, last) = try names(input)
            if state.healthie.members.contains(where: { $0.email.lowercased() == email.lowercased() }) {
                throw HealthieFieldErrors("email", "Email has already been taken")
            }
            let role = try orgRole(input["org_role"]) ?? HealthieOrgRole.standard.rawValue
            let id = String(state.healthie.nextUserID)
            let member = HealthieMember(
                id: id, membershipID: "m\(id)", email: email, firstName: first, lastName: last, orgRole: role)
            state.healthie.members.append(member)
            if input["send_invite_email"].bool ?? true {
                state.healthie.invites.append(HealthieInvite(email: email, userID: id))
            }
            return HealthieRecordsAsGraphQL.membership(member)
        }
    }

    /// A partial update of one membership; `active` sets the member's `User.active`.
    static func updateOrganizationMembership(_ caller: HealthieCaller, args: Map) async throws -> Object {
        try caller.requireAdmin("updateOrganizationMembership")
        let input = args["input"]
        return try await payload(caller, key: "organizationMembership") { state in
            guard let index = state.healthie.members.firstIndex(where: { $0.membershipID == input["id"].string })
            else {
                throw HealthieFieldErrors("id", "Organization membership not found")
            }
            var member = state.healthie.members[index]
            if let role = try orgRole(input["org_role"]) { member.orgRole = role }
            if let active = input["active"].bool { member.active = active }
            if let admin = input["is_admin"].bool { member.isAdmin = admin }
            if let provider = input["is_provider"].bool { member.isProvider = provider }
            for permission in HealthieSchemaSDL.permissions {
                if let value = input[permission].bool { member.permissions[permission] = value }
            }
            state.healthie.members[index] = member
            return HealthieRecordsAsGraphQL.membership(member)
        }
    }

    /// Runs a write; a `HealthieFieldErrors` becomes `messages` and leaves the state as it was.
    private static func payload(
        _ caller: HealthieCaller, key: String, _ write: @Sendable (inout SandboxState) throws -> Object
    ) async throws -> Object {
        do {
            let object = try await caller.store.update(write)
            caller.markWrite()
            return [key: object, "messages": [Object]()]
        } catch let errors as HealthieFieldErrors {
            return ["messages": errors.objects]
        }
    }

    /// The `org_role` sent, if any, after checking it is one Healthie accepts.
    private static func orgRole(_ value: Map) throws -> String? {
        guard let role = text(value) else { return nil }
        guard HealthieOrgRole(rawValue: role) != nil else {
            throw HealthieFieldErrors("org_role", "Org role must be Standard or Support")
        }
        return role
    }

    /// Whether another client already has `email`; clients and staff never collide.
    private static func clientEmailTaken(_ email: String, except id: String?, in state: SandboxState) -> Bool {
        state.healthie.clients.contains { $0.id != id && $0.email?.lowercased() == email.lowercased() }
    }

    private static func text(_ value: Map) -> String? {
        guard let text = value.string, !text.isEmpty else { return nil }
        return text
    }
}
