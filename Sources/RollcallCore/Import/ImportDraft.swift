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
    public var unwritable: [String]
    /// Healthie clients (patients) under an email a staff account also has.
    public var misroutedClients: [LiveHealthieClient]
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
    public var holders: Int
}

public struct ImportedStaff: Sendable, Equatable {
    public var id: String
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var role: String?
    public var npi: String?
    public var status: StaffStatus
    public var practices: [ImportedAssignment]
    /// Why the entry is as it is (not joined, a field left unmanaged), written as comments.
    public var notes: [String]
    /// The roster row the entry was linked to by email, written as `roster_id`.
    public var rosterID: String?
}

public struct ImportedAssignment: Sendable, Equatable {
    public var practice: String
    public var username: String
    public var userID: Int
    /// `nil` when the departments are left unmanaged.
    public var departments: [String]?
    /// The supervising provider's staff id.
    public var supervising: String?
}
