/// A live account no staff entry matched and `policy.protected` does not cover, with its
/// record: the address alone is ambiguous when a username or an email is held twice.
struct UnmatchedAccount {
    enum Record {
        case athena(LiveAthenaUser)
        case healthie(LiveHealthieMember)
    }

    var address: RecordAddress
    var record: Record
}

/// Live accounts no staff entry describes, handled as `policy.unmanaged` says.
extension PlanWork {
    mutating func planUnmanagedAthena(_ practice: Practice, live: LiveAthenaPractice, matched: Set<Int>) {
        for user in live.users where !matched.contains(user.userID) {
            guard !isProtected(practice: practice.key, username: user.username) else { continue }
            let address = RecordAddress.athenaUser(practice: practice.key, username: user.username)
            unmatched.append(UnmatchedAccount(address: address, record: .athena(user)))
            guard user.active else { continue }
            let who = "\(user.firstName) \(user.lastName), \(user.userType), userid \(user.userID)"
            applyUnmanagedPolicy(
                .athena(user, practice), address: address, finding: "\(who): active, but no staff entry lists it")
        }
    }

    /// An active account nobody describes: ignored, reported with `finding`, or deactivated,
    /// as `policy.unmanaged` says.
    private mutating func applyUnmanagedPolicy(
        _ target: DeactivationTarget, address: RecordAddress, finding message: String
    ) {
        switch policy.unmanaged {
        case .ignore: return
        case .report:
            findings.append(Finding(kind: .unmanagedAccount, severity: .warning, address: address, message: message))
        case .deactivate:
            appendDeactivation(target, address: address, staffID: nil, reason: Self.unmanagedReason)
        }
    }

    static let unmanagedReason = "not in the config; policy.unmanaged: deactivate"

    mutating func planUnmanagedHealthie(_ members: [LiveHealthieMember], matched: Set<String>) {
        for member in members where !matched.contains(member.userID) {
            guard !isProtected(email: member.email) else { continue }
            let address = RecordAddress.healthieMember(email: member.email)
            unmatched.append(UnmatchedAccount(address: address, record: .healthie(member)))
            guard member.active else { continue }
            applyUnmanagedPolicy(
                .healthie(member), address: address,
                finding: "\(member.firstName) \(member.lastName), user \(member.userID): active, "
                    + "but no staff entry with a Healthie role lists it")
        }
    }

    /// A provider being deactivated whom other users still name as supervising: the
    /// deactivation comes after their updates (deactivations come last), and the
    /// reviewer is told who is left pointing at them.
    mutating func noteSupervisorDeactivations(_ practice: Practice, live: LiveAthenaPractice) {
        let deactivating = changes.indices.filter {
            changes[$0].practice == practice.key && changes[$0].system == .athena && changes[$0].action == .deactivate
        }
        guard !deactivating.isEmpty else { return }
        var supervisingAfterPlan: [Int: Int] = [:]
        var activeAfterPlan: [Int: Bool] = [:]
        var updated: Set<Int> = []
        for user in live.users {
            supervisingAfterPlan[user.userID] = user.supervisingProviderID
            activeAfterPlan[user.userID] = user.active
        }
        for change in changes where change.practice == practice.key && change.system == .athena {
            guard case .athenaUpdate(_, let userID, let patch) = change.operation else { continue }
            if let supervisor = patch.supervisingProviderID { supervisingAfterPlan[userID] = supervisor }
            if let active = patch.active { activeAfterPlan[userID] = active }
            if change.action != .deactivate { updated.insert(userID) }
        }
        let users = Dictionary(live.users.map { ($0.userID, $0) }, uniquingKeysWith: { first, _ in first })
        var supervisedBy: [Int: [LiveAthenaUser]] = [:]
        for user in live.users where activeAfterPlan[user.userID] == true {
            if let provider = supervisingAfterPlan[user.userID] { supervisedBy[provider, default: []].append(user) }
        }
        let directory = PracticeDirectory(live)
        for index in deactivating {
            guard case .athenaUpdate(_, let userID, _) = changes[index].operation,
                let providerID = users[userID]?.providerID
            else { continue }
            let supervised = (supervisedBy[providerID] ?? []).filter { $0.userID != userID }
                .sorted { $0.username < $1.username }
            guard !supervised.isEmpty else { continue }
            let list = supervised.map(\.username).joined(separator: ", ")
            let provider = directory.provider(providerID) ?? String(providerID)
            let order =
                supervised.contains { updated.contains($0.userID) }
                ? "deactivated after their updates in this plan"
                : "none of them has an update in this plan, so they keep this supervisor until the config names another"
            changes[index].notes.append(
                "supervises \(counted(supervised.count, "active user")) (\(list)) as provider \(provider); \(order)")
            findings.append(
                Finding(
                    kind: .supervisorDeactivated, severity: .warning, address: changes[index].address,
                    message:
                        "being deactivated, but still the supervising provider \(provider) of \(list); "
                        + "assign them a new supervisor in the config"))
        }
    }
}
