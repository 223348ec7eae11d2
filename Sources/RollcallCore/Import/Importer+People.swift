/// Joining accounts into people, naming them, and keeping emails and NPIs to one entry each.
extension ImportWork {
    mutating func joinPeople() {
        var groups: [String: [AthenaAccount]] = [:]
        var order: [String] = []
        var alone: [AthenaAccount] = []
        for account in accounts {
            guard let email = Self.present(account.user.email), EmailAddress.problem(with: email) == nil else {
                alone.append(account)
                continue
            }
            let key = EmailAddress.normalized(email)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(account)
        }
        var unjoined = Dictionary(
            members.map { (EmailAddress.normalized($0.email), $0) }, uniquingKeysWith: { first, _ in first })
        for key in order {
            let first = people.count
            for group in Self.split(groups[key] ?? []) {
                people.append(ImportPerson(accounts: group, active: group[0].user.active))
            }
            let owner = ownEmail(key, among: first..<people.count, member: unjoined.removeValue(forKey: key))
            for index in first..<people.count where index != owner {
                let email = people[owner].email ?? key
                people[index].sharedEmail = (email, owner, Self.difference(people[index], from: people[owner]))
            }
        }
        for account in alone {
            var person = ImportPerson(accounts: [account], active: account.user.active)
            if let email = Self.present(account.user.email) {
                person.notes.append(
                    "athenaOne holds the email '\(email)', which is not a usable address: left unmanaged, "
                        + "and the account is not joined with others")
            }
            people.append(person)
        }
        for member in members where unjoined[EmailAddress.normalized(member.email)] != nil {
            people.append(ImportPerson(member: member, email: member.email, active: member.active))
        }
    }

    /// Gives the email to one of the people at `indices` (the one the Healthie member joins, or
    /// the first active one) and returns its index; a member none can join becomes a person.
    private mutating func ownEmail(_ key: String, among indices: Range<Int>, member: LiveHealthieMember?) -> Int {
        guard let member else {
            let owner = indices.first { people[$0].active } ?? indices.lowerBound
            people[owner].email = people[owner].accounts.first?.user.email ?? key
            return owner
        }
        guard let owner = indices.first(where: { people[$0].active == member.active }) else {
            people.append(ImportPerson(member: member, email: member.email, active: member.active))
            return people.count - 1
        }
        people[owner].member = member
        people[owner].email = member.email
        let athenaName = "\(people[owner].firstName) \(people[owner].lastName)"
        if member.firstName != people[owner].firstName || member.lastName != people[owner].lastName {
            people[owner].notes.append(
                "Healthie names this person '\(member.firstName) \(member.lastName)'; the entry keeps athenaOne's "
                    + "'\(athenaName)' (Rollcall does not change names in Healthie)")
        }
        return owner
    }

    /// Accounts sharing an email, in groups that can be one staff entry: the same name,
    /// usertype, status and NPI, and one account per practice.
    static func split(_ accounts: [AthenaAccount]) -> [[AthenaAccount]] {
        var groups: [[AthenaAccount]] = []
        for account in accounts {
            let home = groups.firstIndex { group in
                sameHolder(group[0].user, account.user) && !group.contains { $0.practice.key == account.practice.key }
            }
            if let home {
                groups[home].append(account)
            } else {
                groups.append([account])
            }
        }
        return groups
    }

    static func sameHolder(_ left: LiveAthenaUser, _ right: LiveAthenaUser) -> Bool {
        left.firstName == right.firstName && left.lastName == right.lastName && left.userType == right.userType
            && left.active == right.active && present(left.npi) == present(right.npi)
    }

    /// Why `person` is not joined with `owner`, the entry that has their shared email.
    static func difference(_ person: ImportPerson, from owner: ImportPerson) -> String {
        guard let mine = person.accounts.first?.user else { return "they are kept apart" }
        guard let theirs = owner.accounts.first?.user else {
            return "the Healthie member with it is \(owner.active ? "active" : "inactive") and these accounts are not"
        }
        if mine.firstName != theirs.firstName || mine.lastName != theirs.lastName {
            return "the accounts hold another name ('\(mine.firstName) \(mine.lastName)', not "
                + "'\(theirs.firstName) \(theirs.lastName)')"
        }
        if mine.userType != theirs.userType {
            return "the accounts have usertype \(mine.userType), not \(theirs.userType)"
        }
        if mine.active != theirs.active {
            return "the accounts are \(mine.active ? "active" : "inactive"), theirs are not"
        }
        if present(mine.npi) != present(theirs.npi) { return "the accounts hold another NPI" }
        let practices = person.accounts.map(\.practice.key).filter { key in
            owner.accounts.contains { $0.practice.key == key }
        }
        return "both have an account in practice \(practices.first ?? "")"
    }

    /// Staff ids from the email's local part, else the username: lower case, only the
    /// characters an id may hold, numbered when taken.
    mutating func assignIDs() {
        var taken: Set<String> = []
        for index in people.indices {
            let base = Self.idBase(people[index])
            var id = base
            var number = 2
            while !taken.insert(id).inserted {
                id = "\(base)-\(number)"
                number += 1
            }
            people[index].id = id
        }
    }

    static func idBase(_ person: ImportPerson) -> String {
        let email = person.email ?? person.member?.email
        if let local = email?.split(separator: "@").first, let id = idText(String(local)) { return id }
        if let account = person.accounts.first {
            return idText(account.user.username) ?? "user-\(account.user.userID)"
        }
        return idText(person.member?.userID ?? "").map { "member-\($0)" } ?? "member"
    }

    /// `text` lower-cased with every run of characters an id cannot hold as one `-`.
    static func idText(_ text: String) -> String? {
        var id = ""
        for scalar in text.lowercased().unicodeScalars {
            let allowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_"
            if allowed {
                id.unicodeScalars.append(scalar)
            } else if !id.hasSuffix("-") {
                id += "-"
            }
        }
        let edge: (Character) -> Bool = { $0 == "-" || $0 == "." }
        let trimmed = String(id.drop(while: edge).reversed().drop(while: edge).reversed())
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Each valid NPI in one entry; a provider who would lose theirs to another entry is protected.
    mutating func settleNPIs() {
        var holders: [String: Int] = [:]
        for index in people.indices {
            guard let npi = Self.present(people[index].accounts.first?.user.npi) else { continue }
            if NPI.problem(with: npi) != nil {
                people[index].notes.append("athenaOne holds the NPI '\(npi)', which is not valid: left unmanaged")
                continue
            }
            guard let holder = holders[npi] else {
                holders[npi] = index
                people[index].npi = npi
                continue
            }
            let why = "the NPI \(npi) is also held by staff \(people[holder].id)"
            if people[index].active, people[index].accounts.first?.user.userType == AthenaUserType.provider.rawValue {
                protectPerson(index, reason: "\(why), and a PROVIDER entry needs its own")
            } else {
                people[index].notes.append("\(why): left unmanaged here")
            }
        }
    }

    mutating func protectPerson(_ index: Int, reason: String) {
        people[index].isProtected = true
        for account in people[index].accounts { protect(account, reason: reason) }
        if let member = people[index].member {
            protected.append(ProtectedEntry(account: .healthie(email: member.email), reason: reason))
        }
    }
}
