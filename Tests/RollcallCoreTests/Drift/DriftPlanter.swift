import RollcallCore

/// Plants drift in a clinic whose config matches it exactly, and writes down the one
/// finding each plant must cause: the stand-in for a tenant nobody here has seen.
///
/// Each plant touches an account (or a staff entry) no other plant touched, so the
/// findings they cause are independent and the whole set is known in advance.
struct DriftPlanter {
    struct Expected: Hashable, Comparable, CustomStringConvertible {
        var kind: DriftFinding.Kind
        var severity: DriftSeverity
        /// The account, else the staff id, else the address key (a department).
        var subject: String
        var field: String

        init(_ kind: DriftFinding.Kind, _ severity: DriftSeverity, _ subject: String, _ field: String) {
            self.kind = kind
            self.severity = severity
            self.subject = subject.lowercased()
            self.field = field
        }

        init(_ finding: DriftFinding) {
            self.init(
                finding.kind, finding.severity, finding.account ?? finding.staffID ?? finding.address.key,
                finding.field)
        }

        var description: String { "\(severity.rawValue) \(kind.rawValue) \(subject) \(field)" }
        static func < (left: Self, right: Self) -> Bool { left.description < right.description }
    }

    var config: Config
    var live: LiveState
    let today: CalendarDate
    var expected: [Expected] = []
    /// The kinds of drift planted so far.
    var plants: Set<Plant> = []
    private var random: SeededGenerator
    private var touchedAccounts: Set<String> = []
    private var touchedStaff: Set<String> = []
    private var planted = 0
    private let protected: Set<String>

    init(config: Config, live: LiveState, today: CalendarDate, seed: UInt64) {
        self.config = config
        self.live = live
        self.today = today
        random = SeededGenerator(seed: seed)
        protected = Set(config.policy.protected.map { $0.description.lowercased() })
    }

    /// Plants up to `count` drifts, each of a kind drawn at random among those the clinic allows.
    mutating func plant(_ count: Int) {
        for _ in 0..<count {
            let kinds = Plant.allCases.shuffled(using: &random)
            for kind in kinds where plant(kind) {
                plants.insert(kind)
                break
            }
        }
    }

    enum Plant: CaseIterable {
        case deactivateUser, renameUser, changeUsertype, changeEmail, changeNPI, moveDepartments, dropSupervisor
        case removeUser
        case flipFlag, flipAdmin, flipProvider, changeOrgRole, deactivateMember, staffAsClient
        case unmanagedUser, unmanagedAdminUser, inactiveUser, unmanagedMember, unmanagedAdminMember, inactiveMember
        case offboard, expired, expiring, missingDepartment
    }

    private mutating func plant(_ plant: Plant) -> Bool {
        planted += 1
        switch plant {
        case .deactivateUser:
            return changeUser { user, target in
                user.active = false
                return Expected(.deactivatedAccount, .medium, target.account, "active")
            }
        case .renameUser:
            return changeUser { user, target in
                user.lastName += "x"
                return Expected(.fieldDiffers, .medium, target.account, "last_name")
            }
        case .changeUsertype:
            return changeUser { user, target in
                let raise = user.userType != "ADMIN"
                user.userType = raise ? "ADMIN" : "STAFF"
                return Expected(
                    raise ? .accessAbove : .fieldDiffers, raise ? .critical : .medium, target.account, "user_type")
            }
        case .changeEmail:
            return changeUser { user, target in
                guard target.staff.email != nil else { return nil }
                user.email = "moved-\(user.userID)@elsewhere.example"
                return Expected(.fieldDiffers, .medium, target.account, "email")
            }
        case .changeNPI:
            return changeUser { user, target in
                guard target.staff.npi != nil else { return nil }
                user.npi = nil
                return Expected(.fieldDiffers, .medium, target.account, "npi")
            }
        case .moveDepartments:
            return changeUser { user, target in
                guard !target.assignment.departments.isEmpty, !user.departmentIDs.isEmpty else { return nil }
                user.departmentIDs = []
                return Expected(.fieldDiffers, .medium, target.account, "departments")
            }
        case .dropSupervisor:
            return changeUser { user, target in
                guard target.assignment.supervising != nil, user.supervisingProviderID != nil else { return nil }
                user.supervisingProviderID = nil
                return Expected(.fieldDiffers, .medium, target.account, "supervising_provider")
            }
        case .removeUser: return removeUser()
        case .flipFlag:
            let draw = Int.random(in: 0..<1_000, using: &random)
            return changeMember { member, role, account in
                let flags = role.permissions.keys.sorted()
                guard !flags.isEmpty, let declared = role.permissions[flags[draw % flags.count]] else { return nil }
                let flag = flags[draw % flags.count]
                member.permissions[flag] = !declared
                return Expected(declared ? .fieldDiffers : .accessAbove, declared ? .medium : .critical, account, flag)
            }
        case .flipAdmin:
            return changeMember { member, role, account in
                guard let declared = role.admin else { return nil }
                member.isAdmin = !declared
                return Expected(
                    declared ? .fieldDiffers : .accessAbove, declared ? .medium : .critical, account, "is_admin")
            }
        case .flipProvider:
            return changeMember { member, role, account in
                guard let declared = role.provider else { return nil }
                member.isProvider = !declared
                return Expected(.fieldDiffers, .medium, account, "is_provider")
            }
        case .changeOrgRole:
            return changeMember { member, role, account in
                guard let declared = role.orgRole?.rawValue, ["Standard", "Support"].contains(declared) else {
                    return nil
                }
                let raise = declared == "Support"
                member.orgRole = raise ? "Standard" : "Support"
                return Expected(raise ? .accessAbove : .fieldDiffers, raise ? .critical : .medium, account, "org_role")
            }
        case .deactivateMember:
            return changeMember { member, _, account in
                member.active = false
                return Expected(.deactivatedAccount, .medium, account, "active")
            }
        case .staffAsClient: return addClient()
        case .unmanagedUser: return addUser(type: "STAFF", active: true, .unmanagedAccount, .high)
        case .unmanagedAdminUser: return addUser(type: "ADMIN", active: true, .unmanagedAdmin, .critical)
        case .inactiveUser: return addUser(type: "ADMIN", active: false, .inactiveUnmanaged, .low)
        case .unmanagedMember: return addMember(admin: false, active: true, .unmanagedAccount, .high)
        case .unmanagedAdminMember: return addMember(admin: true, active: true, .unmanagedAdmin, .critical)
        case .inactiveMember: return addMember(admin: true, active: false, .inactiveUnmanaged, .low)
        case .offboard: return endAccess { $0.status = .offboarded }
        case .expired:
            let yesterday = today.adding(days: -1)
            return endAccess { $0.expires = yesterday }
        case .expiring: return expiring()
        case .missingDepartment:
            guard var athena = config.athena, !athena.practices.isEmpty else { return false }
            let index = Int.random(in: 0..<athena.practices.count, using: &random)
            let name = "Planted Wing \(planted)"
            athena.practices[index].departments.append(name)
            config.athena = athena
            expected.append(Expected(.missingDepartment, .low, name, "departments"))
            return true
        }
    }

    // MARK: Accounts the config manages

    /// Active staff with no end date, none of whose accounts is protected or touched.
    private func manageable() -> [Int] {
        config.staff.indices.filter { index in
            let staff = config.staff[index]
            return staff.status == .active && staff.expires == nil && !touchedStaff.contains(staff.id)
                && accounts(of: staff).allSatisfy { !protected.contains($0) && !touchedAccounts.contains($0) }
        }
    }

    private func accounts(of staff: StaffMember) -> [String] {
        staff.practices.map { ProtectedAccount.athena(practice: $0.practice, username: $0.username).description }
            .map { $0.lowercased() } + (staff.email.map { ["healthie:\($0.lowercased())"] } ?? [])
    }

    /// An active live user that a pinned assignment of manageable staff names.
    struct UserTarget {
        var practice: Int
        var user: Int
        var account: String
        var staff: StaffMember
        var assignment: PracticeAssignment
    }

    private func managedUsers() -> [UserTarget] {
        var found: [UserTarget] = []
        for index in manageable() {
            let staff = config.staff[index]
            for assignment in staff.practices {
                guard let pinned = assignment.userID,
                    let practice = live.athena.firstIndex(where: {
                        $0.practiceID == config.athena?.practice(assignment.practice)?.practiceID
                    }),
                    let user = live.athena[practice].users.firstIndex(where: { $0.userID == pinned }),
                    live.athena[practice].users[user].active,
                    live.athena[practice].users[user].username.lowercased() == assignment.username.lowercased()
                else { continue }
                let account = ProtectedAccount.athena(practice: assignment.practice, username: assignment.username)
                found.append(
                    UserTarget(
                        practice: practice, user: user, account: account.description.lowercased(), staff: staff,
                        assignment: assignment))
            }
        }
        return found
    }

    /// Changes one managed user as `change` says, which returns the finding it must cause,
    /// or nil when the user it was handed cannot be changed that way (another is tried).
    private mutating func changeUser(_ change: (inout LiveAthenaUser, UserTarget) -> Expected?) -> Bool {
        for target in managedUsers().shuffled(using: &random) {
            var user = live.athena[target.practice].users[target.user]
            guard let finding = change(&user, target) else { continue }
            live.athena[target.practice].users[target.user] = user
            touch(account: target.account, staff: target.staff.id)
            expected.append(finding)
            return true
        }
        return false
    }

    /// A user nobody supervises through, so its absence changes no one else's plan.
    private mutating func removeUser() -> Bool {
        let candidates = managedUsers().filter { live.athena[$0.practice].users[$0.user].providerID == nil }
        guard let target = candidates.randomElement(using: &random) else { return false }
        live.athena[target.practice].users.remove(at: target.user)
        touch(account: target.account, staff: target.staff.id)
        expected.append(Expected(.missingAccount, .medium, target.account, "account"))
        return true
    }

    /// Changes one managed member as `change` says; nil from `change` tries another.
    private mutating func changeMember(_ change: (inout LiveHealthieMember, HealthieRole, String) -> Expected?) -> Bool
    {
        guard let healthie = live.healthie else { return false }
        let targets = manageable().compactMap { index -> (Int, HealthieRole, String, String)? in
            let staff = config.staff[index]
            guard let email = staff.email?.lowercased(), let role = staff.role?.healthie,
                let member = healthie.members.firstIndex(where: { $0.email.lowercased() == email }),
                healthie.members[member].active
            else { return nil }
            return (member, role, "healthie:\(email)", staff.id)
        }
        for (member, role, account, staff) in targets.shuffled(using: &random) {
            var changed = healthie.members[member]
            guard let finding = change(&changed, role, account) else { continue }
            live.healthie?.members[member] = changed
            touch(account: account, staff: staff)
            expected.append(finding)
            return true
        }
        return false
    }

    private mutating func addClient() -> Bool {
        let targets = manageable().filter { config.staff[$0].email != nil }
        guard live.healthie != nil, let index = targets.randomElement(using: &random),
            let email = config.staff[index].email
        else { return false }
        live.healthie?.misroutedClients.append(
            LiveHealthieClient(userID: "c\(planted)", email: email, firstName: "C", lastName: "P", active: true))
        touch(account: "healthie:\(email.lowercased())", staff: config.staff[index].id)
        expected.append(Expected(.staffAmongClients, .high, "healthie:\(email)", "account"))
        return true
    }

    // MARK: Accounts nobody lists

    private mutating func addUser(
        type: String, active: Bool, _ kind: DriftFinding.Kind, _ severity: DriftSeverity
    ) -> Bool {
        guard let athena = config.athena, !athena.practices.isEmpty else { return false }
        let practice = athena.practices[Int.random(in: 0..<athena.practices.count, using: &random)]
        guard let index = live.athena.firstIndex(where: { $0.practiceID == practice.practiceID }) else { return false }
        let username = "planted\(planted)"
        live.athena[index].users.append(
            LiveAthenaUser(
                userID: 90_000 + planted, username: username, firstName: "Planted", lastName: "User", userType: type,
                active: active, email: nil, npi: nil, departmentIDs: [], providerID: nil, supervisingProviderID: nil))
        let account = ProtectedAccount.athena(practice: practice.key, username: username).description
        expected.append(Expected(kind, severity, account, "account"))
        return true
    }

    private mutating func addMember(
        admin: Bool, active: Bool, _ kind: DriftFinding.Kind, _ severity: DriftSeverity
    ) -> Bool {
        guard live.healthie != nil else { return false }
        let email = "planted\(planted)@elsewhere.example"
        live.healthie?.members.append(
            LiveHealthieMember(
                userID: String(90_000 + planted), membershipID: "pm\(planted)", email: email, firstName: "Planted",
                lastName: "Member", active: active, orgRole: "Standard", isAdmin: admin, isProvider: false,
                permissions: [:]))
        expected.append(Expected(kind, severity, "healthie:\(email)", "account"))
        return true
    }

    // MARK: Staff entries

    /// Offboards or expires someone with at least one active account: each active one is critical.
    private mutating func endAccess(_ end: (inout StaffMember) -> Void) -> Bool {
        let candidates = manageable().filter { !activeAccounts(of: config.staff[$0]).isEmpty }
        guard let index = candidates.randomElement(using: &random) else { return false }
        let accounts = activeAccounts(of: config.staff[index])
        end(&config.staff[index])
        for account in accounts {
            touch(account: account, staff: config.staff[index].id)
            expected.append(Expected(.stillActive, .critical, account, "active"))
        }
        return true
    }

    private func activeAccounts(of staff: StaffMember) -> [String] {
        var accounts: [String] = []
        for assignment in staff.practices {
            guard let practice = config.athena?.practice(assignment.practice),
                let read = live.athena.first(where: { $0.practiceID == practice.practiceID }),
                let user = read.users.first(where: { $0.userID == assignment.userID }), user.active
            else { continue }
            accounts.append(
                ProtectedAccount.athena(practice: assignment.practice, username: assignment.username).description
                    .lowercased())
        }
        if let email = staff.email?.lowercased(), staff.role?.healthie != nil,
            live.healthie?.members.contains(where: { $0.email.lowercased() == email && $0.active }) == true
        {
            accounts.append("healthie:\(email)")
        }
        return accounts
    }

    private mutating func expiring() -> Bool {
        guard let index = manageable().randomElement(using: &random) else { return false }
        config.staff[index].expires = today.adding(days: Int.random(in: 0...Planner.upcomingExpiryDays, using: &random))
        touchedStaff.insert(config.staff[index].id)
        expected.append(Expected(.expiringAccess, .info, config.staff[index].id, "active"))
        return true
    }

    private mutating func touch(account: String, staff: String) {
        touchedAccounts.insert(account)
        touchedStaff.insert(staff)
    }
}
