/// `review verify`: whether a campaign is complete and carried out, every shortfall named at
/// its line and column.
///
/// Errors are bad input (nothing is reported as complete): an item whose sealed fields were
/// edited, an item added or removed (the campaign seal), the same account twice, an account
/// that does not exist live, an unknown decision, totals that do not reconcile. Shortfalls make
/// the campaign incomplete: an item with no decision, a privileged keep with no reason, a revoke
/// or modify with no ticket, and a revoke or modify not carried out: the config still grants the
/// access (planning it from the same live read shows no deactivation or change of the account)
/// and the live account still holds it.
public enum ReviewVerifier {
    public struct Outcome: Sendable {
        public var errors: [Diagnostic]
        public var shortfalls: [Diagnostic]
        /// Decisions by kind, for the report.
        public var counts: [ReviewItem.Decision: Int]

        public var complete: Bool { errors.isEmpty && shortfalls.isEmpty }
    }

    public static func verify(
        _ read: ReviewFile.Read, file: String, config: Config, live: LiveState, today: CalendarDate, key: [UInt8]?
    ) -> Outcome {
        guard let campaign = read.campaign else {
            return Outcome(errors: read.diagnostics.filter(\.isError), shortfalls: [], counts: [:])
        }
        var errors: [Diagnostic] = []
        var shortfalls: [Diagnostic] = []
        let fileStart = SourceLocation(file: file, line: 1, column: 1)
        for item in campaign.items where item.seal != item.expectedSeal(key: key) {
            errors.append(
                .error(
                    "the item for \(item.account) was edited: its account, staff_id, role, grants, privileged or "
                        + "last_sign_in_at are not what review start wrote (its seal does not match)",
                    at: item.location ?? fileStart,
                    hint: "a reviewer writes only decision, reason and ticket; start a new campaign for a new read"))
        }
        if campaign.seal != campaign.expectedSeal(key: key) {
            errors.append(
                .error(
                    "the campaign's seal does not match: an item was added, removed or moved, or the header (reviewer, "
                        + "dates, config, totals, systems) was edited", at: read.sealAt ?? fileStart,
                    hint: key == nil
                        ? "were it started with ROLLCALL_AUDIT_KEY set, verify it with the same key" : nil))
        }
        if let totals = read.totals,
            totals.items != campaign.items.count || totals.privileged != campaign.privilegedCount
        {
            errors.append(
                .error(
                    "the totals do not reconcile: they say \(totals.items) items, \(totals.privileged) privileged; "
                        + "the file lists \(campaign.items.count) items, \(campaign.privilegedCount) privileged",
                    at: read.totalsAt ?? fileStart))
        }
        var seen: [String: SourceLocation] = [:]
        let index = ReviewLiveIndex(config: config, live: live)
        let plan = Planner.plan(config: config, live: live, policy: config.policy, today: today)
        // Each account's planned actions, found once rather than by a scan of the plan per item.
        var planned: [String: [PlannedChange.Action]] = [:]
        for change in plan.changes {
            if let account = DriftWork.account(change.address) {
                planned[account.lowercased(), default: []].append(change.action)
            }
        }
        var counts: [ReviewItem.Decision: Int] = [:]
        for item in campaign.items {
            let at = item.location ?? fileStart
            let key = item.account.lowercased()
            if let first = seen[key] {
                errors.append(.error("\(item.account) is listed again; it was first listed at \(first)", at: at))
                continue
            }
            seen[key] = at
            guard let account = index.account(item.account) else {
                errors.append(
                    .error("\(item.account) is no account live (no such user or member in what was read)", at: at))
                continue
            }
            let decisionAt = item.decisionAt ?? at
            guard !item.decision.isEmpty else {
                shortfalls.append(
                    .error("\(item.account) has no decision yet (keep, revoke or modify)", at: decisionAt))
                continue
            }
            guard let decision = ReviewItem.Decision(rawValue: item.decision) else {
                errors.append(
                    .error(
                        "decision '\(item.decision)' of \(item.account) is not keep, revoke or modify"
                            + Suggestion.phrase(for: item.decision, in: ReviewItem.Decision.allCases.map(\.rawValue)),
                        at: decisionAt))
                continue
            }
            counts[decision, default: 0] += 1
            switch decision {
            case .keep:
                if item.privileged, item.reason.trimmedSpace.isEmpty {
                    shortfalls.append(
                        .error(
                            "\(item.account) is privileged and kept, with no reason", at: decisionAt,
                            hint: "say why it needs admin-level access in reason"))
                }
            case .revoke, .modify:
                if item.ticket.trimmedSpace.isEmpty {
                    shortfalls.append(
                        .error(
                            "\(item.account) is to \(decision.rawValue), with no ticket", at: decisionAt,
                            hint: "name the ticket that tracks the change in ticket"))
                }
                if !carriedOut(decision, item: item, account: account, planned: planned[key] ?? []) {
                    shortfalls.append(
                        .error(
                            "\(item.account) is to \(decision.rawValue), and it is not carried out: the config still "
                                + (decision == .revoke ? "grants the account" : "grants the same access")
                                + " and the live account still holds it", at: decisionAt,
                            hint: decision == .revoke
                                ? "offboard the person or remove the account from the config, and apply"
                                : "narrow the role in the config, and apply"))
                }
            }
        }
        return Outcome(errors: errors, shortfalls: shortfalls, counts: counts)
    }

    /// A revoke is carried out when the account is inactive live or the plan deactivates it; a
    /// modify when the live grants differ from what the item recorded or the plan changes the account.
    static func carriedOut(
        _ decision: ReviewItem.Decision, item: ReviewItem, account: ReviewLiveIndex.Account,
        planned: [PlannedChange.Action]
    ) -> Bool {
        switch decision {
        case .revoke:
            return !account.active || planned.contains(.deactivate)
        case .modify:
            return !account.active || account.grants != item.grants
                || planned.contains(.update) || planned.contains(.deactivate)
        case .keep:
            return true
        }
    }
}

/// The live accounts by the name a campaign gives them. Keyed by that name, not parsed back
/// into a practice and a username: a live username or email that `policy.protected` would
/// refuse (a space, an odd address) is still an account start listed and verify must find.
struct ReviewLiveIndex {
    struct Account {
        var active: Bool
        var grants: String
    }

    private var accounts: [String: Account] = [:]

    init(config: Config, live: LiveState) {
        for practice in config.athena?.practices ?? [] {
            for user in live.practice(id: practice.practiceID)?.users ?? [] {
                let name = ProtectedAccount.athena(practice: practice.key, username: user.username).description
                if accounts[name.lowercased()] == nil {
                    accounts[name.lowercased()] = Account(active: user.active, grants: "usertype \(user.userType)")
                }
            }
        }
        for member in live.healthie?.members ?? [] {
            let name = ProtectedAccount.healthie(email: member.email.lowercased()).description
            if accounts[name.lowercased()] == nil {
                accounts[name.lowercased()] = Account(active: member.active, grants: ReviewStart.grants(member))
            }
        }
    }

    func account(_ name: String) -> Account? { accounts[name.lowercased()] }
}
