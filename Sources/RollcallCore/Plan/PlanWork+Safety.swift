/// The safety rails a plan must keep. Each refusal names the rule, the numbers and the records.
/// Every rule counts what the operations do (`ChangeOperation.action`, the practice id and the
/// system they write to), never a change's `action`, `practice` or `system` labels: apply checks
/// these rules on a saved plan, whose labels a hand edit could change.
extension PlanWork {
    /// A staff entry's account that `policy.protected` covers: left alone, and the reviewer told so.
    mutating func noteProtected(_ address: RecordAddress, staff: StaffMember) {
        findings.append(
            Finding(
                kind: .protectedAccount, severity: .info, address: address,
                message: "protected by policy.protected; staff entry \(staff.id) does not change it"))
    }

    mutating func checkSafety(_ ordered: [PlannedChange]) {
        checkDeactivationLimit(ordered)
        if let athena = config.athena {
            for practice in athena.practices { checkAthenaAdmins(practice, ordered) }
        }
        checkHealthieAdmins(ordered)
    }

    private mutating func checkDeactivationLimit(_ ordered: [PlannedChange]) {
        let deactivations = ordered.filter { $0.operation.action == .deactivate }
        let allowed = policy.maxDeactivations.allowed(managed: managedAccounts)
        guard deactivations.count > allowed else { return }
        let limit: String
        switch policy.maxDeactivations {
        case .count(let count): limit = "at most \(count)"
        case .percent:
            limit = "\(policy.maxDeactivations) of \(managedAccounts) managed accounts, which is \(allowed)"
        }
        let count =
            "this plan deactivates \(deactivations.count) accounts, but policy.max_deactivations allows \(limit)"
        refusals.append(
            Refusal(
                rule: "policy.max_deactivations",
                message: count
                    + "; check the config for a mistake, or pass --allow-mass-deactivation if this is intended",
                records: deactivations.map(\.address), overridable: true, liftedMessage: count))
    }

    /// Active athenaOne ADMIN accounts in one practice, before and after the plan.
    private mutating func checkAthenaAdmins(_ practice: Practice, _ ordered: [PlannedChange]) {
        guard let live = liveAthena[practice.practiceID] else { return }
        var accounts: [String: (active: Bool, admin: Bool)] = [:]
        for user in live.users {
            accounts[String(user.userID)] = (user.active, user.userType == AthenaUserType.admin.rawValue)
        }
        // A new account has no record id yet; its address keys it (no record id looks like an address).
        let before = accounts.values.filter { $0.active && $0.admin }.count
        var losing: [RecordAddress] = []
        for change in ordered where change.operation.athenaPracticeID == practice.practiceID {
            switch change.operation {
            case .athenaCreate(_, let draft):
                accounts[change.address.description] = (true, draft.userType == AthenaUserType.admin.rawValue)
            case .athenaUpdate(_, let userID, let patch):
                let key = String(userID)
                guard let was = accounts[key] else { continue }
                let now = (
                    active: patch.active ?? was.active,
                    admin: patch.userType.map { $0 == AthenaUserType.admin.rawValue } ?? was.admin
                )
                if was.active && was.admin && !(now.active && now.admin) { losing.append(change.address) }
                accounts[key] = now
            default: continue
            }
        }
        let after = accounts.values.filter { $0.active && $0.admin }.count
        checkAdmins(
            where: "practice \(practice.key) (\(practice.practiceID))", kind: "athenaOne ADMIN user",
            address: .athenaPractice(practice.key), before: before, after: after, losing: losing)
    }

    private mutating func checkHealthieAdmins(_ ordered: [PlannedChange]) {
        guard let live = liveHealthie, config.healthie != nil else { return }
        var accounts: [String: (active: Bool, admin: Bool)] = [:]
        for member in live.members { accounts[member.membershipID] = (member.active, member.isAdmin) }
        let before = accounts.values.filter { $0.active && $0.admin }.count
        var losing: [RecordAddress] = []
        for change in ordered {
            switch change.operation {
            case .healthieCreate(_, let settings):
                accounts[change.address.description] = (true, settings.isAdmin ?? false)
            case .healthieUpdate(let membershipID, let patch):
                guard let was = accounts[membershipID] else { continue }
                let now = (active: patch.active ?? was.active, admin: patch.isAdmin ?? was.admin)
                if was.active && was.admin && !(now.active && now.admin) { losing.append(change.address) }
                accounts[membershipID] = now
            default: continue
            }
        }
        let after = accounts.values.filter { $0.active && $0.admin }.count
        checkAdmins(
            where: "the Healthie organization", kind: "Healthie admin", address: .healthieOrganization, before: before,
            after: after, losing: losing)
    }

    /// Refuses a plan that takes admins below `min_admins`; one that starts below it and
    /// removes none is let through with a warning, so the config can still fix it.
    private mutating func checkAdmins(
        where place: String, kind: String, address: RecordAddress, before: Int, after: Int, losing: [RecordAddress]
    ) {
        guard after < policy.minAdmins else { return }
        if after < before {
            refusals.append(
                Refusal(
                    rule: "policy.min_admins",
                    message:
                        "this plan would leave \(place) with \(counted(after, "active " + kind)) (it has \(before)); "
                        + "policy.min_admins requires \(policy.minAdmins). No flag overrides this: keep or add an admin",
                    records: losing, overridable: false))
        } else {
            findings.append(
                Finding(
                    kind: .fewAdmins, severity: .warning, address: address,
                    message:
                        "\(place) has \(counted(after, "active " + kind)); policy.min_admins asks for \(policy.minAdmins)"
                ))
        }
    }
}
