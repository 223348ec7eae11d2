/// What `rollcall import` found a live clinic to be, as config: every live account is
/// in it, as a staff entry or as a protected account, or named in `unwritable`.
public struct ImportDraft: Sendable, Equatable {
    public var athena: AthenaSettings?
    public var healthie: HealthieSettings?
    public var protected: [ProtectedEntry]
    public var roles: [InferredRole]
    /// Sorted by id.
    public var staff: [ImportedStaff]
    /// Live accounts no config can describe (a username with a control character, say),
    /// each as a reviewer reads it; an import with any fails its round trip.
    package var unwritable: [String]
    /// Healthie clients (patients) under an email a staff account also has.
    package var misroutedClients: [LiveHealthieClient]
    /// With a roster in the config imported from: the rows linked and the mapping inferred.
    public var roster: ImportedRoster?
}

/// An account under `policy.protected`, with why it is there.
public struct ProtectedEntry: Sendable, Equatable {
    public var account: ProtectedAccount
    public var reason: String
}

/// A role made from what a group of people hold: one signature of access, one role.
public struct InferredRole: Sendable, Equatable {
    public var name: String
    public var description: String
    public var athena: AthenaUserType?
    public var healthie: HealthieRole?
    /// Active staff entries that hold it.
    package var holders: Int
}

public struct ImportedStaff: Sendable, Equatable {
    public var id: String
    package var firstName: String?
    package var lastName: String?
    public var email: String?
    package var role: String?
    package var npi: String?
    public var status: StaffStatus
    public var practices: [ImportedAssignment]
    /// Why the entry is as it is (not joined, a field left unmanaged), written as comments.
    package var notes: [String]
    /// The roster row the entry was linked to by email, written as `roster_id`.
    package var rosterID: String?
}

public struct ImportedAssignment: Sendable, Equatable {
    public var practice: String
    package var username: String
    package var userID: Int
    /// `nil` when the departments are left unmanaged.
    public var departments: [String]?
    /// The supervising provider's staff id.
    package var supervising: String?
}
