/// Finds drift: what differs between the config and the live systems, typed and graded.
///
/// Built on the planner, so drift and plan never disagree about what differs: each
/// change the plan would make is a finding (graded by whether the live side grants
/// more than the config declares), each plan finding that describes the live state
/// is one too, and inactive accounts nobody lists are added. `policy.ignore` then
/// suppresses what was accepted on purpose. A pure function of its inputs.
package enum DriftDetector {
    package struct Source: Sendable {
        package var paths: [String]
        package var digest: String
        package var commit: String?

        package init(paths: [String], digest: String, commit: String?) {
            self.paths = paths
            self.digest = digest
            self.commit = commit
        }
    }

    package static let athenaActor = "unknown: athenaOne has no audit API to ask"
    package static let healthieActor =
        "unknown: Healthie's API has no audit-log query to ask (its schema has only the can_view_audit_log permission)"

    package static func report(
        config: Config, live: LiveState, today: CalendarDate, source: Source, read: ReadSummary? = nil
    ) -> DriftReport {
        var policy = config.policy
        if policy.unmanaged == .deactivate { policy.unmanaged = .report }
        let (plan, unmatched) = Planner.planMatching(config: config, live: live, policy: policy, today: today)
        var work = DriftWork(config: config, live: live.canonical, today: today)
        for change in plan.changes { work.add(change) }
        for finding in plan.findings { work.add(finding) }
        work.addUndeclaredAdminGrants()
        work.addDormantAccounts()
        if config.policy.unmanaged != .ignore {
            for account in unmatched { work.addUnmanaged(account) }
        }
        let ignored = DriftIgnore.apply(config.policy.ignore, to: work.findings, today: today, wasRead: work.wasRead)
        let findings = ignored.kept.sorted { left, right in
            (right.severity, left.address, left.field) < (left.severity, right.address, right.field)
        }
        return DriftReport(
            formatVersion: DriftReport.formatVersion, today: today.description, config: source.paths,
            configDigest: source.digest, commit: source.commit, findings: findings, suppressed: ignored.suppressed,
            resolved: nil, ignoreRules: ignored.rules, people: work.review(findings: findings), read: read)
    }
}

/// The report being built, with the live records indexed for lookups.
struct DriftWork {
    let config: Config
    let live: LiveState
    let today: CalendarDate
    var findings: [DriftFinding] = []
    /// Practice id to its key in the config.
    let practiceKeys: [Int: String]
    let staffByID: [String: StaffMember]
    /// The live records indexed once, so each lookup is constant time on a 50,000-person clinic.
    let index: LiveRecords
    let protected: ProtectedIndex

    init(config: Config, live: LiveState, today: CalendarDate) {
        self.config = config
        self.live = live
        self.today = today
        practiceKeys = Dictionary(
            (config.athena?.practices ?? []).map { ($0.practiceID, $0.key) }, uniquingKeysWith: { first, _ in first })
        staffByID = Dictionary(config.staff.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        index = LiveRecords(live)
        protected = ProtectedIndex(config.policy.protected)
    }

    /// Whether the practice was read: a run narrowed with `--practice` reads no other.
    func practiceRead(_ key: String) -> Bool {
        config.athena?.practice(key).map { live.practice(id: $0.practiceID) != nil } ?? false
    }

    /// Whether the account's system was read: its practice, or Healthie.
    func wasRead(_ account: ProtectedAccount) -> Bool {
        switch account {
        case .athena(let practice, _): practiceRead(practice)
        case .healthie: config.healthie != nil && live.healthie != nil
        }
    }

    /// The account as `policy.protected` and `policy.ignore` write it.
    static func account(_ address: RecordAddress) -> String? {
        switch address.kind {
        case .user: address.practice.map { ProtectedAccount.athena(practice: $0, username: address.key).description }
        case .member, .client: ProtectedAccount.healthie(email: address.key).description
        default: nil
        }
    }

    static func actor(_ system: PlannedChange.System?) -> String {
        switch system {
        case .athena: DriftDetector.athenaActor
        case .healthie: DriftDetector.healthieActor
        case nil: "not applicable: a rule of the config"
        }
    }

    mutating func append(
        _ kind: DriftFinding.Kind, _ severity: DriftSeverity, address: RecordAddress, staffID: String?,
        field: String, declared: String?, live: String?, message: String, revert: String, adopt: String
    ) {
        findings.append(
            DriftFinding(
                kind: kind, severity: severity, system: address.system, staffID: staffID, address: address,
                account: Self.account(address), field: field, declared: declared, live: live, message: message,
                revert: revert, adopt: adopt, actor: Self.actor(address.system)))
    }

    // MARK: From the plan's changes

    /// `staff 1042`, with the roster row when the roster drives the person.
    static func who(_ change: PlannedChange, otherwise: String) -> String {
        guard let staffID = change.staffID else { return otherwise }
        return "staff \(staffID)" + (change.source.map { " (\($0.file):\($0.line))" } ?? "")
    }

    mutating func add(_ change: PlannedChange) {
        let who = Self.who(change, otherwise: "an account nobody lists")
        switch change.action {
        case .create:
            append(
                .missingAccount, .medium, address: change.address, staffID: change.staffID,
                field: DriftField.account, declared: "exists", live: nil,
                message: "\(who) should have this account, and it does not exist live",
                revert: "apply would create it", adopt: adoptMissing(change))
        case .deactivate:
            let reason = change.reason ?? "not wanted"
            append(
                .stillActive, .critical, address: change.address, staffID: change.staffID, field: "active",
                declared: "false", live: "true",
                message: "\(who) is \(reason), and the account is still active",
                revert: "apply would deactivate it", adopt: adoptStillActive(change))
        case .reactivate:
            append(
                .deactivatedAccount, .medium, address: change.address, staffID: change.staffID, field: "active",
                declared: "true", live: "false",
                message: "\(who) should be active here, and the account is deactivated",
                revert: "apply would reactivate it", adopt: adoptDeactivated(change))
            for field in change.fields where field.name != "active" { add(field, of: change) }
        case .update:
            for field in change.fields { add(field, of: change) }
        }
    }

    private mutating func add(_ field: FieldChange, of change: PlannedChange) {
        let above = Self.grantsMore(live: field.before, declared: field.after, field: field.name)
        let who = Self.who(change, otherwise: "this account")
        let message =
            above
            ? "\(field.name) grants more live (\(field.before ?? "none")) than \(who)'s role declares "
                + "(\(field.after ?? "none"))"
            : "\(field.name) of \(who): \(field.before ?? "not set") live; the config declares \(field.after ?? "none")"
        append(
            above ? .accessAbove : .fieldDiffers, above ? .critical : .medium, address: change.address,
            staffID: change.staffID, field: field.name, declared: field.after, live: field.before, message: message,
            revert: "apply would set \(field.name) to \(field.after ?? "nothing")", adopt: adopt(field, of: change))
    }

    /// Whether the live value of `field` grants more than the declared one: a broader usertype,
    /// admin, the Standard org_role over Support, a `can_*` flag that is on.
    static func grantsMore(live: String?, declared: String?, field: String) -> Bool {
        switch field {
        case "user_type":
            let rank = { (text: String?) in
                ["\"STAFF\"", "\"PROVIDER\"", "\"ADMIN\""].firstIndex(of: text ?? "") ?? -1
            }
            return rank(live) > rank(declared)
        case "is_admin": return live == "true" && declared != "true"
        case "org_role": return live == "\"Standard\"" && declared == "\"Support\""
        default: return field.hasPrefix("can_") && live == "true" && declared != "true"
        }
    }

    // MARK: From the plan's findings

    mutating func add(_ finding: Finding) {
        switch finding.kind {
        case .unmanagedAccount:
            return  // graded from the plan's unmatched records, which say which account it is
        case .misroutedClient:
            let staffID = config.staff.first { $0.email?.lowercased() == finding.address.key }?.id
            append(
                .staffAmongClients, .high, address: finding.address, staffID: staffID, field: DriftField.account,
                declared: "organization member", live: "client (patient)", message: finding.message,
                revert: "none: Rollcall never changes Healthie clients; review it in Healthie",
                adopt: "none: a staff email has no place among patients")
        case .missingDepartment:
            append(
                .missingDepartment, .low, address: finding.address, staffID: nil, field: "departments",
                declared: finding.address.key, live: nil, message: finding.message,
                revert: "apply plans accounts without it",
                adopt:
                    "remove '\(finding.address.key)' from systems.athena.practices.\(finding.address.practice ?? "").departments"
            )
        case .identityConflict:
            append(
                .identityConflict, .medium, address: finding.address, staffID: nil, field: DriftField.account,
                declared: nil, live: nil, message: finding.message,
                revert: "none: apply holds back this entry's changes", adopt: "fix the username or the userid pin")
        case .upcomingExpiry:
            let staffID = finding.address.key
            let expires = staffByID[staffID]?.expires?.description ?? ""
            append(
                .expiringAccess, .info, address: finding.address, staffID: staffID, field: "active",
                declared: "until \(expires)", live: "true", message: finding.message,
                revert: "apply deactivates the accounts after \(expires)",
                adopt: Self.staffYAML(staffID, [.init(StaffKey.expires, .text("YYYY-MM-DD"))]) + "(a later last day)")
        case .rosterHeldBack:
            append(
                .rosterHeldBack, .medium, address: finding.address, staffID: finding.address.key,
                field: DriftField.account, declared: nil, live: nil, message: finding.message,
                revert: "none: apply holds back this person's changes until the row resolves",
                adopt: "map the title or location in roster, or refine the person with a roster_id entry")
        case .protectedAccount, .fewAdmins, .supervisorDeactivated, .supervisorWithoutProvider,
            .massDeactivationAllowed, .upcomingStart, .rosterEntryMissing:
            return
        }
    }

    /// `- id: ID` with `fields`, as YAML to paste into the staff entry.
    static func staffYAML(_ id: String, _ fields: [YAMLOutput.Entry]) -> String {
        (try? YAMLEmitter.emit(.sequence([.mapping([.init(StaffKey.id, .text(id))] + fields)]))) ?? ""
    }

    /// `roles: { ROLE: { healthie: SETTING } }`, as YAML to paste into the roles.
    static func roleYAML(_ role: String, _ setting: YAMLOutput.Entry) -> String {
        let healthie = YAMLOutput.mapping([.init(RoleKey.healthie, .mapping([setting]))])
        return (try? YAMLEmitter.emit(.mapping([.init(RootKey.roles, .mapping([.init(role, healthie)]))]))) ?? ""
    }
}
