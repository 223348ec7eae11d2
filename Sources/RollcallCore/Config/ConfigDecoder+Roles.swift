extension ConfigDecoder {
    mutating func decodeRoles(_ entry: YAMLMappingEntry) -> [SourceRole] {
        guard
            let entries = namedEntries(
                entry, of: "role names to settings", example: "roles: { nurse: { athena: { usertype: STAFF } } }")
        else { return [] }
        return entries.map { entry in
            let problemsBefore = diagnostics.count
            var role = decodeRole(entry)
            role.complete = !diagnostics[problemsBefore...].contains(where: \.isError)
            return role
        }
    }

    private mutating func decodeRole(_ entry: YAMLMappingEntry) -> SourceRole {
        // Role names appear in no address, so any well-formed text will do ("front desk").
        let name = Located(entry.key, at: entry.keyLocation(in: file))
        if let problem = TextShape.problem(with: name.value, prose: false) {
            error(
                "role name \(quoted(name.value)) is \(problem == .controlCharacter ? "unusable" : "blank or padded")",
                at: name.location)
        }
        let place = "role '\(name.value)'"
        var role = SourceRole(name: name, description: nil, athena: nil, hasAthena: false, healthie: nil)
        guard let fields = mapping(entry, keys: RoleKey.self, place: place) else { return role }
        role.description = fields[.description].flatMap { text($0, prose: true) }?.value
        if let athenaEntry = fields[.athena] {
            role.hasAthena = true
            if let athena = mapping(athenaEntry, keys: AthenaRoleKey.self, place: "\(place) athena settings") {
                if let usertypeEntry = athena[.usertype] {
                    role.athena = choice(usertypeEntry, as: AthenaUserType.self)
                } else {
                    error(
                        "\(place) has athena settings without a 'usertype'", at: athenaEntry.keyLocation(in: file),
                        hint: "add usertype: STAFF, PROVIDER or ADMIN")
                }
            }
        }
        if let healthieEntry = fields[.healthie],
            let healthie = mapping(healthieEntry, keys: HealthieRoleKey.self, place: "\(place) healthie settings")
        {
            role.healthie = SourceHealthieRole(
                declaredAt: healthieEntry.keyLocation(in: file),
                orgRole: healthie[.orgRole].flatMap { choice($0, as: HealthieOrgRole.self) }?.value,
                admin: healthie[.admin].flatMap { boolean($0) }?.value,
                provider: healthie[.provider].flatMap { boolean($0) }?.value,
                permissions: healthie[.permissions].map { permissions($0, place: place) } ?? [:])
        }
        if fields[.athena] == nil, fields[.healthie] == nil {
            diagnostics.append(
                .warning(
                    "\(place) grants no access: it has neither athena nor healthie settings", at: name.location))
        }
        return role
    }

    /// `can_*` flags checked against Healthie's real schema.
    private mutating func permissions(_ entry: YAMLMappingEntry, place: String) -> [String: Bool] {
        guard
            let entries = namedEntries(
                entry, of: "can_* flags to true or false", example: "permissions: { can_see_billing: false }")
        else { return [:] }
        var flags: [String: Bool] = [:]
        for flag in entries {
            guard HealthiePermission.isKnown(flag.key) else {
                error(
                    "'\(flag.key)' in \(place) is not a Healthie membership permission"
                        + Suggestion.phrase(for: flag.key, in: HealthiePermission.names),
                    at: flag.keyLocation(in: file),
                    hint: "permissions are the can_* flags of Healthie's OrganizationMembership")
                continue
            }
            if let value = boolean(flag) {
                flags[flag.key] = value.value
            }
        }
        return flags
    }
}
