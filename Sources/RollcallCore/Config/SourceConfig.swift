/// The config as written, one value per key with the place it was written.
///
/// One file decodes into one `SourceConfig`; a directory's files are
/// concatenated with `merging(_:)`. Nothing here is checked across entries:
/// `ConfigValidator` does that and produces a `Config`.
struct SourceConfig: Sendable {
    var versions: [Located<Int>] = []
    /// Whether any file wrote `version`, even a value that did not decode.
    var versionDeclared = false
    var athenaBaseURLs: [Located<String>] = []
    var practices: [SourcePractice] = []
    var healthie: [SourceHealthie] = []
    var policy = SourcePolicy()
    var roles: [SourceRole] = []
    var staff: [SourceStaff] = []
    /// Each file's `roster` section: only one may be given.
    var rosters: [SourceRoster] = []

    /// Appends `other`'s entries; duplicates are left for the validator to report with both places.
    mutating func merge(_ other: SourceConfig) {
        versions += other.versions
        versionDeclared = versionDeclared || other.versionDeclared
        athenaBaseURLs += other.athenaBaseURLs
        practices += other.practices
        healthie += other.healthie
        policy.merge(other.policy)
        roles += other.roles
        // The first file's staff are taken as they are: appending them to an empty list copied
        // every person, 10,000 copies for 10,000 people in one file.
        if staff.isEmpty { staff = other.staff } else { staff += other.staff }
        rosters += other.rosters
    }
}

struct SourcePractice: Sendable {
    var key: Located<String>
    var practiceID: Located<Int>?
    var departments: [Located<String>]
    /// False when decoding the practice reported a problem, so its departments may be missing;
    /// checks against them are skipped rather than repeating one mistake at every reference.
    var complete = true
}

struct SourceHealthie: Sendable {
    var declaredAt: SourceLocation
    var baseURL: Located<String>?
    var organizationID: Located<String>?
    var apiVersion: Located<String>?
    var sendInviteEmail: Located<Bool>?
}

/// Policy keys; each is a list so that the same key set in two files can be reported.
struct SourcePolicy: Sendable {
    var unmanaged: [Located<UnmanagedPolicy>] = []
    var maxDeactivations: [Located<DeactivationLimit>] = []
    var minAdmins: [Located<Int>] = []
    /// Each `protected:` list, located at its key.
    var protected: [Located<[Located<ProtectedAccount>]>] = []
    /// Each `ignore:` list, located at its key.
    var ignore: [Located<[IgnoreRule]>] = []
    var offboardingSLA: [Located<TimeSpan>] = []
    var dormantAfter: [Located<TimeSpan>] = []

    mutating func merge(_ other: SourcePolicy) {
        offboardingSLA += other.offboardingSLA
        dormantAfter += other.dormantAfter
        unmanaged += other.unmanaged
        maxDeactivations += other.maxDeactivations
        minAdmins += other.minAdmins
        protected += other.protected
        ignore += other.ignore
    }
}

struct SourceRole: Sendable {
    var name: Located<String>
    var description: String?
    var athena: Located<AthenaUserType>?
    var hasAthena: Bool
    var healthie: SourceHealthieRole?
    /// False when decoding the role reported a problem; checks that depend on its settings are skipped.
    var complete = true
}

struct SourceHealthieRole: Sendable {
    var declaredAt: SourceLocation
    var orgRole: HealthieOrgRole?
    var admin: Bool?
    var provider: Bool?
    var permissions: [String: Bool]
}

struct SourceStaff: Sendable {
    var declaredAt: SourceLocation
    var id: Located<String>?
    var firstName: Located<String>?
    var lastName: Located<String>?
    var email: Located<String>?
    var role: Located<String>?
    var npi: Located<String>?
    var status: Located<StaffStatus>?
    var expires: Located<CalendarDate>?
    var endedAt: Located<Timestamp>?
    var rosterID: Located<String>?
    var practices: [SourceAssignment] = []
    /// Keys the entry wrote, including those whose value was refused (and reported), so a
    /// bad value is not reported a second time as a missing key.
    var written = KeySet<StaffKey>()
}

struct SourceAssignment: Sendable {
    var practice: Located<String>
    var username: Located<String>?
    var userID: Located<Int>?
    var departments: [Located<String>]
    var supervising: Located<String>?
}

struct SourceRoster: Sendable {
    var declaredAt: SourceLocation
    var file: Located<String>?
    var key: Located<String>?
    var columns: [RosterField: Located<String>] = [:]
    var statuses: [RosterLifecycle: [String]]?
    var dateFormat: RosterDateFormat = .iso
    var onLeave: RosterLeavePolicy = .keep
    var timeZone: ClinicTimeZone?
    var username: Located<String>?
    /// Job title to a role name, or nil for `none`.
    var roles: [(title: Located<String>, role: Located<String>?)] = []
    /// Location to its placements, or nil for `none`.
    var locations: [(name: Located<String>, placements: [SourceRosterPlacement]?)] = []
}

struct SourceRosterPlacement: Sendable {
    var practice: Located<String>
    var departments: [Located<String>]
}
