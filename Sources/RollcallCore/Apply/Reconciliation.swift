/// A reviewed plan laid over a fresh read of the live systems: what apply may
/// still do, what is done already, what moved on since the review, and what the
/// fresh read wants that nobody reviewed.
///
/// Pure: it compares a saved plan's changes with live records and a fresh plan.
/// A change is *pending* when its record is as planned (its digest matches, or
/// for a create the account still does not exist), *already applied* when its
/// record holds the planned values (so re-running a half-applied plan finishes
/// it), and *stale* otherwise, with the fields that changed.
public struct Reconciliation: Sendable, Equatable {
    public var pending: [PendingChange]
    public var alreadyApplied: [PlannedChange]
    public var stale: [StaleChange]
    /// Changes the fresh plan wants that the reviewed plan does not hold: never applied.
    package var notReviewed: [PlannedChange]

    public init(
        pending: [PendingChange] = [], alreadyApplied: [PlannedChange] = [], stale: [StaleChange] = [],
        notReviewed: [PlannedChange] = []
    ) {
        self.pending = pending
        self.alreadyApplied = alreadyApplied
        self.stale = stale
        self.notReviewed = notReviewed
    }
}

/// A change to make, and whether an earlier run may have begun it (a Healthie
/// member added but not yet given its role flags): then the create looks the
/// account up first and finishes it.
public struct PendingChange: Sendable, Equatable {
    public var change: PlannedChange
    package var resumes: Bool

    public init(change: PlannedChange, resumes: Bool = false) {
        self.change = change
        self.resumes = resumes
    }
}

public struct StaleChange: Sendable, Equatable {
    public var change: PlannedChange
    /// The fields whose live values differ from what the plan saw, or why the record cannot be compared.
    package var changedFields: [String]

    public init(change: PlannedChange, changedFields: [String]) {
        self.change = change
        self.changedFields = changedFields
    }
}

extension Reconciliation {
    public static func reconcile(reviewed: [PlannedChange], fresh: Plan, live: LiveState) -> Reconciliation {
        let index = LiveIndex(live)
        var result = Reconciliation()
        let reviewedIDs = Set(reviewed.map(\.id))
        for change in reviewed {
            switch status(of: change, index) {
            case .pending(let resumes): result.pending.append(PendingChange(change: change, resumes: resumes))
            case .applied: result.alreadyApplied.append(change)
            case .stale(let fields): result.stale.append(StaleChange(change: change, changedFields: fields))
            }
        }
        result.notReviewed = fresh.changes.filter { !reviewedIDs.contains($0.id) }
        return result
    }

    enum Status: Equatable {
        case pending(resumes: Bool)
        case applied
        case stale([String])
    }

    static func status(of change: PlannedChange, _ index: LiveIndex) -> Status {
        switch (change.operation, change.precondition) {
        case (.athenaUpdate(let practiceID, let userID, let patch), .matches(let digest)):
            guard let user = index.athenaUser(practiceID: practiceID, userID: userID) else {
                return .stale(["the record is gone"])
            }
            let changed = digest.changedFields(comparedTo: .of(user))
            if changed.isEmpty { return .pending(resumes: false) }
            return patch.applied(to: user).writableFields == user.writableFields ? .applied : .stale(changed)
        case (.healthieUpdate(let membershipID, let patch), .matches(let digest)):
            guard let member = index.member(membershipID: membershipID) else { return .stale(["the record is gone"]) }
            let changed = digest.changedFields(comparedTo: .of(member, managedFlags: digest.managedFlags))
            if changed.isEmpty { return .pending(resumes: false) }
            return patch.applied(to: member) == member ? .applied : .stale(changed)
        case (.athenaCreate(let practiceID, let draft), .absent):
            guard let existing = index.athenaUser(practiceID: practiceID, username: draft.username) else {
                return .pending(resumes: false)
            }
            return holds(existing, draft) ? .applied : .stale(["an account '\(existing.username)' exists now"])
        case (.healthieCreate(let draft, let settings), .absent):
            guard let existing = index.member(email: draft.email) else { return .pending(resumes: false) }
            let roleHolds = draft.orgRole.map { $0 == existing.orgRole } ?? true
            guard roleHolds else { return .stale(["a membership for \(existing.email) exists now"]) }
            return settings.applied(to: existing) == existing ? .applied : .pending(resumes: true)
        default:
            return .stale(["the change's precondition does not fit its operation"])
        }
    }

    /// Whether an account found where a create was planned is the one the create would make.
    public static func holds(_ user: LiveAthenaUser, _ draft: AthenaUserDraft) -> Bool {
        user.username.lowercased() == draft.username.lowercased() && user.firstName == draft.firstName
            && user.lastName == draft.lastName && user.userType == draft.userType
            && user.email?.lowercased() == draft.email?.lowercased() && user.npi == draft.npi
            && user.departmentIDs.sorted() == draft.departmentIDs.sorted()
            && user.supervisingProviderID == draft.supervisingProviderID
    }
}

/// Live records by the keys changes name them by, indexed once.
struct LiveIndex {
    private var usersByID: [Int: [Int: LiveAthenaUser]] = [:]
    private var usersByName: [Int: [String: LiveAthenaUser]] = [:]
    private var membersByID: [String: LiveHealthieMember] = [:]
    private var membersByEmail: [String: LiveHealthieMember] = [:]

    init(_ live: LiveState) {
        for practice in live.athena {
            for user in practice.users {
                usersByID[practice.practiceID, default: [:]][user.userID] = user
                usersByName[practice.practiceID, default: [:]][user.username.lowercased()] = user
            }
        }
        for member in live.healthie?.members ?? [] {
            membersByID[member.membershipID] = member
            membersByEmail[member.email.lowercased()] = member
        }
    }

    func athenaUser(practiceID: Int, userID: Int) -> LiveAthenaUser? { usersByID[practiceID]?[userID] }

    func athenaUser(practiceID: Int, username: String) -> LiveAthenaUser? {
        usersByName[practiceID]?[username.lowercased()]
    }

    func member(membershipID: String) -> LiveHealthieMember? { membersByID[membershipID] }
    func member(email: String) -> LiveHealthieMember? { membersByEmail[email.lowercased()] }
}
