/// Checks a merged `SourceConfig` across entries and files, and resolves it into a `Config`.
///
/// Every check runs and reports: one run of `rollcall validate` shows every
/// problem, each at the node that causes it. A `Config` comes out only when
/// there is no error.
struct ConfigValidator {
    /// The file or directory the config was loaded from, for problems with the config as a whole.
    let origin: String
    let source: SourceConfig
    var diagnostics: [Diagnostic] = []

    init(origin: String, source: SourceConfig) {
        self.origin = origin
        self.source = source
    }

    mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(.error(message, at: location, hint: hint))
    }

    mutating func warning(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(.warning(message, at: location, hint: hint))
    }

    /// Reports each name given more than once, at every later place, naming the first.
    mutating func reportDuplicates<Key: Hashable>(
        _ items: [(key: Key, location: SourceLocation)], message: (Key, SourceLocation) -> String
    ) {
        var first: [Key: SourceLocation] = [:]
        first.reserveCapacity(items.count)
        for item in items {
            if let earlier = first[item.key] {
                error(message(item.key, earlier), at: item.location)
            } else {
                first[item.key] = item.location
            }
        }
    }

    /// The one value of a key that may be set in only one file.
    mutating func single<Value>(_ values: [Located<Value>], key: String) -> Value? {
        for extra in values.dropFirst() {
            if let first = values.first {
                error("'\(key)' is set again; it was first set at \(first.location)", at: extra.location)
            }
        }
        return values.first?.value
    }

    mutating func validate() -> Config? {
        let version = validateVersion()
        let athena = validateAthena()
        let healthie = validateHealthie()
        let sourceRoles = firstRoleDefinitions()
        let roles = validateRoles(sourceRoles, athenaDeclared: athena != nil, healthieDeclared: healthie != nil)
        let staff = validateStaff(practices: athena?.practices ?? [], roles: sourceRoles, resolvedRoles: roles)
        let policy = validatePolicy(practices: athena?.practices ?? [], healthie: healthie != nil)
        let roster = validateRoster(practices: athena?.practices ?? [], roles: roles)
        if roster == nil, let refining = source.staff.first(where: { $0.rosterID != nil }),
            let rosterID = refining.rosterID
        {
            error(
                "staff '\(rosterID.value)' names a roster_id, but the config has no 'roster' section",
                at: rosterID.location, hint: "declare the HR export under `roster:`, or give the entry an id")
        }
        guard let version, !diagnostics.contains(where: \.isError) else { return nil }
        return Config(
            version: version, athena: athena, healthie: healthie, policy: policy, roles: roles, staff: staff,
            roster: roster)
    }

    private mutating func validateVersion() -> Int? {
        guard let first = source.versions.first else {
            guard !source.versionDeclared else { return nil }  // its value was reported where it was written
            diagnostics.append(
                .error("no file of this config declares 'version'", file: origin, hint: "add `version: 1` at the top"))
            return nil
        }
        for version in source.versions where version.value != 1 {
            error(
                "config version \(version.value) is not supported; this rollcall reads version 1", at: version.location)
        }
        return first.value == 1 ? 1 : nil
    }

    private mutating func validateAthena() -> AthenaSettings? {
        let baseURL = single(source.athenaBaseURLs, key: "systems.athena.base_url")
        guard !source.practices.isEmpty || baseURL != nil else { return nil }
        reportDuplicates(source.practices.map { ($0.key.value, $0.key.location) }) { key, first in
            "practice '\(key)' is declared again; it was first declared at \(first)"
        }
        reportDuplicates(
            source.practices.compactMap { practice in practice.practiceID.map { ($0.value, $0.location) } }
        ) {
            id, first in "practiceid \(id) is used by two practices; it was first used at \(first)"
        }
        var practices: [Practice] = []
        var seen = Set<String>()
        for practice in source.practices where seen.insert(practice.key.value).inserted {
            reportDuplicates(practice.departments.map { ($0.value, $0.location) }) { name, first in
                "department '\(name)' is listed twice in practice '\(practice.key.value)' (first at \(first))"
            }
            practices.append(
                Practice(
                    key: practice.key.value, practiceID: practice.practiceID?.value ?? 0,
                    departments: practice.departments.map(\.value)))
        }
        return AthenaSettings(baseURL: baseURL, practices: practices.sorted { $0.key < $1.key })
    }

    private mutating func validateHealthie() -> HealthieSettings? {
        guard let first = source.healthie.first else { return nil }
        for extra in source.healthie.dropFirst() {
            error(
                "'systems.healthie' is declared again; it was first declared at \(first.declaredAt)",
                at: extra.declaredAt)
        }
        return HealthieSettings(
            baseURL: first.baseURL?.value, organizationID: first.organizationID?.value,
            apiVersion: first.apiVersion?.value, sendInviteEmail: first.sendInviteEmail?.value ?? false)
    }

    private mutating func validatePolicy(practices: [Practice], healthie: Bool) -> Policy {
        let defaults = Policy.defaults
        let protected = single(source.policy.protected, key: "policy.protected") ?? []
        let practiceKeys = practices.map(\.key)
        for entry in protected {
            if case .athena(let practice, _) = entry.value, !practiceKeys.contains(practice) {
                error(
                    "protected entry '\(entry.value)' names practice '\(practice)', which is not declared"
                        + Suggestion.phrase(for: practice, in: practiceKeys), at: entry.location)
            }
        }
        reportDuplicates(protected.map { ($0.value, $0.location) }) { account, first in
            "protected entry '\(account)' is listed twice (first at \(first))"
        }
        let ignore = single(source.policy.ignore, key: "policy.ignore") ?? []
        let protectedIndex = ProtectedIndex(protected.map(\.value))
        for rule in ignore {
            switch rule.account {
            case .athena(let practice, _) where !practiceKeys.contains(practice):
                warning(
                    "ignore rule for '\(rule.account)' names practice '\(practice)', which is not declared, so it "
                        + "can match nothing" + Suggestion.phrase(for: practice, in: practiceKeys), at: rule.declaredAt)
            case .healthie where !healthie:
                warning(
                    "ignore rule for '\(rule.account)' names a Healthie account, but systems.healthie is not declared, "
                        + "so it can match nothing", at: rule.declaredAt)
            case .athena(let practice, let username) where protectedIndex.covers(practice: practice, username: username):
                warning(protectedRule(rule), at: rule.declaredAt)
            case .healthie(let email) where protectedIndex.covers(email: email):
                warning(protectedRule(rule), at: rule.declaredAt)
            default: break
            }
        }
        var policy = Policy(
            unmanaged: single(source.policy.unmanaged, key: "policy.unmanaged") ?? defaults.unmanaged,
            maxDeactivations: single(source.policy.maxDeactivations, key: "policy.max_deactivations")
                ?? defaults.maxDeactivations,
            minAdmins: single(source.policy.minAdmins, key: "policy.min_admins") ?? defaults.minAdmins,
            protected: protected.map(\.value), ignore: ignore)
        policy.offboardingSLA =
            single(source.policy.offboardingSLA, key: "policy.offboarding_sla") ?? Policy.defaultOffboardingSLA
        policy.dormantAfter =
            single(source.policy.dormantAfter, key: "policy.dormant_after") ?? Policy.defaultDormantAfter
        return policy
    }

    private func protectedRule(_ rule: IgnoreRule) -> String {
        "ignore rule for '\(rule.account)' names an account policy.protected also lists; protected accounts are "
            + "never reported, so it can match nothing"
    }

    /// Each role by name, as first defined; later definitions are reported.
    private mutating func firstRoleDefinitions() -> [String: SourceRole] {
        reportDuplicates(source.roles.map { ($0.name.value, $0.name.location) }) { name, first in
            "role '\(name)' is defined again; it was first defined at \(first)"
        }
        var roles: [String: SourceRole] = [:]
        for role in source.roles where roles[role.name.value] == nil {
            roles[role.name.value] = role
        }
        return roles
    }

    private mutating func validateRoles(
        _ sourceRoles: [String: SourceRole], athenaDeclared: Bool, healthieDeclared: Bool
    ) -> [String: Role] {
        var roles: [String: Role] = [:]
        for role in sourceRoles.values.sorted(by: { $0.name.location < $1.name.location }) {
            if role.hasAthena, !athenaDeclared {
                warning(
                    "role '\(role.name.value)' has athena settings, but systems.athena declares no practices",
                    at: role.name.location)
            }
            if let healthie = role.healthie, !healthieDeclared {
                warning(
                    "role '\(role.name.value)' has healthie settings, but systems.healthie is not declared",
                    at: healthie.declaredAt, hint: "add `healthie: {}` under systems to manage Healthie")
            }
            roles[role.name.value] = Role(
                name: role.name.value, description: role.description,
                athena: role.athena.map { AthenaRole(usertype: $0.value) },
                healthie: role.healthie.map {
                    HealthieRole(
                        orgRole: $0.orgRole, admin: $0.admin, provider: $0.provider, permissions: $0.permissions)
                })
        }
        return roles
    }
}
