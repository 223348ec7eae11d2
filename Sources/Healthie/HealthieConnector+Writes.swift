import RollcallCore
import RollcallHTTP

extension HealthieConnector {
    /// Adds a staff member as an organization membership (never as a client),
    /// then sets the flags `settings` names, and returns the member as Healthie
    /// then holds it.
    ///
    /// `sendInviteEmail` is always sent: Healthie emails an invitation unless
    /// told not to, so a sync decides on purpose. Lost-answer safe: before any
    /// retry the member is looked up by email, so a create whose answer was
    /// lost is never made twice.
    public func createMembership(
        _ draft: HealthieMembershipDraft, settings: HealthieMembershipPatch = HealthieMembershipPatch(),
        organizationID: String, sendInviteEmail: Bool
    ) async throws -> LiveHealthieMember {
        let input = CreateMembershipInput(
            email: draft.email, first_name: draft.firstName, last_name: draft.lastName, org_role: draft.orgRole,
            organization_id: organizationID, send_invite_email: sendInviteEmail)
        let created = try await run(
            HealthieDocuments.createMembership, operation: "RollcallCreateMembership",
            variables: InputVariables(input: input), as: CreateMembershipData.self,
            beforeRetry: {
                switch try await member(email: draft.email) {
                case .done(let existing?):
                    return .done(
                        CreateMembershipData(
                            createOrganizationMembership: .init(
                                organizationMembership: .init(id: existing.membershipID), messages: [])))
                case .done(nil): return nil
                case .throttled(let after, let reason): return .throttled(retryAfter: after, reason: reason)
                case .transient(let reason): return .transient(reason: reason)
                }
            })
        let payload = created.createOrganizationMembership
        try Self.refuseMessages(payload?.messages, "adding \(draft.email) to the organization")
        guard let membershipID = payload?.organizationMembership?.id else {
            throw HealthieError(.malformedAnswer, "Healthie added \(draft.email) but sent no membership id")
        }
        if !settings.isEmpty {
            return try await updateMembership(membershipID, patch: settings, email: draft.email)
        }
        let found = try await run(
            documents.byKeywords, operation: "RollcallMembersByKeywords",
            variables: KeywordVariables(keywords: draft.email, first: 10), as: MembersData.self)
        let listed = (found.organizationMembers?.nodes ?? []).compactMap(\.member).first {
            $0.membershipID == membershipID
        }
        guard let listed else {
            throw HealthieError(.didNotStick, "Healthie added \(draft.email) but does not list the new member")
        }
        return listed
    }

    /// Sets the fields `patch` names on one membership (a partial update: nothing
    /// else changes) and checks the answer shows them. `active: false` is how a
    /// member leaves: Healthie cannot delete users.
    public func updateMembership(
        _ membershipID: String, patch: HealthieMembershipPatch, email: String? = nil
    ) async throws -> LiveHealthieMember {
        let what = "updating the membership of \(email ?? "membership \(membershipID)")"
        let data = try await run(
            HealthieDocuments.updateMembership, operation: "RollcallUpdateMembership",
            variables: InputVariables(input: UpdateMembershipInput(id: membershipID, patch: patch)),
            as: UpdateMembershipData.self)
        let payload = data.updateOrganizationMembership
        try Self.refuseMessages(payload?.messages, what)
        guard let membership = payload?.organizationMembership, let user = membership.user else {
            throw HealthieError(.malformedAnswer, "Healthie answered \(what) without the membership")
        }
        let member = membership.live(user: user)
        let expected = patch.applied(to: member)
        guard expected == member else {
            throw HealthieError(.didNotStick, "Healthie accepted \(what), but the membership does not show the change")
        }
        return member
    }

    /// `messages { field message }` in a 200 answer means the write was refused and nothing changed.
    static func refuseMessages(_ messages: [FieldMessageWire]?, _ what: String) throws {
        guard let messages, !messages.isEmpty else { return }
        throw HealthieError(
            .validation, "Healthie refused \(what)",
            messages: messages.map { HealthieError.FieldMessage(field: $0.field, message: $0.message) })
    }
}
