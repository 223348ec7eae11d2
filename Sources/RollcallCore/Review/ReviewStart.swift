/// The campaign `review start` writes: one item per active account in scope (each configured
/// practice's athenaOne users, the Healthie organization's members), the person it belongs to
/// as the planner matches accounts (a pinned userid, else the username in the practice; Healthie
/// by email), what it grants, and whether that is admin-level. A pure function of its inputs.
package enum ReviewStart {
    package struct Inputs: Sendable {
        package var config: Config
        package var configPath: String
        package var live: LiveState
        package var read: ReadSummary
        package var reviewer: String
        package var startedAt: Timestamp
        package var nextReview: CalendarDate

        package init(
            config: Config, configPath: String, live: LiveState, read: ReadSummary, reviewer: String,
            startedAt: Timestamp, nextReview: CalendarDate
        ) {
            self.config = config
            self.configPath = configPath
            self.live = live
            self.read = read
            self.reviewer = reviewer
            self.startedAt = startedAt
            self.nextReview = nextReview
        }
    }

    /// athenaOne's user API has no sign-in time to ask for.
    static let athenaSignIn = "not exposed by athenaOne"

    package static func campaign(_ inputs: Inputs, key: [UInt8]?) -> ReviewCampaign {
        let config = inputs.config
        let people = ReviewPeople(config)
        var systems: [ReviewSystem] = []
        var items: [ReviewItem] = []
        for practice in config.athena?.practices ?? [] {
            guard let live = inputs.live.practice(id: practice.practiceID) else { continue }
            let active = live.users.filter(\.active).sorted { $0.username.lowercased() < $1.username.lowercased() }
            systems.append(
                ReviewSystem(
                    name: "athena:\(practice.key) (\(practice.practiceID))", records: active.count,
                    requests: inputs.read.requests,
                    source: "athenaOne users of practice \(practice.practiceID), read \(inputs.startedAt); "
                        + "sign-in times are \(athenaSignIn)"))
            for user in active {
                let staff = people.athena(practice: practice.key, user: user)
                items.append(
                    ReviewItem(
                        account: ProtectedAccount.athena(practice: practice.key, username: user.username).description,
                        staffID: staff?.id ?? "unmanaged", role: staff?.role?.name ?? "none",
                        grants: "usertype \(user.userType)", privileged: user.userType == AthenaUserType.admin.rawValue,
                        lastSignInAt: athenaSignIn))
            }
        }
        if config.healthie != nil, let healthie = inputs.live.healthie {
            let active = healthie.members.filter(\.active).sorted { $0.email.lowercased() < $1.email.lowercased() }
            systems.append(
                ReviewSystem(
                    name: "healthie", records: active.count, requests: inputs.read.requests,
                    source: "Healthie organization members, read \(inputs.startedAt), with last_sign_in_at"))
            for member in active {
                let staff = people.healthie(email: member.email)
                items.append(
                    ReviewItem(
                        account: ProtectedAccount.healthie(email: member.email.lowercased()).description,
                        staffID: staff?.id ?? "unmanaged", role: staff?.role?.name ?? "none",
                        grants: grants(member), privileged: privileged(member),
                        lastSignInAt: member.lastSignInAt.flatMap(Timestamp.init(iso:))?.description ?? "never"))
            }
        }
        return ReviewCampaign(
            reviewer: inputs.reviewer, startedAt: inputs.startedAt, nextReview: inputs.nextReview,
            config: inputs.configPath, systems: systems, items: items
        ).sealed(key: key)
    }

    /// `org_role Standard, admin, provider, can_order_labs, can_view_labs`: the flags that are on.
    package static func grants(_ member: LiveHealthieMember) -> String {
        var parts = ["org_role \(member.orgRole ?? "none")"]
        if member.isAdmin { parts.append("admin") }
        if member.isProvider { parts.append("provider") }
        parts += member.permissions.filter(\.value).keys.sorted()
        return parts.joined(separator: ", ")
    }

    package static func privileged(_ member: LiveHealthieMember) -> Bool {
        member.isAdmin || member.permissions.contains { $0.value && HealthiePermission.isAdministrative($0.key) }
    }
}

/// The config's people by the keys live accounts are matched on.
struct ReviewPeople {
    private var byUsername: [String: [String: StaffMember]] = [:]
    private var byUserID: [String: [Int: StaffMember]] = [:]
    private var byEmail: [String: StaffMember] = [:]

    init(_ config: Config) {
        for staff in config.staff {
            for assignment in staff.practices {
                let name = assignment.username.lowercased()
                if byUsername[assignment.practice, default: [:]][name] == nil {
                    byUsername[assignment.practice, default: [:]][name] = staff
                }
                if let id = assignment.userID { byUserID[assignment.practice, default: [:]][id] = staff }
            }
            if let email = staff.email, byEmail[EmailAddress.normalized(email)] == nil {
                byEmail[EmailAddress.normalized(email)] = staff
            }
        }
    }

    func athena(practice: String, user: LiveAthenaUser) -> StaffMember? {
        byUserID[practice]?[user.userID] ?? byUsername[practice]?[user.username.lowercased()]
    }

    func healthie(email: String) -> StaffMember? { byEmail[EmailAddress.normalized(email)] }
}
