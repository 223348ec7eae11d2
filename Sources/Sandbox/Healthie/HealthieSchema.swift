import GraphQL
import RollcallCore

/// The simulator's executable schemas: the SDL built by GraphQLSwift, with
/// resolvers attached to the root fields. Nested fields resolve from the
/// dictionaries the root resolvers return, looked up by name.
struct HealthieSchema: Sendable {
    let baseline: GraphQLSchema
    let connections: GraphQLSchema

    init() throws {
        baseline = try Self.build(HealthieSchemaSDL.baseline)
        connections = try Self.build(HealthieSchemaSDL.connections)
    }

    func schema(for version: HealthieVersion) -> GraphQLSchema {
        version.servesConnections ? connections : baseline
    }

    private typealias Resolver = @Sendable (HealthieCaller, Map) async throws -> (any Sendable)?

    private static let queries: [String: Resolver] = [
        "currentUser": { caller, _ in await HealthieQueries.currentUser(caller) },
        "user": { caller, args in try await HealthieQueries.user(caller, args: args) },
        "users": { caller, args in try await HealthieQueries.users(caller, args: args) },
        "organizationMembers": { caller, args in try await HealthieQueries.organizationMembers(caller, args: args) },
        "organizationMembersCount": { caller, args in
            try await HealthieQueries.organizationMembersCount(caller, args: args)
        },
        "organizationMembership": { caller, args in
            try await HealthieQueries.organizationMembership(caller, args: args)
        },
    ]

    private static let mutations: [String: Resolver] = [
        "createClient": { caller, args in try await HealthieMutations.createClient(caller, args: args) },
        "updateClient": { caller, args in try await HealthieMutations.updateClient(caller, args: args) },
        "createOrganizationMembership": { caller, args in
            try await HealthieMutations.createOrganizationMembership(caller, args: args)
        },
        "updateOrganizationMembership": { caller, args in
            try await HealthieMutations.updateOrganizationMembership(caller, args: args)
        },
    ]

    private static func build(_ sdl: String) throws -> GraphQLSchema {
        let schema = try buildSchema(source: sdl)
        try attach(queries, to: schema.queryType)
        try attach(mutations, to: schema.mutationType)
        try attachOrganization(to: schema.getType(name: "User") as? GraphQLObjectType)
        try attachMembershipLinks(
            user: schema.getType(name: "User") as? GraphQLObjectType,
            membership: schema.getType(name: "OrganizationMembership") as? GraphQLObjectType)
        try attachRecordLookups(to: schema)
        return schema
    }

    /// Every other field of a record reads its value from the record's dictionary by name; a
    /// membership's `can_*` flag from its flags.
    /// GraphQLSwift's default resolver does the same, but first reflects on the record (`Mirror`)
    /// and casts it to two protocols: with the flags below, a fifth of a page of 100 members' time.
    private static func attachRecordLookups(to schema: GraphQLSchema) throws {
        let roots = Set([schema.queryType?.name, schema.mutationType?.name].compactMap { $0 })
        for case let type as GraphQLObjectType in schema.typeMap.values
        where !roots.contains(type.name) && !type.name.hasPrefix("__") {
            let fields = try type.fields()
            for (name, field) in fields where field.resolve == nil {
                if type.name == "OrganizationMembership", HealthiePermission.isKnown(name) {
                    field.resolve = { source, _, _, info in
                        let flags = (source as? HealthieRecordsAsGraphQL.Object)?[
                            HealthieRecordsAsGraphQL.permissionsKey]
                        return (flags as? [String: Bool])?[info.fieldName] ?? false
                    }
                } else {
                    field.resolve = { source, _, _, info in
                        (source as? HealthieRecordsAsGraphQL.Object)?[info.fieldName] ?? nil
                    }
                }
            }
            type.fields = { fields }
        }
    }

    /// `User.organization_membership` and `OrganizationMembership.user`, resolved the same at
    /// every depth, under one rule: a membership (email, role, permission flags) is shown to an
    /// admin key, or to the member it belongs to; to anyone else it is null.
    private static func attachMembershipLinks(user: GraphQLObjectType?, membership: GraphQLObjectType?) throws {
        guard let user, let membership else {
            throw GraphQLError(message: "The simulator's schema lacks User or OrganizationMembership.")
        }
        // Each type's fields are read once: the resolvers must be set on the instances installed below.
        let userFields = try user.fields()
        let membershipFields = try membership.fields()
        guard let membershipField = userFields["organization_membership"], let userField = membershipFields["user"]
        else { throw GraphQLError(message: "The simulator's schema lacks the User and membership links.") }
        membershipField.resolve = { source, _, context, _ in
            guard let fields = source as? HealthieRecordsAsGraphQL.Object,
                fields[HealthieRecordsAsGraphQL.memberKey] != nil, let id = fields["id"] as? String
            else { return nil }
            let caller = try HealthieCaller.from(context)
            guard caller.key.admin || caller.key.userID == id else { return nil }
            if let known = fields["organization_membership"] { return known }
            return await caller.store.state.healthie.members.first { $0.id == id }
                .map(HealthieRecordsAsGraphQL.membership)
        }
        userField.resolve = { source, _, context, _ in
            guard let fields = source as? HealthieRecordsAsGraphQL.Object,
                let id = fields[HealthieRecordsAsGraphQL.userIDKey] as? String
            else { return nil }
            let caller = try HealthieCaller.from(context)
            return await caller.store.state.healthie.members.first { $0.id == id }.map(HealthieRecordsAsGraphQL.user)
        }
        user.fields = { userFields }
        membership.fields = { membershipFields }
    }

    /// `User.organization`: the organization a member belongs to; clients answer null.
    private static func attachOrganization(to user: GraphQLObjectType?) throws {
        guard let user else { throw GraphQLError(message: "The simulator's schema has no User type.") }
        let fields = try user.fields()
        guard let field = fields["organization"] else {
            throw GraphQLError(message: "The simulator's User type has no organization field.")
        }
        field.resolve = { source, _, context, _ in
            guard let fields = source as? HealthieRecordsAsGraphQL.Object,
                fields[HealthieRecordsAsGraphQL.memberKey] != nil
            else { return nil }
            let organizationID = await (try HealthieCaller.from(context)).store.state.healthie.organizationID
            return ["id": organizationID] as HealthieRecordsAsGraphQL.Object
        }
        user.fields = { fields }
    }

    private static func attach(_ resolvers: [String: Resolver], to type: GraphQLObjectType?) throws {
        guard let type else { return }
        let fields = try type.fields()
        for (name, field) in fields {
            guard let resolver = resolvers[name] else {
                throw GraphQLError(message: "The simulator serves \(type.name).\(name) but has no resolver for it.")
            }
            field.resolve = { _, args, context, info in
                do {
                    return try await resolver(HealthieCaller.from(context), args)
                } catch let error as GraphQLError where error.path.elements.isEmpty {
                    // A field's error names the field's place, as GraphQL servers answer it.
                    throw GraphQLError(
                        message: error.message, nodes: info.fieldASTs, path: info.path, extensions: error.extensions)
                }
            }
        }
        type.fields = { fields }
    }
}
