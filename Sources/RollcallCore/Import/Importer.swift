/// Turns a live clinic into config that plans to zero changes against it.
///
/// The steps, as a pure function of the live state and the systems read:
/// 1. Each account is screened: one the config cannot manage exactly (a service
///    account, an unknown usertype, a provider without an NPI, a username used twice)
///    goes under `policy.protected` with its reason.
/// 2. athenaOne accounts are joined into people by email (ignoring case); accounts
///    sharing an email but not a name, usertype, status or NPI stay apart, and only
///    one entry keeps the email. A Healthie member joins the person with its email.
/// 3. People who hold the same access share one inferred role.
/// 4. Departments are named, supervisors become staff ids, and every athenaOne user is
///    pinned by `userid`, so the plan matches each account exactly.
/// A field that cannot be written exactly is left out (unmanaged) with a note saying why.
package enum Importer {
    package static func draft(live unordered: LiveState, athena: AthenaSettings?, healthie: HealthieSettings?)
        -> ImportDraft
    {
        let live = unordered.canonical
        var work = ImportWork(live: live, athena: athena)
        work.screenAthena()
        if let members = live.healthie?.members { work.screenHealthie(members) }
        work.joinPeople()
        work.assignIDs()
        work.settleNPIs()
        work.inferRoles()
        let staff = work.staffEntries()
        return ImportDraft(
            athena: athena.map { AthenaSettings(baseURL: $0.baseURL, practices: work.practices) },
            healthie: healthie, protected: work.protected, roles: work.roles,
            staff: staff.sorted { $0.id < $1.id }, unwritable: work.unwritable,
            misroutedClients: live.healthie?.misroutedClients ?? [])
    }
}

/// One athenaOne user with the practice it is in.
struct AthenaAccount {
    var practice: Practice
    var user: LiveAthenaUser
}

/// One person being assembled: their athenaOne accounts and Healthie membership.
struct ImportPerson {
    var accounts: [AthenaAccount] = []
    var member: LiveHealthieMember?
    /// The email this entry writes; at most one entry owns each email.
    var email: String?
    var active: Bool
    /// The email this entry shares with another, which that one owns.
    var sharedEmail: (email: String, owner: Int, why: String)?
    var id = ""
    var role: String?
    var npi: String?
    var notes: [String] = []
    /// Set when the person cannot be written as a staff entry; their accounts are protected.
    var isProtected = false

    var firstName: String { accounts.first?.user.firstName ?? member?.firstName ?? "" }
    var lastName: String { accounts.first?.user.lastName ?? member?.lastName ?? "" }
}

/// The import being built.
struct ImportWork {
    let live: LiveState
    /// The practices read, each with its live departments' usable names.
    var practices: [Practice] = []
    var protected: [ProtectedEntry] = []
    var unwritable: [String] = []
    var roles: [InferredRole] = []
    var accounts: [AthenaAccount] = []
    var members: [LiveHealthieMember] = []
    var people: [ImportPerson] = []
    /// Per practice id: department id to the name the config can use for it.
    var departmentNames: [Int: [Int: String]] = [:]

    init(live: LiveState, athena: AthenaSettings?) {
        self.live = live
        for practice in athena?.practices ?? [] {
            guard let read = live.practice(id: practice.practiceID) else { continue }
            var counts: [String: Int] = [:]
            for department in read.departments { counts[department.name, default: 0] += 1 }
            var names: [Int: String] = [:]
            for department in read.departments
            where counts[department.name] == 1 && TextShape.problem(with: department.name, prose: false) == nil {
                names[department.departmentID] = department.name
            }
            departmentNames[practice.practiceID] = names
            let usable = read.departments.compactMap { names[$0.departmentID] }
            practices.append(Practice(key: practice.key, practiceID: practice.practiceID, departments: usable))
        }
    }

    // MARK: Screening

    mutating func screenAthena() {
        for practice in practices {
            guard let read = live.practice(id: practice.practiceID) else { continue }
            var usernameCounts: [String: Int] = [:]
            for user in read.users { usernameCounts[user.username.lowercased(), default: 0] += 1 }
            for user in read.users {
                let account = AthenaAccount(practice: practice, user: user)
                if let reason = protectionReason(account, reused: usernameCounts[user.username.lowercased()] ?? 0 > 1) {
                    protect(account, reason: reason)
                } else {
                    accounts.append(account)
                }
            }
        }
    }

    /// Why the account cannot be a staff entry, or nil when it can.
    private func protectionReason(_ account: AthenaAccount, reused: Bool) -> String? {
        let user = account.user
        if TextShape.problem(with: user.username, prose: false) != nil { return "its username cannot be written" }
        if reused {
            return "the username '\(user.username)' belongs to more than one account in practice "
                + "\(account.practice.key) (usernames ignore case), so no entry could name just one of them"
        }
        if Self.looksLikeServiceAccount(user) {
            return "a service account by its look (username '\(user.username)', no email): "
                + "protected so that no plan changes it; move it into staff if it is a person"
        }
        guard user.active else { return nil }
        if AthenaUserType(rawValue: user.userType) == nil {
            return "its usertype '\(user.userType)' is not one a role can hold (STAFF, PROVIDER, ADMIN)"
        }
        if !Self.isWritableName(user.firstName) || !Self.isWritableName(user.lastName) {
            return "its name cannot be written as a config value"
        }
        guard user.userType == AthenaUserType.provider.rawValue else { return nil }
        guard let npi = Self.present(user.npi) else {
            return "a PROVIDER account needs an NPI in the config, and athenaOne holds none"
        }
        if NPI.problem(with: npi) != nil {
            return "a PROVIDER account needs a valid NPI in the config, and athenaOne holds '\(npi)', which is not one"
        }
        return nil
    }

    /// The text, or nil when it is missing or empty: athenaOne answers "" for a field it does not hold.
    static func present(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    static func looksLikeServiceAccount(_ user: LiveAthenaUser) -> Bool {
        guard present(user.email) == nil else { return false }
        let username = user.username.lowercased()
        let name = (user.firstName + " " + user.lastName).lowercased()
        return ["api", "svc", "integration", "interface"].contains { username.hasPrefix($0) }
            || ["integration", "interface", "service account"].contains { name.contains($0) }
    }

    static func isWritableName(_ text: String) -> Bool {
        TextShape.problem(with: text, prose: false) == nil
    }

    mutating func protect(_ account: AthenaAccount, reason: String) {
        let entry = ProtectedAccount.athena(practice: account.practice.key, username: account.user.username)
        guard case .success = ProtectedAccount.parse(entry.description) else {
            unwritable.append(
                "athenaOne user \(account.user.userID) in practice \(account.practice.key): \(reason), "
                    + "and its username cannot be written under policy.protected either")
            return
        }
        // One entry covers every account with the username: protection ignores case.
        guard !protected.contains(where: { $0.account == entry }) else { return }
        protected.append(ProtectedEntry(account: entry, reason: reason))
    }

    mutating func screenHealthie(_ all: [LiveHealthieMember]) {
        var emailCounts: [String: Int] = [:]
        for member in all { emailCounts[member.email.lowercased(), default: 0] += 1 }
        var protectedEmails: Set<String> = []
        for member in all {
            let email = member.email.lowercased()
            if EmailAddress.problem(with: member.email) != nil {
                unwritable.append(
                    "Healthie member \(member.userID): its email cannot be written, and Healthie members are "
                        + "matched by email")
                continue
            }
            var reason: String?
            if emailCounts[email] ?? 0 > 1 {
                reason = "more than one Healthie member has the email \(member.email) (emails ignore case)"
            } else if member.active, !Self.isWritableName(member.firstName) || !Self.isWritableName(member.lastName) {
                reason = "its name cannot be written as a config value"
            }
            if let reason {
                if protectedEmails.insert(email).inserted {
                    protected.append(ProtectedEntry(account: .healthie(email: member.email), reason: reason))
                }
                continue
            }
            members.append(member)
        }
    }
}
