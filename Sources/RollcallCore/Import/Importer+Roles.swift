/// Roles inferred from what people hold: one role for each distinct set of access.
extension ImportWork {
    /// Everything a role fixes: the athenaOne usertype and the Healthie membership's settings.
    struct Access: Hashable {
        var usertype: AthenaUserType?
        var healthie: Healthie?

        struct Healthie: Hashable {
            var orgRole: HealthieOrgRole?
            var admin: Bool
            var provider: Bool
            var permissions: [String: Bool]
        }

        /// `athena-provider+healthie-provider`: what the role grants, by its largest grant in each system.
        var baseName: String {
            var parts: [String] = []
            if let usertype { parts.append("athena-" + usertype.rawValue.lowercased()) }
            if let healthie {
                let kind =
                    healthie.admin
                    ? "admin" : healthie.provider ? "provider" : healthie.orgRole?.rawValue.lowercased() ?? "member"
                parts.append("healthie-" + kind)
            }
            return parts.isEmpty ? "no-access" : parts.joined(separator: "+")
        }

        /// Orders roles that share a base name the same way on every run.
        var sortKey: String {
            let flags = healthie?.permissions.filter(\.value).keys.sorted().joined(separator: ",") ?? ""
            return [usertype?.rawValue ?? "", healthie?.orgRole?.rawValue ?? "", flags].joined(separator: "|")
        }
    }

    mutating func inferRoles() {
        var holders: [Access: Int] = [:]
        var accessOf: [Int: Access] = [:]
        for index in people.indices where people[index].active && !people[index].isProtected {
            let access = access(of: index)
            accessOf[index] = access
            holders[access, default: 0] += 1
        }
        let byBase = Dictionary(grouping: holders.keys, by: \.baseName)
        var names: [Access: String] = [:]
        for (base, variants) in byBase {
            let ordered = variants.sorted { left, right in
                (holders[left] ?? 0, right.sortKey) > (holders[right] ?? 0, left.sortKey)
            }
            for (number, access) in ordered.enumerated() {
                names[access] = number == 0 ? base : "\(base)-\(number + 1)"
            }
        }
        roles = names.map { access, name in
            let count = holders[access] ?? 0
            return InferredRole(
                name: name, description: Self.describe(access, holders: count), athena: access.usertype,
                healthie: access.healthie.map {
                    HealthieRole(
                        orgRole: $0.orgRole, admin: $0.admin, provider: $0.provider, permissions: $0.permissions)
                }, holders: count)
        }.sorted { $0.name < $1.name }
        for (index, access) in accessOf { people[index].role = names[access] }
    }

    private mutating func access(of index: Int) -> Access {
        let person = people[index]
        var access = Access(usertype: person.accounts.first.flatMap { AthenaUserType(rawValue: $0.user.userType) })
        if let member = person.member {
            let orgRole = member.orgRole.flatMap(HealthieOrgRole.init(rawValue:))
            if let live = member.orgRole, orgRole == nil {
                people[index].notes.append(
                    "Healthie's org_role '\(live)' is not one a role can hold (Standard, Support): left unmanaged")
            }
            access.healthie = Access.Healthie(
                orgRole: orgRole, admin: member.isAdmin, provider: member.isProvider,
                permissions: member.permissions.filter { HealthiePermission.isKnown($0.key) })
        }
        return access
    }

    static func describe(_ access: Access, holders: Int) -> String {
        var grants: [String] = []
        if let usertype = access.usertype { grants.append("athenaOne usertype \(usertype.rawValue)") }
        if let healthie = access.healthie {
            var settings = [healthie.orgRole.map { "org_role \($0.rawValue)" } ?? "org_role not managed"]
            if healthie.admin { settings.append("admin") }
            if healthie.provider { settings.append("provider") }
            let granted = healthie.permissions.filter(\.value).keys
            let kinds = Set(granted.compactMap { HealthiePermission.catalogue[$0]?.kind })
            let kindNames = HealthiePermission.Kind.allCases.filter(kinds.contains).map(\.rawValue)
            settings.append(
                "\(granted.count) of \(healthie.permissions.count) permissions granted"
                    + (kindNames.isEmpty ? "" : " (\(kindNames.joined(separator: ", ")))"))
            grants.append("Healthie " + settings.joined(separator: ", "))
        }
        let who = holders == 1 ? "1 person holds" : "\(holders) people hold"
        return "Inferred by rollcall import from what \(who): \(grants.joined(separator: "; "))"
    }
}
