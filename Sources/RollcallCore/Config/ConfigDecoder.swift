/// Reads one file's YAML into a `SourceConfig`, checking every key and every
/// value's type and form, and collecting every problem rather than stopping
/// at the first. Cross-entry checks (references, uniqueness) are the
/// validator's.
struct ConfigDecoder {
    /// The file's name, shared by the location of every value decoded from it.
    let file: SourcePath
    var diagnostics: [Diagnostic] = []
    /// The staff entries decoded while the file was parsed (`StaffListStream`).
    var streamedStaff: [SourceStaff] = []

    init(file: String) {
        self.file = SourcePath(file)
    }

    /// The file's config, or `nil` (reported) when the file is not a mapping at all.
    mutating func decode(_ root: YAMLNode) -> SourceConfig? {
        guard case .mapping = root.content else {
            error(
                "a config file is a mapping of keys, but this file holds \(root.kindDescription)",
                at: root.location(in: file),
                hint: "start with `version: 1`; the top-level keys are \(RootKey.names.joined(separator: ", "))")
            return nil
        }
        var config = SourceConfig()
        let start = root.location(in: file)
        guard
            let top = fields(
                root, keys: RootKey.self, place: "the top level of the file", key: "the file", keyLocation: start)
        else { return config }
        if let entry = top[.version] {
            config.versionDeclared = true
            if let version = integer(entry) {
                config.versions.append(version)
            }
        }
        if let entry = top[.systems] {
            decodeSystems(entry, into: &config)
        }
        if let entry = top[.policy] {
            config.policy = decodePolicy(entry)
        }
        if let entry = top[.roles] {
            config.roles = decodeRoles(entry)
        }
        if let entry = top[.staff] {
            config.staff = decodeStaffList(entry)
        }
        if let entry = top[.roster], let roster = decodeRoster(entry) {
            config.rosters.append(roster)
        }
        return config
    }

    private mutating func decodeSystems(_ entry: YAMLMappingEntry, into config: inout SourceConfig) {
        guard let systems = mapping(entry, keys: SystemsKey.self, place: "systems") else { return }
        if let athenaEntry = systems[.athena],
            let athena = mapping(athenaEntry, keys: AthenaKey.self, place: "systems.athena")
        {
            if let url = athena[.baseURL].flatMap({ baseURL($0) }) {
                config.athenaBaseURLs.append(url)
            }
            if let practicesEntry = athena[.practices] {
                config.practices = decodePractices(practicesEntry)
            }
        }
        if let healthieEntry = systems[.healthie],
            let healthie = mapping(healthieEntry, keys: HealthieKey.self, place: "systems.healthie")
        {
            var apiVersion: Located<String>?
            if let versionEntry = healthie[.apiVersion], let version = text(versionEntry) {
                if CalendarDate(iso: version.value) == nil {
                    error(
                        "'api_version' is '\(version.value)', which is not a release date", at: version.location,
                        hint: "Healthie's API versions are dates such as 2026-07-01")
                } else {
                    apiVersion = version
                }
            }
            config.healthie.append(
                SourceHealthie(
                    declaredAt: healthieEntry.keyLocation(in: file),
                    baseURL: healthie[.baseURL].flatMap { baseURL($0) },
                    organizationID: healthie[.organizationID].flatMap { text($0) },
                    apiVersion: apiVersion,
                    sendInviteEmail: healthie[.sendInviteEmail].flatMap { boolean($0) }))
        }
    }

    private mutating func decodePractices(_ entry: YAMLMappingEntry) -> [SourcePractice] {
        guard
            let entries = namedEntries(
                entry, of: "practice names to settings",
                example: "practices: { main: { practiceid: 195900, departments: [Main Clinic] } }")
        else { return [] }
        var practices: [SourcePractice] = []
        for practiceEntry in entries {
            let key = Located(practiceEntry.key, at: practiceEntry.keyLocation(in: file))
            let problemsBefore = diagnostics.count
            checkName(key, what: "practice name")
            guard let fields = mapping(practiceEntry, keys: PracticeKey.self, place: "practice '\(key.value)'")
            else { continue }
            var practice = SourcePractice(key: key, practiceID: nil, departments: [])
            if let idEntry = fields[.practiceid], let id = integer(idEntry) {
                if id.value > 0 {
                    practice.practiceID = id
                } else {
                    error("'practiceid' must be a positive number, not \(id.value)", at: id.location)
                }
            } else if fields[.practiceid] == nil {
                error("practice '\(key.value)' has no 'practiceid'", at: key.location, hint: "add practiceid: 195900")
            }
            if let departmentsEntry = fields[.departments] {
                practice.departments = textList(departmentsEntry, example: "[Main Clinic, Lab]")
            }
            practice.complete = diagnostics.count == problemsBefore
            practices.append(practice)
        }
        return practices
    }

    private mutating func decodePolicy(_ entry: YAMLMappingEntry) -> SourcePolicy {
        var policy = SourcePolicy()
        guard let fields = mapping(entry, keys: PolicyKey.self, place: "policy") else { return policy }
        if let unmanaged = fields[.unmanaged].flatMap({ choice($0, as: UnmanagedPolicy.self) }) {
            policy.unmanaged.append(unmanaged)
        }
        if let limitEntry = fields[.maxDeactivations], let limit = deactivationLimit(limitEntry) {
            policy.maxDeactivations.append(limit)
        }
        if let minEntry = fields[.minAdmins], let minimum = integer(minEntry) {
            if minimum.value >= 0 {
                policy.minAdmins.append(minimum)
            } else {
                error("'min_admins' must be 0 or more, not \(minimum.value)", at: minimum.location)
            }
        }
        if let protectedEntry = fields[.protected] {
            var accounts: [Located<ProtectedAccount>] = []
            for item in textList(protectedEntry, example: "[athena:main/apiuser, healthie:it@clinic.org]") {
                switch ProtectedAccount.parse(item.value) {
                case .success(let account):
                    accounts.append(Located(account, at: item.location))
                case .failure(let problem):
                    error("protected entry '\(item.value)' does not parse: \(problem)", at: item.location)
                }
            }
            policy.protected.append(Located(accounts, at: protectedEntry.keyLocation(in: file)))
        }
        if let ignoreEntry = fields[.ignore] {
            policy.ignore.append(Located(decodeIgnoreRules(ignoreEntry), at: ignoreEntry.keyLocation(in: file)))
        }
        for (key, spans) in [(PolicyKey.offboardingSLA, \SourcePolicy.offboardingSLA), (.dormantAfter, \.dormantAfter)]
        {
            guard let span = fields[key].flatMap({ text($0) }) else { continue }
            if let value = TimeSpan(parsing: span.value) {
                policy[keyPath: spans].append(Located(value, at: span.location))
            } else {
                error(
                    "policy.\(key.rawValue) '\(span.value)' is not a duration", at: span.location,
                    hint: "write a number and a unit, w d h m or s, such as 1h, 24h, 90d or 1h30m")
            }
        }
        return policy
    }

    /// `5` (a count) or `"10%"` (a share of managed accounts).
    private mutating func deactivationLimit(_ entry: YAMLMappingEntry) -> Located<DeactivationLimit>? {
        let node = entry.value
        let at = location(of: node, entry.keyLocation(in: file))
        if case .scalar(let scalar) = node.content, node.tag == nil || node.tag == YAMLTag.nonSpecific,
            scalar.isPlain || scalar.text.hasSuffix("%"),
            let limit = DeactivationLimit(parsing: scalar.text)
        {
            return Located(limit, at: at)
        }
        let written: String
        if case .scalar(let scalar) = node.content {
            written = scalar.text.isEmpty ? "empty" : "'\(scalar.text)'"
        } else {
            written = node.kindDescription
        }
        error(
            "'max_deactivations' must be a count or a percentage, not \(written)", at: at,
            hint: "write a count such as 5, or a percentage from 0% to 100% such as \"10%\"")
        return nil
    }

    /// A mapping value's fields, reporting unknown keys; `nil` when the value is not a mapping.
    mutating func mapping<Key: ConfigKey>(
        _ entry: YAMLMappingEntry, keys: Key.Type, place: @autoclosure () -> String
    ) -> MappingFields<Key>? {
        fields(entry.value, keys: keys, place: place(), key: entry.key, keyLocation: entry.keyLocation(in: file))
    }

    /// The entries of a mapping whose keys are names the config chooses (practices, roles),
    /// or `nil` (reported) when the value is not a mapping.
    mutating func namedEntries(_ entry: YAMLMappingEntry, of what: String, example: String) -> [YAMLMappingEntry]? {
        if case .mapping(let entries) = entry.value.content { return entries }
        error(
            "'\(entry.key)' must be a mapping of \(what), not \(entry.value.kindDescription)",
            at: location(of: entry.value, entry.keyLocation(in: file)), hint: "for example: \(example)")
        return nil
    }

    /// A list of text values; items that are not text are reported and left out.
    mutating func textList(_ entry: YAMLMappingEntry, example: String) -> [Located<String>] {
        guard let items = list(entry, example: example) else { return [] }
        return items.indices.compactMap { index in
            text(items[index], name: "an item of '\(entry.key)'", keyLocation: items[index].location(in: file))
        }
    }

    /// Names used in plan addresses and `policy.protected` (`athena[main]`, `athena:main/jdoe`).
    mutating func checkName(_ name: Located<String>, what: String) {
        let allowed = name.value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                || $0 == "_" || $0 == "."
        }
        if !allowed || name.value.isEmpty {
            error(
                "\(what) '\(name.value)' may hold only letters, digits, '.', '-' and '_'", at: name.location)
        }
    }

    private mutating func baseURL(_ entry: YAMLMappingEntry) -> Located<String>? {
        guard let url = text(entry) else { return nil }
        switch BaseURL.problem(with: url.value) {
        case nil: return url
        case .credentials:
            error(
                "'base_url' holds credentials", at: url.location,
                hint: "secrets come from the environment (ATHENA_CLIENT_ID, ATHENA_CLIENT_SECRET, HEALTHIE_API_KEY)")
        case .plainHTTPOffLoopback(let host):
            error(
                "'base_url' must start with https:// (plain http is allowed only on loopback, and '\(host)' is not)",
                at: url.location, hint: "loopback is localhost, 127.0.0.0/8 or [::1]")
        case .notHTTP:
            error("'base_url' must start with https:// (plain http is allowed only on loopback)", at: url.location)
        case .noHost: error("'base_url' names no host", at: url.location)
        case .queryOrFragment:
            error("'base_url' has a query or a fragment, which an API base cannot have", at: url.location)
        }
        return nil
    }
}
