/// Healthie: organization memberships, matched by email.
extension PlanWork {
    mutating func planHealthie(_ live: LiveHealthie) {
        let byEmail = Dictionary(
            live.members.map { ($0.email.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var matched: Set<String> = []
        for staff in config.staff {
            guard let email = staff.email else { continue }
            let role = staff.role?.healthie
            let current = byEmail[email.lowercased()]
            if heldBack[staff.id] != nil {
                // Held back: the membership is neither changed nor reported as unmanaged.
                if let current { matched.insert(current.userID) }
                continue
            }
            // Active staff whose role has no Healthie settings do not claim a membership.
            guard role != nil || staff.status == .offboarded else { continue }
            let address = RecordAddress.healthieMember(email: email)
            if let current { matched.insert(current.userID) }
            if isProtected(email: email) {
                noteProtected(address, staff: staff)
                continue
            }
            let access = access(for: staff)
            guard let current else {
                if access.wanted, let role { appendMembershipCreate(staff: staff, email: email, role: role) }
                continue
            }
            managedAccounts += 1
            guard access.wanted else {
                if current.active, let reason = access.reason {
                    appendDeactivation(.healthie(current), address: address, staffID: staff.id, reason: reason)
                }
                continue
            }
            if let role { appendMembershipUpdate(current, role: role, staff: staff, address: address) }
        }
        planUnmanagedHealthie(live.members, matched: matched)
        reportMisroutedClients(live.misroutedClients)
    }

    func isProtected(email: String) -> Bool {
        protected.covers(email: email)
    }

    /// The settings a role manages, as a membership patch.
    static func settings(_ role: HealthieRole) -> HealthieMembershipPatch {
        HealthieMembershipPatch(
            orgRole: role.orgRole?.rawValue, isAdmin: role.admin, isProvider: role.provider,
            permissions: role.permissions)
    }

    mutating func appendMembershipCreate(staff: StaffMember, email: String, role: HealthieRole) {
        let settings = Self.settings(role)
        var fields = [FieldChange(name: "email", before: nil, after: Self.quoted(email))]
        if let first = staff.firstName {
            fields.append(FieldChange(name: "first_name", before: nil, after: Self.quoted(first)))
        }
        if let last = staff.lastName {
            fields.append(FieldChange(name: "last_name", before: nil, after: Self.quoted(last)))
        }
        fields += Self.membershipFields(before: nil, settings: settings)
        changes.append(
            PlannedChange(
                system: .healthie, action: .create, address: .healthieMember(email: email), staffID: staff.id,
                practice: nil, fields: fields, unchangedCount: 0,
                operation: .healthieCreate(
                    draft: HealthieMembershipDraft(
                        email: email, firstName: staff.firstName ?? "", lastName: staff.lastName ?? "",
                        orgRole: role.orgRole?.rawValue),
                    settings: HealthieMembershipPatch(
                        isAdmin: settings.isAdmin, isProvider: settings.isProvider, permissions: settings.permissions)),
                precondition: .absent(key: email.lowercased())))
    }

    mutating func appendMembershipUpdate(
        _ current: LiveHealthieMember, role: HealthieRole, staff: StaffMember, address: RecordAddress
    ) {
        let wanted = Self.settings(role)
        var patch = HealthieMembershipPatch()
        if let orgRole = wanted.orgRole, orgRole != current.orgRole { patch.orgRole = orgRole }
        if let admin = wanted.isAdmin, admin != current.isAdmin { patch.isAdmin = admin }
        if let provider = wanted.isProvider, provider != current.isProvider { patch.isProvider = provider }
        for (flag, value) in wanted.permissions where (current.permissions[flag] ?? false) != value {
            patch.permissions[flag] = value
        }
        var fields = Self.membershipFields(before: current, settings: patch)
        if !current.active {
            fields.append(FieldChange(name: "active", before: "false", after: "true", escalation: true))
            patch.active = true
        }
        guard !fields.isEmpty else { return }
        let managed =
            1 + [wanted.orgRole != nil, wanted.isAdmin != nil, wanted.isProvider != nil].filter { $0 }.count
            + wanted.permissions.count
        changes.append(
            PlannedChange(
                system: .healthie, action: current.active ? .update : .reactivate, address: address,
                staffID: staff.id, practice: nil, fields: fields, unchangedCount: managed - fields.count,
                operation: .healthieUpdate(membershipID: current.membershipID, patch: patch),
                precondition: .matches(.of(current, managedFlags: managedFlags))))
    }

    /// Field changes for the settings in `settings`, against `before` (nil for a new membership).
    /// One rule for every system: an escalation is more access on an existing account (admin, a
    /// permission, the Standard role, which is broader than Support) or a reactivation; on a new
    /// account only an admin-level grant (`is_admin`, a flag of organization administration) is
    /// marked, so the real escalations are not buried.
    static func membershipFields(before: LiveHealthieMember?, settings: HealthieMembershipPatch) -> [FieldChange] {
        var fields: [FieldChange] = []
        if let orgRole = settings.orgRole {
            let was = before?.orgRole
            fields.append(
                FieldChange(
                    name: "org_role", before: quoted(was), after: quoted(orgRole),
                    escalation: orgRole == HealthieOrgRole.standard.rawValue && was != orgRole && before != nil))
        }
        if let admin = settings.isAdmin {
            fields.append(
                FieldChange(
                    name: "is_admin", before: before.map { flag($0.isAdmin) } ?? nil, after: flag(admin),
                    escalation: admin))
        }
        if let provider = settings.isProvider {
            fields.append(
                FieldChange(
                    name: "is_provider", before: before.map { flag($0.isProvider) } ?? nil, after: flag(provider)))
        }
        for (name, value) in settings.permissions.sorted(by: { $0.key < $1.key }) {
            fields.append(
                FieldChange(
                    name: name, before: before.map { flag($0.permissions[name] ?? false) } ?? nil, after: flag(value),
                    escalation: value && (before != nil || HealthiePermission.isAdministrative(name))))
        }
        return fields
    }

    mutating func reportMisroutedClients(_ clients: [LiveHealthieClient]) {
        var staffByEmail: [String: String] = [:]
        for staff in config.staff {
            if let email = staff.email?.lowercased(), staffByEmail[email] == nil { staffByEmail[email] = staff.id }
        }
        for client in clients {
            guard let staffID = staffByEmail[client.email.lowercased()] else { continue }
            findings.append(
                Finding(
                    kind: .misroutedClient, severity: .warning,
                    address: .healthieClient(email: client.email),
                    message:
                        "staff member \(staffID)'s email is also a Healthie client (patient) account, user "
                        + "\(client.userID); staff belong in organization memberships. Rollcall does not change "
                        + "clients: review it in Healthie"))
        }
    }
}
