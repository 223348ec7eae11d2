/// An athenaOne login account with every field the user API reads and writes.
///
/// The writable fields are exactly what a full PUT must send back: any of them
/// left out of a PUT is cleared by athenaOne.
public struct LiveAthenaUser: Sendable, Equatable, Hashable, Codable {
    package var userID: Int
    package var username: String
    package var firstName: String
    package var lastName: String
    /// As athenaOne spells it; kept as text because a live system may hold types Rollcall does not manage.
    package var userType: String
    public var active: Bool
    public var email: String?
    package var npi: String?
    package var departmentIDs: [Int]
    package var providerID: Int?
    package var supervisingProviderID: Int?
    package var schedulingName: String?

    public init(
        userID: Int, username: String, firstName: String, lastName: String, userType: String, active: Bool = true,
        email: String? = nil, npi: String? = nil, departmentIDs: [Int] = [], providerID: Int? = nil,
        supervisingProviderID: Int? = nil, schedulingName: String? = nil
    ) {
        self.userID = userID
        self.username = username
        self.firstName = firstName
        self.lastName = lastName
        self.userType = userType
        self.active = active
        self.email = email
        self.npi = npi
        self.departmentIDs = departmentIDs
        self.providerID = providerID
        self.supervisingProviderID = supervisingProviderID
        self.schedulingName = schedulingName
    }

    enum CodingKeys: String, CodingKey {
        case username, active, email, npi
        case userID = "user_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case userType = "user_type"
        case departmentIDs = "department_ids"
        case providerID = "provider_id"
        case supervisingProviderID = "supervising_provider_id"
        case schedulingName = "scheduling_name"
    }

    /// The fields a full PUT writes, by their athenaOne names, with the values this record holds.
    /// Departments are compared as a set: athenaOne does not promise their order.
    package var writableFields: [String: String] {
        [
            "username": username, "firstname": firstName, "lastname": lastName, "usertype": userType,
            "active": active ? "true" : "false", "email": email ?? "", "npi": npi ?? "",
            "departmentids": departmentIDs.sorted().map(String.init).joined(separator: ","),
            "providerid": providerID.map(String.init) ?? "",
            "supervisingproviderid": supervisingProviderID.map(String.init) ?? "",
            "schedulingname": schedulingName ?? "",
        ]
    }
}

/// A provider record: where NPI and scheduling live, separate from the login account.
public struct LiveAthenaProvider: Sendable, Equatable, Hashable, Codable {
    package var providerID: Int
    package var firstName: String
    package var lastName: String
    package var npi: String?
    /// The login account linked to this provider, when athenaOne says.
    package var userID: Int?
    public var active: Bool

    public init(
        providerID: Int, firstName: String, lastName: String, npi: String? = nil, userID: Int? = nil,
        active: Bool = true
    ) {
        self.providerID = providerID
        self.firstName = firstName
        self.lastName = lastName
        self.npi = npi
        self.userID = userID
        self.active = active
    }

    enum CodingKeys: String, CodingKey {
        case npi, active
        case providerID = "provider_id"
        case firstName = "first_name"
        case lastName = "last_name"
        case userID = "user_id"
    }
}

public struct LiveDepartment: Sendable, Equatable, Hashable, Codable {
    package var departmentID: Int
    public var name: String

    public init(departmentID: Int, name: String) {
        self.departmentID = departmentID
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case name
        case departmentID = "department_id"
    }
}
