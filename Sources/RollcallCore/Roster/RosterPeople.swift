/// The roster's rows made into staff entries, merged with the YAML entries that refine them;
/// see `RosterResolver` for the rules.
struct RosterPeople {
    let config: Config
    let roster: RosterSettings
    let rows: [RosterRow]
    let pattern: RosterUsername.Pattern
    /// The export's name, shared by the location of every row.
    let path: SourcePath

    init(config: Config, roster: RosterSettings, rows: [RosterRow]) {
        self.config = config
        self.roster = roster
        self.rows = rows
        pattern = RosterUsername.Pattern(roster.username)
        path = SourcePath(roster.path)
    }

    func members() -> [StaffMember] {
        let refinements = Dictionary(
            config.staff.compactMap { entry in entry.rosterID.map { ($0, entry) } },
            uniquingKeysWith: { first, _ in first })
        var members = config.staff.filter { $0.rosterID == nil }
        let yamlCount = members.count
        members.reserveCapacity(yamlCount + rows.count)
        var lookups = Lookups()
        for row in rows { members.append(draft(row, refinement: refinements[row.key], lookups: &lookups)) }
        holdShared(&members[yamlCount...])
        let keys = refinements.isEmpty ? [] : Set(rows.lazy.map(\.key).filter { refinements[$0] != nil })
        for entry in config.staff {
            guard let key = entry.rosterID, !keys.contains(key) else { continue }
            // Not in the export: the person left HR's records, so their access ends.
            var gone = entry
            gone.status = .offboarded
            members.append(gone)
        }
        return members
    }

    /// Each title's and location's mapping, looked up once per distinct spelling: an export
    /// repeats a handful of titles and locations across thousands of rows.
    struct Lookups {
        var titles: [String: String??] = [:]
        var locations: [String: [RosterPlacement]??] = [:]

        mutating func role(of title: String, in roster: RosterSettings) -> String?? {
            if let known = titles[title] { return known }
            let found = roster.roles[RosterSettings.lookupKey(title)]
            titles[title] = found
            return found
        }

        mutating func placements(of location: String, in roster: RosterSettings) -> [RosterPlacement]?? {
            if let known = locations[location] { return known }
            let found = roster.locations[RosterSettings.lookupKey(location)]
            locations[location] = found
            return found
        }
    }

    private func draft(_ row: RosterRow, refinement entry: StaffMember?, lookups: inout Lookups) -> StaffMember {
        var held: [String] = []
        var noAccounts: String?
        var role = entry?.role
        if role == nil {
            switch lookups.role(of: row.jobTitle, in: roster) {
            case nil:
                held.append(
                    "job title '\(row.jobTitle)' is not in roster.roles: map it to a role there "
                        + "(`\(row.jobTitle): ROLE`), or to `none` for no accounts")
            case .some(nil): noAccounts = "job title '\(row.jobTitle)' has no accounts (roster.roles)"
            case .some(let name?): role = config.roles[name]
            }
        }
        let firstName = entry?.firstName ?? (row.firstName.isEmpty ? nil : row.firstName)
        let lastName = entry?.lastName ?? (row.lastName.isEmpty ? nil : row.lastName)
        let username = pattern.make(first: firstName ?? "", last: lastName ?? "", id: row.key)
        var practices = entry?.practices ?? []
        if practices.isEmpty {
            switch lookups.placements(of: row.location, in: roster) {
            case nil:
                held.append(
                    "location '\(row.location)' is not in roster.locations: map it to practices there "
                        + "(`\(row.location): { PRACTICE: [DEPARTMENT] }`), or to `none` for no accounts")
                // Its accounts are looked for under the username in every practice, to be left alone.
                practices = (config.athena?.practices ?? []).map { generated($0.key, username, departments: []) }
            case .some(nil): noAccounts = noAccounts ?? "location '\(row.location)' has no accounts (roster.locations)"
            case .some(let placements?):
                practices = placements.map { generated($0.practice, username, departments: $0.departments) }
            }
            if role != nil, role?.athena == nil { practices = [] }
        }
        if practices.contains(where: \.generated), username.isEmpty {
            held.append("roster.username '\(roster.username)' makes an empty username from this row's names")
        }
        var npi = entry?.npi
        if npi == nil, let rowNPI = row.npi {
            if let problem = NPI.problem(with: rowNPI) {
                held.append("the NPI '\(rowNPI)' in the row is not valid: \(problem)")
            } else {
                npi = rowNPI
            }
        }
        let email = entry?.email ?? row.email
        let access = noAccounts == nil && row.lifecycle != .terminated && entry?.status != .offboarded
        if access, let role {
            if role.athena?.usertype == .provider, npi == nil {
                held.append(
                    "role '\(role.name)' has usertype PROVIDER, but there is no valid NPI in the row or in a staff "
                        + "entry: add it to the export, or refine the person with `roster_id: \"\(row.key)\"` and `npi:`"
                )
            }
            if role.healthie != nil, email == nil {
                held.append("role '\(role.name)' grants a Healthie membership, but the row has no email")
            }
        }
        var member = StaffMember(
            id: entry?.id ?? row.key, firstName: firstName, lastName: lastName, email: email, role: role, npi: npi,
            status: access ? .active : .offboarded,
            expires: earlier(entry?.expires, row.terminationDate),
            practices: practices.count > 1 ? practices.sorted { $0.practice < $1.practice } : practices,
            declaredAt: entry?.declaredAt ?? SourceLocation(path: path, line: row.line, column: 1),
            rosterID: row.key)
        member.starts = row.hireDate
        member.endedAt = entry?.endedAt
        if let termination = row.terminationDate, termination == member.expires, entry?.expires != termination {
            member.endsAtSecond = row.terminationTime
        }
        member.suspended = row.lifecycle == .leave && roster.onLeave == .suspend
        member.roster = RosterLink(
            file: roster.file, line: row.line, key: row.key, jobTitle: row.jobTitle.isEmpty ? nil : row.jobTitle,
            location: row.location.isEmpty ? nil : row.location,
            heldBack: held.isEmpty ? nil : held.joined(separator: "; "))
        member.roster?.left = row.lifecycle == .terminated || entry?.status == .offboarded
        member.roster?.terminationDate = row.terminationDate
        return member
    }

    private func earlier(_ one: CalendarDate?, _ other: CalendarDate?) -> CalendarDate? {
        guard let one, let other else { return one ?? other }
        return min(one, other)
    }

    /// The row's key, which a refining entry's own id may differ from.
    private func key(_ member: StaffMember) -> String { member.roster?.key ?? member.id }

    private func generated(_ practice: String, _ username: String, departments: [String]) -> PracticeAssignment {
        var assignment = PracticeAssignment(
            practice: practice, username: username, userID: nil, departments: departments, supervising: nil)
        assignment.generated = true
        return assignment
    }

    /// Holds back each person whose generated username another roster person or a YAML entry
    /// also has in that practice, or whose email another row or entry has.
    private func holdShared(_ drafts: inout ArraySlice<StaffMember>) {
        struct Account: Hashable {
            var practice: String
            var username: String
        }
        // The first holder of each account and email; only one held twice gets a list.
        var owners: [Account: Int] = [:]
        var sharedAccounts: [Account: [Int]] = [:]
        var emails: [String: Int] = [:]
        var sharedEmails: [String: [Int]] = [:]
        owners.reserveCapacity(drafts.count)
        emails.reserveCapacity(drafts.count)
        for index in drafts.indices {
            if drafts[index].roster?.heldBack == nil {
                for assignment in drafts[index].practices {
                    // A generated username is lower case already.
                    let username = assignment.generated ? assignment.username : assignment.username.lowercased()
                    let account = Account(practice: assignment.practice, username: username)
                    if let first = owners.updateValue(index, forKey: account) {
                        owners[account] = first
                        sharedAccounts[account, default: [first]].append(index)
                    }
                }
            }
            if let email = drafts[index].email.map(EmailAddress.normalized) {
                if let first = emails.updateValue(index, forKey: email) {
                    emails[email] = first
                    sharedEmails[email, default: [first]].append(index)
                }
            }
        }
        var yamlAccounts: [Account: String] = [:]
        var yamlEmails: [String: String] = [:]
        for entry in config.staff where entry.rosterID == nil {
            for assignment in entry.practices {
                yamlAccounts[Account(practice: assignment.practice, username: assignment.username.lowercased())] =
                    entry.id
            }
            if let email = entry.email { yamlEmails[EmailAddress.normalized(email)] = entry.id }
        }
        var reasons: [Int: [String]] = [:]
        for (account, entry) in yamlAccounts {
            guard let first = owners[account] else { continue }
            for index in sharedAccounts[account] ?? [first] {
                reasons[index, default: []].append(
                    "username '\(account.username)' in practice \(account.practice) belongs to staff entry "
                        + "\(entry); pin another with `roster_id: \"\(key(drafts[index]))\"` and `practices: "
                        + "{ \(account.practice): { username: ... } }`")
            }
        }
        for (account, holders) in sharedAccounts {
            let rows = holders.map { "\(key(drafts[$0])) on line \(drafts[$0].roster?.line ?? 0)" }
            for index in holders {
                reasons[index, default: []].append(
                    "the username '\(account.username)' in practice \(account.practice) is made from "
                        + "\(holders.count) rows (\(rows.joined(separator: ", "))): pin one with a staff entry, "
                        + "`roster_id: \"\(key(drafts[index]))\"` with `practices: { \(account.practice): "
                        + "{ username: ... } }`")
            }
        }
        for (email, entry) in yamlEmails {
            guard let first = emails[email] else { continue }
            for index in sharedEmails[email] ?? [first] {
                reasons[index, default: []].append("the email '\(email)' belongs to staff entry \(entry)")
            }
        }
        for (email, holders) in sharedEmails {
            let rows = holders.map { "\(key(drafts[$0])) on line \(drafts[$0].roster?.line ?? 0)" }
            for index in holders {
                reasons[index, default: []].append(
                    "the email '\(email)' is on \(holders.count) rows (\(rows.joined(separator: ", "))); "
                        + "an email belongs to one person")
            }
        }
        for (index, added) in reasons {
            let existing = drafts[index].roster?.heldBack.map { [$0] } ?? []
            drafts[index].roster?.heldBack = (existing + added.sorted()).joined(separator: "; ")
        }
    }
}
