extension ConfigValidator {
    mutating func validateStaff(
        practices: [Practice], roles sourceRoles: [String: SourceRole], resolvedRoles: [String: Role]
    ) -> [StaffMember] {
        // Entries are read in place, by position: a copy of one retains every text it holds.
        let entries = source.staff
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entries.count)
        for position in entries.indices {
            guard let id = entries[position].id else { continue }
            if let first = positions.updateValue(position, forKey: id.value) {
                positions[id.value] = first
                let firstAt = entries[first].id?.location ?? entries[first].declaredAt
                error("staff id '\(id.value)' is used again; it was first used at \(firstAt)", at: id.location)
            }
        }
        let practicesByKey = Dictionary(practices.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let incompletePractices = Set(source.practices.filter { !$0.complete }.map(\.key.value))
        let context = StaffContext(
            entries: entries, positions: positions, roles: sourceRoles, practices: practicesByKey,
            incompletePractices: incompletePractices, practiceKeys: practices.map(\.key),
            roleNames: sourceRoles.keys.sorted())

        var members: [StaffMember] = []
        members.reserveCapacity(entries.count)
        for position in entries.indices {
            guard let id = entries[position].id?.value, positions[id] == position else { continue }
            checkPerson(entries[position], id: id, context: context)
            members.append(resolve(entries[position], id: id, roles: resolvedRoles, context: context))
        }
        checkUniqueness(entries)
        checkSupervisionCycles(context)
        return members
    }

    private struct StaffContext {
        var entries: [SourceStaff]
        /// Staff id to its first entry's position in `entries`.
        var positions: [String: Int]
        var roles: [String: SourceRole]
        var practices: [String: Practice]
        var incompletePractices: Set<String>
        var practiceKeys: [String]
        var roleNames: [String]

        func staff(_ id: String) -> SourceStaff? {
            positions[id].map { entries[$0] }
        }
    }

    private mutating func checkPerson(_ staff: SourceStaff, id: String, context: StaffContext) {
        // A status that did not decode was reported; checks that depend on it are skipped.
        let statusKnown = staff.status != nil || !staff.written.contains(.status)
        let active = statusKnown && (staff.status?.value ?? .active) == .active
        // Words for a message, built only when there is one.
        var place: String { "staff '\(id)'" }
        // An entry refining a roster person takes what it leaves out from the row.
        let refinesRoster = staff.rosterID != nil
        if active, !refinesRoster {
            for key in [StaffKey.firstName, .lastName, .role] where !staff.written.contains(key) {
                error(
                    "\(place) has no '\(key.rawValue)'", at: staff.declaredAt,
                    hint: "active staff need first_name, last_name and role")
            }
        }
        var role: SourceRole?
        if let roleName = staff.role {
            role = context.roles[roleName.value]
            if role == nil {
                error(
                    "\(place) has role '\(roleName.value)', which is not defined"
                        + Suggestion.phrase(for: roleName.value, in: context.roleNames),
                    at: roleName.location, hint: "roles are defined under `roles:`")
            }
        }
        if active, let role, role.complete {
            if role.healthie != nil, !staff.written.contains(.email), !refinesRoster {
                error(
                    "\(place) has role '\(role.name.value)', which grants a Healthie membership, but no 'email'",
                    at: staff.declaredAt, hint: "Healthie members are matched by email")
            }
            if role.athena?.value == .provider, !staff.written.contains(.npi), !refinesRoster {
                error(
                    "\(place) has role '\(role.name.value)' with usertype PROVIDER, but no 'npi'",
                    at: staff.role?.location ?? staff.declaredAt, hint: "providers need their 10-digit NPI")
            }
            if role.hasAthena, role.athena != nil, staff.practices.isEmpty, !refinesRoster {
                warning(
                    "\(place) has role '\(role.name.value)', which grants athenaOne access, but names no practices",
                    at: staff.declaredAt)
            }
            if !role.hasAthena, let first = staff.practices.first {
                error(
                    "\(place) has practices, but role '\(role.name.value)' has no athena settings",
                    at: first.practice.location,
                    hint: "give the role `athena: { usertype: STAFF }` or remove the practices")
            }
        }
        if let endedAt = staff.endedAt, statusKnown, active {
            error(
                "\(place) has 'ended_at', but is not offboarded", at: endedAt.location,
                hint: "ended_at says when employment ended: add `status: offboarded`, or use `expires` for a last day "
                    + "still to come")
        }
        // Accounts are found by username or email, never by name: an entry with neither finds nothing.
        if statusKnown, !active, staff.practices.isEmpty, !staff.written.contains(.email), !refinesRoster {
            warning(
                "\(place) is offboarded but names no email and no practice "
                    + "username, so Rollcall cannot find their accounts to deactivate them",
                at: staff.declaredAt,
                hint: "add their email and `practices: { KEY: { username: ... } }`; accounts are never matched by name")
        }
        for position in staff.practices.indices {
            checkAssignment(staff.practices[position], of: staff, place: place, active: active, context: context)
        }
    }

    private mutating func checkAssignment(
        _ assignment: SourceAssignment, of staff: SourceStaff, place describe: @autoclosure () -> String, active: Bool,
        context: StaffContext
    ) {
        var place: String { describe() }
        let key = assignment.practice.value
        guard let practice = context.practices[key] else {
            error(
                "\(place) names practice '\(key)', which is not declared under systems.athena.practices"
                    + Suggestion.phrase(for: key, in: context.practiceKeys), at: assignment.practice.location)
            return
        }
        // Offboarded staff are only deactivated: their departments and supervisors no longer matter.
        guard active else { return }
        for department in assignment.departments
        where !practice.departments.contains(department.value) && !context.incompletePractices.contains(key) {
            error(
                "department '\(department.value)' is not declared for practice '\(key)'"
                    + Suggestion.phrase(for: department.value, in: practice.departments),
                at: department.location,
                hint: "practice '\(key)' declares: \(practice.departments.joined(separator: ", "))")
        }
        guard let supervising = assignment.supervising else { return }
        guard let supervisor = context.staff(supervising.value) else {
            error(
                "\(place) is supervised by '\(supervising.value)', which is no staff id"
                    + Suggestion.phrase(for: supervising.value, in: context.positions.keys.sorted()),
                at: supervising.location)
            return
        }
        guard supervising.value != staff.id?.value else { return }  // a cycle of one, reported with the others
        let supervisorRole = supervisor.role.flatMap { context.roles[$0.value] }
        if let supervisorRole, supervisorRole.complete, supervisorRole.athena?.value != .provider {
            let usertype = supervisorRole.athena?.value.rawValue ?? "none"
            error(
                "\(place) is supervised by '\(supervising.value)', who is not a provider (role '"
                    + "\(supervisor.role?.value ?? "")' has usertype \(usertype))",
                at: supervising.location, hint: "a supervising provider's role has usertype PROVIDER")
        }
        if supervisor.status?.value == .offboarded {
            error(
                "\(place) is supervised by '\(supervising.value)', who is offboarded", at: supervising.location,
                hint: "name a current supervising provider")
        } else if !supervisor.practices.contains(where: { $0.practice.value == key }) {
            error(
                "\(place) is supervised by '\(supervising.value)', who has no account in practice '\(key)'",
                at: supervising.location)
        }
    }

    /// Usernames within a practice, emails and NPIs each belong to one person.
    private mutating func checkUniqueness(_ entries: [SourceStaff]) {
        struct Account: Hashable {
            var practice: String
            var username: String
        }
        var usernames: [(key: Account, location: SourceLocation)] = []
        usernames.reserveCapacity(entries.count)
        for position in entries.indices {
            for index in entries[position].practices.indices {
                guard let username = entries[position].practices[index].username else { continue }
                let practice = entries[position].practices[index].practice.value
                usernames.append(
                    (Account(practice: practice, username: username.value.lowercasedSparingly), username.location))
            }
        }
        reportDuplicates(usernames) { account, first in
            "username '\(account.username)' in practice '\(account.practice)' belongs to two staff entries "
                + "(usernames ignore case); it was first used at \(first)"
        }
        // By position: a closure over the entries themselves is handed a copy of each person.
        reportDuplicates(
            entries.indices.compactMap { entries[$0].email.map { (EmailAddress.normalized($0.value), $0.location) } }
        ) {
            email, first in
            "email '\(email)' belongs to two staff entries (emails ignore case); it was first used at \(first)"
        }
        reportDuplicates(entries.indices.compactMap { entries[$0].npi.map { ($0.value, $0.location) } }) { npi, first in
            "NPI '\(npi)' belongs to two staff entries; it was first used at \(first)"
        }
    }

    /// A chain of `supervising` links that comes back to where it started, within one practice.
    private mutating func checkSupervisionCycles(_ context: StaffContext) {
        var links: [String: [String: Located<String>]] = [:]  // practice -> staff id -> supervising
        for position in context.entries.indices {
            guard let id = context.entries[position].id?.value, context.positions[id] == position else { continue }
            for assignment in context.entries[position].practices {
                if let supervising = assignment.supervising, context.positions[supervising.value] != nil {
                    links[assignment.practice.value, default: [:]][id] = supervising
                }
            }
        }
        for practice in links.keys.sorted() {
            guard let edges = links[practice] else { continue }
            var finished = Set<String>()
            for start in edges.keys.sorted() where !finished.contains(start) {
                var path: [String] = []
                var current: String? = start
                while let node = current, !finished.contains(node) {
                    if let loopStart = path.firstIndex(of: node) {
                        let cycle = Array(path[loopStart...])
                        let locations = cycle.compactMap { edges[$0]?.location }
                        let at =
                            locations.min() ?? context.staff(node)?.declaredAt
                            ?? SourceLocation(file: origin, line: 1, column: 1)
                        let chain = (cycle + [node]).joined(separator: " → ")
                        error(
                            "supervising forms a cycle in practice '\(practice)': \(chain)", at: at,
                            hint: "a supervising chain must end at a provider who is not supervised by the chain")
                        break
                    }
                    path.append(node)
                    current = edges[node]?.value
                }
                finished.formUnion(path)
            }
        }
    }

    /// The entry with its role and supervisors resolved to what they name; only called on entries
    /// whose references were checked (a config with an error is never resolved into use).
    private func resolve(
        _ staff: SourceStaff, id: String, roles: [String: Role], context: StaffContext
    ) -> StaffMember {
        func supervisor(_ staffID: String?, practice: String) -> SupervisorAccount? {
            guard let staffID,
                let account = context.staff(staffID)?.practices.first(where: { $0.practice.value == practice })
            else { return nil }
            return SupervisorAccount(
                staffID: staffID, username: account.username?.value ?? "", userID: account.userID?.value)
        }
        var practices = staff.practices.indices.map { index in
            let assignment = staff.practices[index]
            return PracticeAssignment(
                practice: assignment.practice.value, username: assignment.username?.value ?? "",
                userID: assignment.userID?.value,
                departments: assignment.departments.indices.map { assignment.departments[$0].value },
                supervising: supervisor(assignment.supervising?.value, practice: assignment.practice.value))
        }
        // Most people have one practice: sorted in place, and only when there is an order to make.
        if practices.count > 1 { practices.sort { $0.practice < $1.practice } }
        var member = StaffMember(
            id: id, firstName: staff.firstName?.value, lastName: staff.lastName?.value, email: staff.email?.value,
            role: staff.role.flatMap { roles[$0.value] }, npi: staff.npi?.value,
            status: staff.status?.value ?? .active, expires: staff.expires?.value,
            practices: practices,
            declaredAt: staff.declaredAt, rosterID: staff.rosterID?.value)
        member.endedAt = staff.endedAt?.value
        return member
    }
}
