/// People as staff entries: departments by name, supervisors by staff id, every user pinned.
extension ImportWork {
    mutating func staffEntries() -> [ImportedStaff] {
        let supervisors = supervisingIDs()
        var entries: [ImportedStaff] = []
        for (index, person) in people.enumerated() where !person.isProtected {
            var notes = person.notes
            if let shared = person.sharedEmail {
                notes.append(
                    "shares the email \(shared.email) with staff \(people[shared.owner].id), but \(shared.why): "
                        + "kept apart, and the email is left unmanaged here")
            }
            var assignments: [ImportedAssignment] = []
            for practice in practices {
                guard let account = person.accounts.first(where: { $0.practice.key == practice.key }) else {
                    continue
                }
                let departments = departments(of: account)
                if departments == nil, !account.user.departmentIDs.isEmpty, person.active {
                    notes.append(
                        "the departments of \(account.user.username) in \(practice.key) "
                            + "(ids \(account.user.departmentIDs.map(String.init).joined(separator: ", "))) do not "
                            + "each have one usable name live: left unmanaged")
                }
                let supervising = supervisors[SupervisedAccount(person: index, practiceID: practice.practiceID)]
                if let note = supervising?.note { notes.append(note) }
                assignments.append(
                    ImportedAssignment(
                        practice: practice.key, username: account.user.username, userID: account.user.userID,
                        departments: departments, supervising: supervising?.staffID))
            }
            let named = Self.isWritableName(person.firstName) && Self.isWritableName(person.lastName)
            entries.append(
                ImportedStaff(
                    id: person.id, firstName: named ? person.firstName : nil, lastName: named ? person.lastName : nil,
                    email: person.email, role: person.active ? person.role : nil, npi: person.npi,
                    status: person.active ? .active : .offboarded, practices: assignments, notes: notes))
        }
        return entries
    }

    /// The account's departments by name, or nil (unmanaged) when it has none or one has no single usable name.
    private func departments(of account: AthenaAccount) -> [String]? {
        let ids = account.user.departmentIDs
        guard !ids.isEmpty, Set(ids).count == ids.count, let names = departmentNames[account.practice.practiceID]
        else { return nil }
        let named = ids.sorted().compactMap { names[$0] }
        return named.count == ids.count ? named : nil
    }

    struct SupervisedAccount: Hashable {
        var person: Int
        var practiceID: Int
    }

    /// Who supervises each active account, as a staff id, or a note saying why it is left unmanaged.
    private func supervisingIDs() -> [SupervisedAccount: (staffID: String?, note: String?)] {
        var result: [SupervisedAccount: (staffID: String?, note: String?)] = [:]
        for practice in practices {
            guard let read = live.practice(id: practice.practiceID) else { continue }
            var personOfUser: [Int: Int] = [:]
            for (index, person) in people.enumerated() where !person.isProtected {
                for account in person.accounts where account.practice.key == practice.key {
                    personOfUser[account.user.userID] = index
                }
            }
            let usersOfProvider = Dictionary(grouping: read.users.filter { $0.providerID != nil }) {
                $0.providerID ?? 0
            }
            let providerNames = Dictionary(
                read.providers.map { ($0.providerID, "\($0.firstName) \($0.lastName)") },
                uniquingKeysWith: { first, _ in first })
            var edges: [Int: Int] = [:]
            for (index, person) in people.enumerated() where person.active && !person.isProtected {
                guard let account = person.accounts.first(where: { $0.practice.key == practice.key }),
                    let providerID = account.user.supervisingProviderID
                else { continue }
                let key = SupervisedAccount(person: index, practiceID: practice.practiceID)
                let shown = providerNames[providerID].map { "\(providerID) (\($0))" } ?? String(providerID)
                let holders = usersOfProvider[providerID] ?? []
                guard holders.count == 1, let supervisor = personOfUser[holders[0].userID],
                    people[supervisor].active,
                    people[supervisor].accounts.first?.user.userType == AthenaUserType.provider.rawValue
                else {
                    result[key] = (
                        nil,
                        "supervising provider \(shown) in \(practice.key) is not one active PROVIDER staff entry "
                            + "here: supervision is left unmanaged"
                    )
                    continue
                }
                edges[index] = supervisor
                result[key] = (people[supervisor].id, nil)
            }
            for index in Self.peopleInCycles(edges) {
                result[SupervisedAccount(person: index, practiceID: practice.practiceID)] = (
                    nil,
                    "athenaOne's supervising providers in \(practice.key) form a loop through this person: "
                        + "supervision is left unmanaged"
                )
            }
        }
        return result
    }

    /// Everyone on a loop of supervising links (a person supervising themselves included).
    static func peopleInCycles(_ edges: [Int: Int]) -> Set<Int> {
        var inCycle: Set<Int> = []
        var settled: Set<Int> = []
        for start in edges.keys.sorted() where !settled.contains(start) {
            var path: [Int] = []
            var current: Int? = start
            while let node = current, !settled.contains(node) {
                if let loopStart = path.firstIndex(of: node) {
                    inCycle.formUnion(path[loopStart...])
                    break
                }
                path.append(node)
                current = edges[node]
            }
            settled.formUnion(path)
        }
        return inCycle
    }
}
