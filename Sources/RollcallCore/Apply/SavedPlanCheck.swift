/// A saved plan is only ever a subset of what the config wants now. Its checksum proves
/// only that nobody edited it *without recomputing the checksum*, which anyone can do, so
/// apply trusts none of a saved change's parts on their own:
/// - each change must agree with itself: its id is the one its address and action give, its
///   `system`, `practice`, `action` and `address` say what its `operation` does, and the
///   operation writes inside the config's systems and practices, never to a protected account;
/// - each change apply would make must be, part for part, a change the config asks for when
///   planned against the fresh read (`wanted`).
///
/// Pure: the saved changes, the config, a fresh read and a fresh plan in, the refusals out.
package enum SavedPlanCheck {
    /// A saved change apply will not make, and why, in words that name the part that is wrong.
    package struct RefusedChange: Sendable, Equatable {
        package var change: PlannedChange
        package var reason: String

        package init(change: PlannedChange, reason: String) {
            self.change = change
            self.reason = reason
        }
    }

    /// The saved changes that do not agree with themselves, the config or the live records
    /// their operations name. Records of practices or systems that were not read are not compared.
    package static func inconsistent(_ changes: [PlannedChange], config: Config, live: LiveState) -> [RefusedChange] {
        let index = LiveIndex(live)
        let protected = ProtectedIndex(config.policy.protected)
        return changes.compactMap { change in
            problem(of: change, config: config, live: index, protected: protected).map {
                RefusedChange(change: change, reason: $0)
            }
        }
    }

    /// The changes apply would make from the saved plan that the fresh plan does not make
    /// exactly as saved: the same id, address, action, operation, precondition and fields.
    /// A Healthie create that resumes (its membership was added, its settings not yet made) is
    /// planned afresh as an update of that membership: it must leave the membership as that
    /// update would.
    package static func unwanted(_ pending: [PendingChange], fresh: Plan, live: LiveState) -> [RefusedChange] {
        let wanted = Dictionary(fresh.changes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let byAddress = Dictionary(fresh.changes.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let index = LiveIndex(live)
        return pending.compactMap { item in
            let change = item.change
            if item.resumes, case .healthieCreate(let draft, let settings) = change.operation,
                let member = index.member(email: draft.email)
            {
                guard case .healthieUpdate(let membershipID, let patch)? = byAddress[change.address]?.operation,
                    membershipID == member.membershipID, patch.applied(to: member) == settings.applied(to: member)
                else {
                    return RefusedChange(
                        change: change,
                        reason: "not what the config asks for: the membership it would finish is to be left "
                            + "otherwise, planned from the config and the fresh read")
                }
                return nil
            }
            guard let planned = wanted[change.id] else {
                return RefusedChange(
                    change: change,
                    reason: "not what the config asks for: planned from the config and the fresh read, "
                        + "no such change is made to this account")
            }
            let differing = differences(change, planned)
            guard !differing.isEmpty else { return nil }
            return RefusedChange(
                change: change,
                reason: "not what the config asks for: the config, planned from the fresh read, makes this change "
                    + "with another " + differing.joined(separator: ", "))
        }
    }

    private static func differences(_ saved: PlannedChange, _ planned: PlannedChange) -> [String] {
        var parts: [String] = []
        if saved.system != planned.system { parts.append("system") }
        if saved.practice != planned.practice { parts.append("practice") }
        if saved.address != planned.address { parts.append("address") }
        if saved.action != planned.action { parts.append("action") }
        if saved.operation != planned.operation { parts.append("operation") }
        if saved.precondition != planned.precondition { parts.append("precondition") }
        if saved.fields != planned.fields { parts.append("list of fields") }
        return parts
    }

    private static func problem(
        of change: PlannedChange, config: Config, live: LiveIndex, protected: ProtectedIndex
    ) -> String? {
        let operation = change.operation
        guard change.id == ChangeID.make(address: change.address, action: change.action) else {
            return "its id \(change.id) is not the one its address and action give"
        }
        guard operation.action == change.action else {
            return "action and operation disagree: it says \(change.action.rawValue), "
                + "but its operation would \(operation.action.rawValue) the account"
        }
        let wantedKind: RecordAddress.Kind = operation.system == .athena ? .user : .member
        guard change.system == operation.system, change.address.kind == wantedKind else {
            return "address and operation disagree: it is addressed to \(change.system.rawValue), "
                + "but its operation writes to \(operation.system.rawValue)"
        }
        switch operation {
        case .athenaCreate(let practiceID, let draft):
            return athenaProblem(change, practiceID: practiceID, config: config, protected: protected)
                ?? sameKey(change, draft.username, what: "creates the username")
        case .athenaUpdate(let practiceID, let userID, _):
            if let problem = athenaProblem(change, practiceID: practiceID, config: config, protected: protected) {
                return problem
            }
            guard let user = live.athenaUser(practiceID: practiceID, userID: userID) else { return nil }
            if let practice = change.practice, protected.covers(practice: practice, username: user.username) {
                return protectedReason(ProtectedAccount.athena(practice: practice, username: user.username))
            }
            return sameKey(change, user.username, what: "writes to user \(userID), whose username is")
        case .healthieCreate(let draft, _):
            return healthieProblem(change, config: config, protected: protected)
                ?? sameKey(change, draft.email, what: "creates the membership of")
        case .healthieUpdate(let membershipID, _):
            if let problem = healthieProblem(change, config: config, protected: protected) { return problem }
            guard let member = live.member(membershipID: membershipID) else { return nil }
            if protected.covers(email: member.email) {
                return protectedReason(ProtectedAccount.healthie(email: member.email))
            }
            return sameKey(change, member.email, what: "writes to membership \(membershipID), whose email is")
        }
    }

    private static func athenaProblem(
        _ change: PlannedChange, practiceID: Int, config: Config, protected: ProtectedIndex
    ) -> String? {
        let practices = config.athena?.practices ?? []
        guard let key = change.practice, change.address.practice == key else {
            return "address and operation disagree: its practice \(change.practice ?? "(none)") is not "
                + "its address's practice \(change.address.practice ?? "(none)")"
        }
        guard let practice = practices.first(where: { $0.key == key }) else {
            return "outside the config's practices: the config declares no practice '\(key)'"
        }
        guard practice.practiceID == practiceID else {
            if let other = practices.first(where: { $0.practiceID == practiceID }) {
                return "address and operation disagree: it is addressed to practice \(key) (\(practice.practiceID)), "
                    + "but its operation writes to practice \(other.key) (\(practiceID))"
            }
            return "outside the config's practices: its operation writes to practice \(practiceID), "
                + "which systems.athena.practices does not declare"
        }
        if protected.covers(practice: key, username: change.address.key) {
            return protectedReason(ProtectedAccount.athena(practice: key, username: change.address.key))
        }
        return nil
    }

    private static func healthieProblem(_ change: PlannedChange, config: Config, protected: ProtectedIndex) -> String? {
        guard config.healthie != nil else {
            return "outside the config's systems: the config does not declare systems.healthie"
        }
        guard change.practice == nil else {
            return "address and operation disagree: a Healthie change names the athenaOne practice "
                + "\(change.practice ?? "")"
        }
        if protected.covers(email: change.address.key) {
            return protectedReason(ProtectedAccount.healthie(email: change.address.key))
        }
        return nil
    }

    private static func sameKey(_ change: PlannedChange, _ key: String, what: String) -> String? {
        guard key.lowercased() != change.address.key.lowercased() else { return nil }
        return "address and operation disagree: it is addressed to '\(change.address.key)', "
            + "but its operation \(what) '\(key)'"
    }

    private static func protectedReason(_ account: ProtectedAccount) -> String {
        "\(account) is in policy.protected: Rollcall never changes it"
    }
}
