import RollcallCore
import RollcallHTTP

extension HealthieConnector {
    /// Adds a staff member as an organization membership (never as a client),
    /// then sets the flags `settings` names, and returns the member as Healthie
    /// then holds it.
    ///
    /// Two steps, each one the applier can resume: `addMembership`, then
    /// `updateMembership` with the settings. A member the first step created
    /// without its flags (a run killed between the two) is found by its email
    /// when this is called again, and finished, never created twice.
    package func createMembership(
        _ draft: HealthieMembershipDraft, settings: HealthieMembershipPatch = HealthieMembershipPatch(),
        organizationID: String, sendInviteEmail: Bool, lookUpFirst: Bool = false
    ) async throws -> LiveHealthieMember {
        let added = try await addMembership(
            draft, organizationID: organizationID, sendInviteEmail: sendInviteEmail, lookUpFirst: lookUpFirst)
        guard !settings.isEmpty else { return added }
        return try await updateMembership(added.membershipID, patch: settings, email: draft.email)
    }

    /// Step one of a create: the membership, with the role `draft` names and no flags.
    ///
    /// `sendInviteEmail` is always sent: Healthie emails an invitation unless
    /// told not to, so a sync decides on purpose. Lost-answer safe: before any
    /// retry the member is looked up by email, so a create whose answer was
    /// lost is never made twice; with `lookUpFirst` (resuming a run that may
    /// have made it) the member is looked up before the first try too.
    package func addMembership(
        _ draft: HealthieMembershipDraft, organizationID: String, sendInviteEmail: Bool, lookUpFirst: Bool = false
    ) async throws -> LiveHealthieMember {
        if lookUpFirst, let existing = try await member(email: draft.email) { return existing }
        let input = CreateMembershipInput(
            email: draft.email, first_name: draft.firstName, last_name: draft.lastName, org_role: draft.orgRole,
            organization_id: organizationID, send_invite_email: sendInviteEmail)
        let created = try await run(
            HealthieDocuments.createMembership, operation: "RollcallCreateMembership",
            variables: InputVariables(input: input), as: CreateMembershipData.self,
            beforeRetry: {
                switch try await memberAttempt(email: draft.email) {
                case .done(let existing?):
                    return .done(
                        CreateMembershipData(
                            createOrganizationMembership: .init(
                                organizationMembership: .init(id: existing.membershipID), messages: [])))
                case .done(nil): return nil
                case .throttled(let after, let reason): return .throttled(retryAfter: after, reason: reason)
                case .transient(let reason): return .transient(reason: reason)
                case .unreachable(let reason): return .unreachable(reason: reason)
                }
            })
        let payload = created.createOrganizationMembership
        try Self.refuseMessages(payload?.messages, "adding \(draft.email) to the organization")
        guard let membershipID = payload?.organizationMembership?.id else {
            throw HealthieError(.malformedAnswer, "Healthie added \(draft.email) but sent no membership id")
        }
        guard let added = try await membership(id: membershipID) else {
            throw HealthieError(
                .didNotStick, "Healthie added \(draft.email) but cannot find membership \(membershipID)")
        }
        return added
    }

    /// Sets the fields `patch` names on one membership (a partial update: nothing
    /// else changes) and checks the answer shows them. `active: false` is how a
    /// member leaves: Healthie cannot delete users.
    ///
    /// With a `precondition`, the membership is read first and the condition checked
    /// on that read; when it fails, nothing is sent and `PreconditionFailed` names the fields.
    package func updateMembership(
        _ membershipID: String, patch: HealthieMembershipPatch, email: String? = nil,
        precondition: RecordCheck<LiveHealthieMember>? = nil
    ) async throws -> LiveHealthieMember {
        let what = "updating the membership of \(email ?? "membership \(membershipID)")"
        if let precondition {
            guard let current = try await membership(id: membershipID) else {
                throw HealthieError(.notFound, "Healthie has no membership \(membershipID) to update")
            }
            let changed = precondition.changedFields(current)
            guard changed.isEmpty else {
                throw PreconditionFailed(record: "the membership of \(current.email)", changedFields: changed)
            }
        }
        // A mutation whose answer was lost may have been applied: before it is sent again the
        // membership is read, and when it already holds the patch the write is not made twice.
        let data = try await run(
            HealthieDocuments.updateMembership, operation: "RollcallUpdateMembership",
            variables: InputVariables(input: UpdateMembershipInput(id: membershipID, patch: patch)),
            as: UpdateMembershipData.self,
            beforeRetry: {
                let read = try await attempt(
                    documents.membership, operation: "RollcallMembership", variables: IDVariables(id: membershipID),
                    as: MembershipData.self, endpoint: "POST /graphql RollcallMembership")
                switch read {
                case .done(let found):
                    guard let membership = found.organizationMembership, let user = membership.user else { return nil }
                    let member = membership.live(user: user)
                    guard patch.applied(to: member) == member else { return nil }
                    return .done(
                        UpdateMembershipData(
                            updateOrganizationMembership: .init(organizationMembership: membership, messages: [])))
                case .throttled(let after, let reason): return .throttled(retryAfter: after, reason: reason)
                case .transient(let reason): return .transient(reason: reason)
                case .unreachable(let reason): return .unreachable(reason: reason)
                }
            })
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
