import Foundation
import GraphQL

/// The query fields the simulator serves.
enum HealthieQueries {
    typealias Object = HealthieRecordsAsGraphQL.Object
    static let maxPageSize = 100

    static func currentUser(_ caller: HealthieCaller) async -> Object? {
        guard let id = caller.key.userID else { return nil }
        return await caller.store.state.healthie.members.first { $0.id == id }.map(HealthieRecordsAsGraphQL.user)
    }

    /// One user by id. The same rule as every other path to the same data: reading someone
    /// else needs an admin or a provider key, and a provider sees only their own clients.
    static func user(_ caller: HealthieCaller, args: Map) async throws -> Object? {
        guard let id = args["id"].string else {
            return args["or_current_user"].bool == true ? await currentUser(caller) : nil
        }
        let healthie = await caller.store.state.healthie
        if id == caller.key.userID { return await currentUser(caller) }
        let provider = isProvider(caller, healthie)
        if let member = healthie.members.first(where: { $0.id == id }) {
            guard caller.key.admin || provider else { throw forbidden("user") }
            return HealthieRecordsAsGraphQL.user(member)
        }
        guard let client = healthie.clients.first(where: { $0.id == id }) else { return nil }
        guard visible(client, to: caller, provider: provider) else { throw forbidden("user") }
        return HealthieRecordsAsGraphQL.user(client)
    }

    static func isProvider(_ caller: HealthieCaller, _ healthie: HealthieState) -> Bool {
        guard let id = caller.key.userID else { return false }
        return healthie.members.first { $0.id == id }?.isProvider ?? false
    }

    /// Clients an admin sees all of; a provider sees those whose provider they are.
    static func visible(_ client: HealthieClient, to caller: HealthieCaller, provider: Bool) -> Bool {
        caller.key.admin || (provider && client.dietitianID != nil && client.dietitianID == caller.key.userID)
    }

    static func forbidden(_ field: String) -> GraphQLError {
        GraphQLError(
            message: "You do not have permission to access \(field). Use an API key of an organization admin.",
            extensions: ["code": "FORBIDDEN"])
    }

    /// Clients (patients) only; `active_status` is `active` (the default) or `archived`.
    static func users(_ caller: HealthieCaller, args: Map) async throws -> any Sendable {
        let status = args["active_status"].string ?? "active"
        guard status == "active" || status == "archived" else {
            throw GraphQLError(message: "active_status must be one of: active, archived")
        }
        let keywords = args["keywords"].string
        let healthie = await caller.store.state.healthie
        let provider = isProvider(caller, healthie)
        let clients = healthie.clients
            .filter { visible($0, to: caller, provider: provider) }
            .filter { $0.active == (status == "active") }
            .filter { matches(keywords, [$0.firstName, $0.lastName, $0.email ?? ""]) }
            .sorted { ($0.lastName, $0.firstName, $0.id) < ($1.lastName, $1.firstName, $1.id) }
        return try page(clients, args: args, version: caller.version, as: HealthieRecordsAsGraphQL.user)
    }

    /// Every member, active or not: `organizationMembers` has no status filter.
    static func organizationMembers(_ caller: HealthieCaller, args: Map) async throws -> any Sendable {
        try caller.requireAdmin("organizationMembers")
        let members = await filteredMembers(caller, keywords: args["keywords"].string)
        return try page(
            members, args: args, version: caller.version, lie: caller.listLie, as: HealthieRecordsAsGraphQL.user)
    }

    static func organizationMembersCount(_ caller: HealthieCaller, args: Map) async throws -> Int {
        try caller.requireAdmin("organizationMembersCount")
        return await filteredMembers(caller, keywords: args["keywords"].string).count
    }

    static func organizationMembership(_ caller: HealthieCaller, args: Map) async throws -> Object? {
        let members = await caller.store.state.healthie.members
        let id = args["id"].string
        let userID = args["user_id"].string ?? (id == nil ? caller.key.userID : nil)
        guard let member = members.first(where: { (id != nil && $0.membershipID == id) || $0.id == userID }) else {
            return nil
        }
        if member.id != caller.key.userID { try caller.requireAdmin("organizationMembership") }
        return HealthieRecordsAsGraphQL.membership(member)
    }

    /// Members in Healthie's order, by name. The unfiltered listing is sorted once per change
    /// of the state, not once per page of a long read.
    private static func filteredMembers(_ caller: HealthieCaller, keywords: String?) async -> [HealthieMember] {
        let sorted = await caller.store.derived("healthie.members.byName") { state in
            state.healthie.members.sorted { ($0.lastName, $0.firstName, $0.id) < ($1.lastName, $1.firstName, $1.id) }
        }
        guard keywords != nil else { return sorted }
        return sorted.filter { matches(keywords, [$0.firstName, $0.lastName, $0.email]) }
    }

    private static func matches(_ keywords: String?, _ fields: [String]) -> Bool {
        guard let keywords = keywords?.lowercased().trimmingCharacters(in: .whitespaces), !keywords.isEmpty else {
            return true
        }
        let text = fields.joined(separator: " ").lowercased()
        return keywords.split(separator: " ").allSatisfy { text.contains($0) }
    }

    /// One page, in the shape the caller's version serves: a list by `offset`/`page_size`
    /// for the baseline, a `UserConnection` by `first`/`after` from 2026-01-01. Only the
    /// records on the page become GraphQL objects.
    private static func page<Record>(
        _ records: [Record], args: Map, version: HealthieVersion, lie: ListLie? = nil, as object: (Record) -> Object
    ) throws -> any Sendable {
        guard version.servesConnections else {
            let offset = max(0, args["offset"].int ?? 0)
            let size = min(max(1, args["page_size"].int ?? 10), maxPageSize)
            let start = min(offset, records.count)
            return records[start..<min(start + size, records.count)].map(object)
        }
        var start = 0
        var end = records.count
        if let after = args["after"].string { start = try cursorIndex(after) + 1 }
        if let before = args["before"].string { end = try cursorIndex(before) }
        start = min(max(0, start), records.count)
        end = max(start, min(end, records.count))
        if let first = args["first"].int { end = min(end, start + min(max(0, first), maxPageSize)) }
        if let last = args["last"].int { start = max(start, end - min(max(0, last), maxPageSize)) }
        if args["first"].int == nil, args["last"].int == nil { end = min(end, start + 10) }
        let window = Array(start..<end)
        var nodes = window.map { object(records[$0]) }
        var total = records.count
        switch lie {
        case .shortTotal: total = min(records.count, window.count)
        case .repeatedPages where start > 0: nodes = records.prefix(window.count).map(object)
        case .repeatedPages, nil: break
        }
        let edges: [Object] = zip(window, nodes).map { ["cursor": cursor(for: $0), "node": $1] }
        var pageInfo: Object = ["has_next_page": end < records.count, "has_previous_page": start > 0]
        if let first = window.first { pageInfo["start_cursor"] = cursor(for: first) }
        if let last = window.last { pageInfo["end_cursor"] = cursor(for: last) }
        return [
            "edges": edges, "nodes": nodes, "page_info": pageInfo, "total_count": total,
        ] as Object
    }

    static func cursor(for index: Int) -> String {
        Data("sandbox:\(index)".utf8).base64EncodedString()
    }

    static func cursorIndex(_ cursor: String) throws -> Int {
        guard let data = Data(base64Encoded: cursor), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("sandbox:"), let index = Int(text.dropFirst("sandbox:".count)), index >= 0
        else { throw GraphQLError(message: "Invalid cursor: \(cursor)") }
        return index
    }
}
