/// Live accounts: the ones nobody lists, and the records behind each finding.
extension DriftWork {
    func member(email: String) -> LiveHealthieMember? {
        index.member(email: email)
    }

    /// An account nobody lists: critical with admin rights, high when active, low when not.
    mutating func addUnmanaged(_ account: UnmatchedAccount) {
        let address = account.address
        let admin: Bool
        let active: Bool
        let who: String
        switch account.record {
        case .athena(let user):
            admin = user.userType == AthenaUserType.admin.rawValue
            active = user.active
            who = "\(user.firstName) \(user.lastName), \(user.userType), userid \(user.userID)"
        case .healthie(let member):
            admin =
                member.isAdmin
                || member.permissions.contains { $0.value && HealthiePermission.isAdministrative($0.key) }
            active = member.active
            who = "\(member.firstName) \(member.lastName), user \(member.userID)"
        }
        let kind: DriftFinding.Kind = !active ? .inactiveUnmanaged : admin ? .unmanagedAdmin : .unmanagedAccount
        let severity: DriftSeverity = !active ? .low : admin ? .critical : .high
        let listed = YAMLOutput.sequence([.text(Self.account(address) ?? address.key)])
        let protectYAML =
            (try? YAMLEmitter.emit(.mapping([.init(RootKey.policy, .mapping([.init(PolicyKey.protected, listed)]))])))
            ?? ""
        append(
            kind, severity, address: address, staffID: nil, field: DriftField.account, declared: nil,
            live: active ? (admin ? "active, with admin rights" : "active") : "inactive",
            message: "\(who): \(active ? "active" : "inactive"), and no staff entry lists it",
            revert: active
                ? "apply deactivates it only under policy.unmanaged: deactivate"
                : "none: it is already inactive",
            adopt: "protect it, or give it a staff entry:\n" + protectYAML)
    }
}

extension DriftWork {
    /// Admin-level grants a role does not manage, held live: `is_admin`, or a flag of
    /// organization administration. The planner leaves unmanaged settings alone, but a
    /// reviewer must see an admin the role never granted.
    mutating func addUndeclaredAdminGrants() {
        for staff in config.staff where staff.status == .active {
            guard let email = staff.email, let role = staff.role, let settings = role.healthie,
                !protected.covers(email: email), let member = member(email: email), member.active
            else { continue }
            var grants: [String] = []
            if settings.admin == nil, member.isAdmin { grants.append("is_admin") }
            for (flag, value) in member.permissions.sorted(by: { $0.key < $1.key })
            where value && settings.permissions[flag] == nil && HealthiePermission.isAdministrative(flag) {
                grants.append(flag)
            }
            for field in grants {
                let setting: YAMLOutput.Entry =
                    field == "is_admin"
                    ? .init(HealthieRoleKey.admin, .flag(true))
                    : .init(HealthieRoleKey.permissions, .mapping([.init(field, .flag(true))]))
                append(
                    .accessAbove, .critical, address: .healthieMember(email: email), staffID: staff.id, field: field,
                    declared: "not granted by role '\(role.name)'", live: "true",
                    message: "\(field) is true live, an admin-level grant that role '\(role.name)' does not make",
                    revert: "none: the role leaves \(field) unmanaged; declare it false in the role to have apply "
                        + "remove it",
                    adopt: "declare it in role '\(role.name)' (every holder of the role gets it):\n"
                        + Self.roleYAML(role.name, setting))
            }
        }
    }
}
