/// A validated config: every name checked, every reference resolved.
///
/// Produced only by `ConfigLoader` when a config has no errors; the planner
/// can rely on every invariant listed on each field.
public struct Config: Sendable, Equatable {
    /// Always 1 for now.
    public var version: Int
    /// `nil` when the config does not manage athenaOne.
    public var athena: AthenaSettings?
    /// `nil` when the config does not manage Healthie.
    public var healthie: HealthieSettings?
    public var policy: Policy
    /// Roles by name.
    public var roles: [String: Role]
    /// Staff in the order the files list them (files in name order); ids are unique. With a
    /// roster, its people follow, resolved from the export (`RosterResolver`).
    public var staff: [StaffMember]
    /// The HR export the staff list is drawn from, when the config has one.
    public var roster: RosterSettings?

    public init(
        version: Int, athena: AthenaSettings?, healthie: HealthieSettings?, policy: Policy, roles: [String: Role],
        staff: [StaffMember], roster: RosterSettings? = nil
    ) {
        self.roster = roster
        self.version = version
        self.athena = athena
        self.healthie = healthie
        self.policy = policy
        self.roles = roles
        self.staff = staff
    }
}

public struct AthenaSettings: Sendable, Equatable {
    /// Overrides the production API base; `nil` means athenaOne's production URL.
    package var baseURL: String?
    /// Practices in key order; keys and practice ids are unique.
    public var practices: [Practice]

    public init(baseURL: String?, practices: [Practice]) {
        self.baseURL = baseURL
        self.practices = practices
    }

    public func practice(_ key: String) -> Practice? {
        practices.first { $0.key == key }
    }
}

/// One athenaOne practice, as named in the config (`main`, `north`).
public struct Practice: Sendable, Equatable {
    public var key: String
    public var practiceID: Int
    /// Department names as in athenaOne; their ids are looked up live at plan time.
    public var departments: [String]

    public init(key: String, practiceID: Int, departments: [String]) {
        self.key = key
        self.practiceID = practiceID
        self.departments = departments
    }
}

public struct HealthieSettings: Sendable, Equatable {
    package var baseURL: String?
    /// The organization new memberships are created in.
    package var organizationID: String?
    /// The `Healthie-GraphQL-API-Version` to send; `nil` means the client's default.
    package var apiVersion: String?
    /// Whether new members get Healthie's invitation email; a sync defaults to not sending one.
    package var sendInviteEmail: Bool

    public init(baseURL: String?, organizationID: String?, apiVersion: String?, sendInviteEmail: Bool) {
        self.baseURL = baseURL
        self.organizationID = organizationID
        self.apiVersion = apiVersion
        self.sendInviteEmail = sendInviteEmail
    }
}

public struct Policy: Sendable, Equatable {
    public var unmanaged: UnmanagedPolicy
    package var maxDeactivations: DeactivationLimit
    /// Active admin-type accounts each practice and the Healthie organization must keep.
    package var minAdmins: Int
    public var protected: [ProtectedAccount]
    /// Drift findings suppressed on purpose (`policy.ignore`); a plan does not use them.
    public var ignore: [IgnoreRule]
    /// How soon after employment ends every account must be deactivated (`audit offboarding`).
    package var offboardingSLA = Policy.defaultOffboardingSLA
    /// No Healthie sign-in for this long makes an active account dormant.
    package var dormantAfter = Policy.defaultDormantAfter

    /// One hour: the limit the January 2025 proposal for the HIPAA Security Rule sets for ending
    /// access after employment ends (45 CFR 164.308(a)(3)(ii)(C) as proposed).
    static let defaultOffboardingSLA = TimeSpan(seconds: 3600)
    static let defaultDormantAfter = TimeSpan(seconds: 90 * 86_400)

    public init(
        unmanaged: UnmanagedPolicy, maxDeactivations: DeactivationLimit, minAdmins: Int, protected: [ProtectedAccount],
        ignore: [IgnoreRule] = []
    ) {
        self.unmanaged = unmanaged
        self.maxDeactivations = maxDeactivations
        self.minAdmins = minAdmins
        self.protected = protected
        self.ignore = ignore
    }

    package static let defaults = Policy(
        unmanaged: .report, maxDeactivations: .count(5), minAdmins: 1, protected: [])
}

/// A drift finding suppressed on purpose: an account (and optionally some of its fields),
/// why, and until when. Past `until` the rule stops suppressing and is itself reported.
public struct IgnoreRule: Sendable, Equatable {
    /// Written as `athena:PRACTICE/USERNAME` or `healthie:EMAIL`, as `policy.protected` is.
    public var account: ProtectedAccount
    /// The finding fields it covers (`departments`, `can_see_billing`); nil covers every finding on the account.
    package var fields: [String]?
    public var reason: String
    /// The last day it suppresses.
    public var until: CalendarDate?
    package var declaredAt: SourceLocation

    public init(
        account: ProtectedAccount, fields: [String]?, reason: String, until: CalendarDate?, declaredAt: SourceLocation
    ) {
        self.account = account
        self.fields = fields
        self.reason = reason
        self.until = until
        self.declaredAt = declaredAt
    }
}

/// What to do with live accounts that no staff entry describes.
public enum UnmanagedPolicy: String, Sendable, Equatable, CaseIterable {
    case report
    case deactivate
    case ignore
}

public struct Role: Sendable, Equatable {
    public var name: String
    public var description: String?
    public var athena: AthenaRole?
    public var healthie: HealthieRole?

    public init(name: String, description: String? = nil, athena: AthenaRole?, healthie: HealthieRole?) {
        self.name = name
        self.description = description
        self.athena = athena
        self.healthie = healthie
    }
}

public struct AthenaRole: Sendable, Equatable {
    public var usertype: AthenaUserType

    public init(usertype: AthenaUserType) {
        self.usertype = usertype
    }
}

/// athenaOne's user types, as its user API spells them.
public enum AthenaUserType: String, Sendable, Equatable, CaseIterable {
    case staff = "STAFF"
    case provider = "PROVIDER"
    case admin = "ADMIN"
}

/// A Healthie organization membership; each field left `nil` is not managed.
public struct HealthieRole: Sendable, Equatable {
    package var orgRole: HealthieOrgRole?
    /// `is_admin` on the membership.
    public var admin: Bool?
    /// `is_provider` on the membership.
    package var provider: Bool?
    /// Managed `can_*` flags by name; flags left out are not managed.
    package var permissions: [String: Bool]

    public init(orgRole: HealthieOrgRole?, admin: Bool?, provider: Bool?, permissions: [String: Bool]) {
        self.orgRole = orgRole
        self.admin = admin
        self.provider = provider
        self.permissions = permissions
    }
}

/// `org_role` values Healthie accepts.
public enum HealthieOrgRole: String, Sendable, Equatable, CaseIterable {
    case standard = "Standard"
    case support = "Support"
}

public struct StaffMember: Sendable, Equatable {
    public var id: String
    package var firstName: String?
    package var lastName: String?
    public var email: String?
    /// The role the entry names, resolved by the loader; `nil` only for offboarded staff.
    package var role: Role?
    package var npi: String?
    public var status: StaffStatus
    /// Last day of access for temporary staff, such as locums.
    public var expires: CalendarDate?
    /// One athenaOne account per practice, in practice key order.
    public var practices: [PracticeAssignment]
    /// Where the entry starts, for messages that point back at the config.
    package var declaredAt: SourceLocation
    /// The roster key a YAML entry refines (`roster_id`); the roster's people carry their own key.
    package var rosterID: String?
    /// The roster row behind the entry, when the roster drives it.
    public var roster: RosterLink?
    /// The first day of access (a roster hire date): no accounts before it.
    package var starts: CalendarDate?
    /// On leave with `roster.on_leave: suspend`: accounts deactivated until the leave ends.
    package var suspended = false
    /// When employment ended, as an offboarded entry's `ended_at` says.
    package var endedAt: Timestamp?
    /// The time of day (seconds after midnight in `roster.time_zone`) access ends on the `expires`
    /// day, from the roster's `termination_time`; nil means at the end of that day.
    var endsAtSecond: Int?

    public init(
        id: String, firstName: String?, lastName: String?, email: String?, role: Role?, npi: String?,
        status: StaffStatus, expires: CalendarDate?, practices: [PracticeAssignment], declaredAt: SourceLocation,
        rosterID: String? = nil
    ) {
        self.rosterID = rosterID
        self.id = id
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.role = role
        self.npi = npi
        self.status = status
        self.expires = expires
        self.practices = practices
        self.declaredAt = declaredAt
    }
}

public enum StaffStatus: String, Sendable, Equatable, CaseIterable {
    case active
    /// Deactivated everywhere, never deleted.
    case offboarded
}

/// One person's account in one athenaOne practice.
public struct PracticeAssignment: Sendable, Equatable {
    public var practice: String
    package var username: String
    /// An athenaOne user id pinned by the config; it wins over the username when matching.
    package var userID: Int?
    /// Department names declared for the practice.
    public var departments: [String]
    /// This person's supervising provider's account in the same practice, resolved by the loader.
    package var supervising: SupervisorAccount?
    /// Made from `roster.username`, not written by anyone: an account already holding it under
    /// another email is someone else's, and the person is held back rather than matched to it.
    package var generated = false

    public init(
        practice: String, username: String, userID: Int?, departments: [String], supervising: SupervisorAccount?
    ) {
        self.practice = practice
        self.username = username
        self.userID = userID
        self.departments = departments
        self.supervising = supervising
    }
}

/// The account of a supervising provider in one practice: the staff entry it
/// belongs to and how that entry names its account there.
public struct SupervisorAccount: Sendable, Equatable {
    package var staffID: String
    package var username: String
    package var userID: Int?

    public init(staffID: String, username: String, userID: Int?) {
        self.staffID = staffID
        self.username = username
        self.userID = userID
    }
}
