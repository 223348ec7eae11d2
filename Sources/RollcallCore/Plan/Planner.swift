/// Computes a plan: what to change so the live systems match the config.
///
/// The whole flow, as a pure function of `(Config, LiveState, Policy, today)`:
/// 1. Each staff entry names the accounts it wants: one athenaOne user in each
///    practice it lists, and one Healthie membership when its role has
///    `healthie`. Department names resolve to live department ids; a supervisor
///    resolves to the provider id of their account in the same practice.
/// 2. Each wanted account is matched to a live one: athenaOne by a pinned
///    `userid`, else by username within the practice; Healthie by email,
///    ignoring case. Never by name.
/// 3. Matched pairs are diffed field by field (only the fields the config
///    manages); missing accounts are created; accounts of offboarded or expired
///    staff are deactivated; inactive accounts of active staff are reactivated.
///    Nothing is ever deleted.
/// 4. Live accounts nobody matched follow `policy.unmanaged`; `policy.protected`
///    accounts are never changed nor reported.
/// 5. Order: creates, then updates and reactivations, deactivations last, so a
///    supervisor is deactivated after the users who name them are updated.
/// 6. Safety rules: too many deactivations (`policy.max_deactivations`) or too
///    few admins left (`policy.min_admins`) refuse the plan.
///
/// Only practices present in the live state are planned, and Healthie only when
/// it was read: a plan never acts on a system it did not see.
package enum Planner {
    /// How far ahead an expiry is listed for reviewers.
    package static let upcomingExpiryDays = 14

    package static func plan(config: Config, live unordered: LiveState, policy: Policy, today: CalendarDate) -> Plan {
        planMatching(config: config, live: unordered, policy: policy, today: today).plan
    }

    /// The plan, and the live accounts, active or not, that no staff entry matched and no
    /// protected entry covers: drift grades each one, matched exactly as the plan matched.
    static func planMatching(config: Config, live unordered: LiveState, policy: Policy, today: CalendarDate)
        -> (plan: Plan, unmatched: [UnmatchedAccount])
    {
        var work = planned(config: config, live: unordered, policy: policy, today: today)
        work.listUpcomingExpiries()
        work.listRosterFindings()
        return (work.finish(), work.unmatched)
    }

    /// The safety rules checked again for exactly `changes` (what an apply will really make)
    /// against a fresh read: the refusals they break, none when they may be applied.
    package static func refusals(
        applying changes: [PlannedChange], config: Config, live: LiveState, policy: Policy, today: CalendarDate
    ) -> [Refusal] {
        var work = planned(config: config, live: live, policy: policy, today: today)
        work.refusals = []
        work.checkSafety(changes.sorted { $0.operation.action.phase < $1.operation.action.phase })
        return work.refusals
    }

    private static func planned(config: Config, live unordered: LiveState, policy: Policy, today: CalendarDate)
        -> PlanWork
    {
        let live = unordered.canonical
        var work = PlanWork(config: config, policy: policy, today: today)
        for practice in live.athena { work.liveAthena[practice.practiceID] = practice }
        work.liveHealthie = live.healthie
        work.holdBackRosterPeople()
        if let athena = config.athena {
            for practice in athena.practices {
                guard let livePractice = live.practice(id: practice.practiceID) else { continue }
                work.planAthena(practice, live: livePractice)
            }
        }
        if let healthie = live.healthie, config.healthie != nil {
            work.planHealthie(healthie)
        }
        return work
    }
}

/// The plan being built: changes and findings so far, and what the safety checks need.
struct PlanWork {
    let config: Config
    let policy: Policy
    let today: CalendarDate
    var changes: [PlannedChange] = []
    var findings: [Finding] = []
    var refusals: [Refusal] = []
    /// Live accounts matched to a staff entry, for `max_deactivations` as a percentage.
    var managedAccounts = 0
    /// Live accounts nobody matched, outside `policy.protected`.
    var unmatched: [UnmatchedAccount] = []
    var liveAthena: [Int: LiveAthenaPractice] = [:]
    var liveHealthie: LiveHealthie?
    /// The `can_*` flags the config manages: what a Healthie record's digest covers.
    let managedFlags: Set<String>
    let protected: ProtectedIndex

    init(config: Config, policy: Policy, today: CalendarDate) {
        self.config = config
        self.policy = policy
        self.today = today
        managedFlags = Set(config.managedHealthiePermissions)
        protected = ProtectedIndex(policy.protected)
    }

    /// Roster people whose changes are all held back, with why: their row's reasons, or a
    /// generated username that a live account holds under another email.
    var heldBack: [String: String] = [:]

    /// Whether the person should have access today, and if not, why.
    func access(for staff: StaffMember) -> (wanted: Bool, reason: String?) {
        if staff.status == .offboarded { return (false, "offboarded") }
        if let expires = staff.expires, expires < today { return (false, "access expired on \(expires)") }
        if let starts = staff.starts, starts > today { return (false, "starts on \(starts)") }
        if staff.suspended { return (false, "on leave (roster.on_leave: suspend)") }
        return (true, nil)
    }

    mutating func listUpcomingExpiries() {
        let horizon = today.adding(days: Planner.upcomingExpiryDays)
        for staff in config.staff where staff.status == .active {
            guard let expires = staff.expires, expires >= today, expires <= horizon else { continue }
            let days = expires.dayNumber - today.dayNumber
            let when = days == 0 ? "today" : days == 1 ? "tomorrow" : "in \(days) days"
            findings.append(
                Finding(
                    kind: .upcomingExpiry, severity: .info, address: .staff(staff.id),
                    message: "access of \(staff.id) ends on \(expires) (\(when)); it will be deactivated after that"))
        }
    }

    mutating func finish() -> Plan {
        let ordered = changes.enumerated().sorted { left, right in
            (left.element.action.phase, left.offset) < (right.element.action.phase, right.offset)
        }.map(\.element)
        checkSafety(ordered)
        return Plan(today: today, changes: withSources(ordered), findings: findings, refusals: refusals)
    }

    /// A text value as a reviewer reads it.
    static func quoted(_ text: String?) -> String? {
        text.map { "\"\($0)\"" }
    }

    static func flag(_ value: Bool?) -> String? {
        value.map { $0 ? "true" : "false" }
    }
}

extension LiveState {
    /// The same records in one fixed order (by id, members and clients by email), so the
    /// order a system happened to answer in never changes the plan.
    var canonical: LiveState {
        var state = self
        for index in state.athena.indices {
            state.athena[index].users.sort { $0.userID < $1.userID }
            state.athena[index].providers.sort { $0.providerID < $1.providerID }
            state.athena[index].departments.sort { $0.departmentID < $1.departmentID }
        }
        state.healthie?.members.sort { ($0.email.lowercased(), $0.userID) < ($1.email.lowercased(), $1.userID) }
        state.healthie?.misroutedClients.sort {
            ($0.email.lowercased(), $0.userID) < ($1.email.lowercased(), $1.userID)
        }
        return state
    }
}
