import RollcallCore
import RollcallHTTP

extension HealthieConnector {
    /// Every organization member, then every client whose email is one of `staffEmails`.
    package func readOrganization(staffEmails: [String], progress: ProgressSink? = nil) async throws -> LiveHealthie {
        async let members = members(progress: progress)
        async let clients = clients(matching: staffEmails)
        return LiveHealthie(members: try await members, misroutedClients: try await clients)
    }

    /// The organization the API key's user belongs to; nil when Healthie does not say
    /// (a key with no user behind it).
    package func keyOrganizationID() async throws -> String? {
        let data = try await run(
            HealthieDocuments.currentOrganization, operation: "RollcallCurrentOrganization", variables: NoVariables(),
            as: CurrentOrganizationData.self)
        return data.currentUser?.organization?.id
    }

    /// Every member with its membership, paged by cursor from both ends at once and proven
    /// complete (`HealthieMemberRead`): the halves meet on a shared member, and together hold
    /// as many members as `total_count`, every id once, no cursor twice. A list that does
    /// not add up is read again, once (it may have changed while it was read); if it still
    /// does not, nothing is planned from it.
    package func members(progress: ProgressSink? = nil) async throws -> [LiveHealthieMember] {
        do {
            return try await membersOnce(progress: progress)
        } catch let first as HealthieError where first.code == .changedDuringRead {
            do {
                return try await membersOnce(progress: progress)
            } catch let second as HealthieError where second.code == .changedDuringRead {
                throw HealthieError(
                    .inconsistentList,
                    "Healthie's answers for the member list do not add up, on two reads: \(second.message); "
                        + "nothing is planned from an incomplete list")
            }
        }
    }

    private func membersOnce(progress: ProgressSink?) async throws -> [LiveHealthieMember] {
        try await HealthieMemberRead(pageSize: connection.memberPageSize, fetch: memberPage, progress: progress).run()
    }

    @Sendable private func memberPage(_ variables: PageVariables) async throws -> MemberListPage {
        let data = try await run(
            documents.page, operation: "RollcallMembers", variables: variables, as: MembersData.self)
        guard let page = data.organizationMembers, let info = page.page_info else {
            throw HealthieError(.malformedAnswer, "Healthie answered a member page without page_info")
        }
        guard let total = page.total_count else {
            throw HealthieError(.malformedAnswer, "Healthie answered a member page without total_count")
        }
        return MemberListPage(
            users: page.nodes.map { ($0.id, $0.member) }, total: total, hasNext: info.has_next_page,
            startCursor: info.start_cursor, endCursor: info.end_cursor)
    }

    /// Clients (patients) whose email is exactly one of `emails`, ignoring case:
    /// staff who were misrouted into the patient namespace.
    ///
    /// Whichever costs fewer requests: the first page of all clients tells how many
    /// there are; if the rest of them take fewer pages than there are emails to
    /// search, every client is listed and matched here, otherwise each email is
    /// searched on its own, at once.
    package func clients(matching emails: [String]) async throws -> [LiveHealthieClient] {
        let wanted = Set(emails.map { $0.lowercased() })
        guard !wanted.isEmpty else { return [] }
        let first = try await clientPage(after: nil)
        let remainingPages =
            ((first.total_count ?? 0) - first.nodes.count + Self.clientPageSize - 1)
            / Self.clientPageSize
        var found: [String: LiveHealthieClient] = [:]
        if remainingPages < wanted.count {
            var page = first
            while true {
                for client in page.nodes.map(\.client) where wanted.contains(client.email.lowercased()) {
                    found[client.userID] = client
                }
                guard page.page_info?.has_next_page == true, let cursor = page.page_info?.end_cursor else { break }
                page = try await clientPage(after: cursor)
            }
        } else {
            for client in try await searchClients(wanted) { found[client.userID] = client }
        }
        return found.values.sorted { ($0.email.lowercased(), $0.userID) < ($1.email.lowercased(), $1.userID) }
    }

    static let clientPageSize = 100

    private func clientPage(after cursor: String?) async throws -> UserConnectionWire {
        let data = try await run(
            HealthieDocuments.clients, operation: "RollcallClients",
            variables: PageVariables.forward(Self.clientPageSize, after: cursor), as: ClientsData.self)
        guard let page = data.users else {
            throw HealthieError(.malformedAnswer, "Healthie answered a client page without users")
        }
        return page
    }

    private func searchClients(_ emails: Set<String>) async throws -> [LiveHealthieClient] {
        try await withThrowingTaskGroup(of: [LiveHealthieClient].self) { group in
            for email in emails {
                group.addTask {
                    let data = try await run(
                        HealthieDocuments.clientsByKeywords, operation: "RollcallClientsByKeywords",
                        variables: KeywordVariables(keywords: email, first: 10), as: ClientsData.self)
                    return (data.users?.nodes ?? []).map(\.client).filter { $0.email.lowercased() == email }
                }
            }
            var all: [LiveHealthieClient] = []
            for try await clients in group { all += clients }
            return all
        }
    }

    /// The member with `email`, ignoring case, or nil: how the applier checks that a membership
    /// it is about to create does not exist, and finds one a lost answer or a killed run created.
    package func member(email: String) async throws -> LiveHealthieMember? {
        try await run(
            documents.byKeywords, operation: "RollcallMembersByKeywords",
            variables: KeywordVariables(keywords: email, first: 10), as: MembersData.self
        ).organizationMembers.flatMap { Self.member(email: email, in: $0) }
    }

    /// One membership by id with its user, or nil when Healthie has none by that id.
    package func membership(id: String) async throws -> LiveHealthieMember? {
        let data = try await run(
            documents.membership, operation: "RollcallMembership", variables: IDVariables(id: id),
            as: MembershipData.self)
        guard let membership = data.organizationMembership else { return nil }
        guard let user = membership.user else {
            throw HealthieError(.malformedAnswer, "Healthie answered membership \(id) without its user")
        }
        return membership.live(user: user)
    }

    static func member(email: String, in members: UserConnectionWire) -> LiveHealthieMember? {
        members.nodes.compactMap(\.member).first { $0.email.lowercased() == email.lowercased() }
    }

    /// The member with `email`, ignoring case, if there is one: one try, for the lost-answer rule.
    func memberAttempt(email: String) async throws -> Attempt<LiveHealthieMember?> {
        try await attempt(
            documents.byKeywords, operation: "RollcallMembersByKeywords",
            variables: KeywordVariables(keywords: email, first: 10), as: MembersData.self,
            endpoint: "POST /graphql RollcallMembersByKeywords"
        ).map { data in data.organizationMembers.flatMap { Self.member(email: email, in: $0) } }
    }
}
