import Foundation

/// An athenaOne API client: the OAuth credentials and the scopes it may be granted.
package struct AthenaClient: Codable, Sendable, Hashable {
    package var id: String
    package var secret: String
    package var scopes: [String]

    package init(id: String, secret: String, scopes: [String]) {
        self.id = id
        self.secret = secret
        self.scopes = scopes
    }
}

/// One practice's records. Practices never see each other's records.
package struct AthenaPractice: Codable, Sendable, Hashable {
    package var departments: [AthenaDepartment]
    package var providers: [AthenaProvider]
    package var users: [AthenaUser]

    package init(departments: [AthenaDepartment] = [], providers: [AthenaProvider] = [], users: [AthenaUser] = []) {
        self.departments = departments
        self.providers = providers
        self.users = users
    }

    enum CodingKeys: String, CodingKey { case departments, providers, users }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        departments = try container.decodeIfPresent([AthenaDepartment].self, forKey: .departments) ?? []
        providers = try container.decodeIfPresent([AthenaProvider].self, forKey: .providers) ?? []
        users = try container.decodeIfPresent([AthenaUser].self, forKey: .users) ?? []
    }
}

/// A department. Hidden departments are listed only when `showalldepartments=1` is asked for.
package struct AthenaDepartment: Codable, Sendable, Hashable {
    package var departmentid: Int
    package var name: String
    package var hidden: Bool

    package init(departmentid: Int, name: String, hidden: Bool = false) {
        self.departmentid = departmentid
        self.name = name
        self.hidden = hidden
    }

    enum CodingKeys: String, CodingKey { case departmentid, name, hidden }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        departmentid = try container.decode(Int.self, forKey: .departmentid)
        name = try container.decode(String.self, forKey: .name)
        hidden = try container.decodeIfPresent(Bool.self, forKey: .hidden) ?? false
    }
}

/// A provider record: separate from the login account, which may point at it by `providerid`.
package struct AthenaProvider: Codable, Sendable, Hashable {
    package var providerid: Int
    package var firstname: String
    package var lastname: String
    package var npi: String?
    package var userid: Int?
    package var active: Bool

    package init(providerid: Int, firstname: String, lastname: String, npi: String?, userid: Int?, active: Bool) {
        self.providerid = providerid
        self.firstname = firstname
        self.lastname = lastname
        self.npi = npi
        self.userid = userid
        self.active = active
    }

    enum CodingKeys: String, CodingKey { case providerid, firstname, lastname, npi, userid, active }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        providerid = try container.decode(Int.self, forKey: .providerid)
        firstname = try container.decode(String.self, forKey: .firstname)
        lastname = try container.decode(String.self, forKey: .lastname)
        npi = try container.decodeIfPresent(String.self, forKey: .npi)
        userid = try container.decodeIfPresent(Int.self, forKey: .userid)
        active = try container.decodeIfPresent(Bool.self, forKey: .active) ?? true
    }
}

/// A staff login account, with the seed's field names.
package struct AthenaUser: Codable, Sendable, Hashable {
    package var userid: Int
    package var username: String
    package var firstname: String
    package var lastname: String
    package var usertype: String
    package var active: Bool
    package var email: String?
    package var npi: String?
    package var departmentids: [Int]
    package var providerid: Int?
    package var supervisingproviderid: Int?
    package var schedulingname: String?
    package var personid: Int?
    package var createddatetime: String?

    package init(
        userid: Int, username: String, firstname: String, lastname: String, usertype: String, active: Bool = true,
        email: String? = nil, npi: String? = nil, departmentids: [Int] = [], providerid: Int? = nil,
        supervisingproviderid: Int? = nil, schedulingname: String? = nil, personid: Int? = nil,
        createddatetime: String? = nil
    ) {
        self.userid = userid
        self.username = username
        self.firstname = firstname
        self.lastname = lastname
        self.usertype = usertype
        self.active = active
        self.email = email
        self.npi = npi
        self.departmentids = departmentids
        self.providerid = providerid
        self.supervisingproviderid = supervisingproviderid
        self.schedulingname = schedulingname
        self.personid = personid
        self.createddatetime = createddatetime
    }

    enum CodingKeys: String, CodingKey {
        case userid, username, firstname, lastname, usertype, active, email, npi, departmentids, providerid
        case supervisingproviderid, schedulingname, personid, createddatetime
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userid = try container.decode(Int.self, forKey: .userid)
        username = try container.decode(String.self, forKey: .username)
        firstname = try container.decode(String.self, forKey: .firstname)
        lastname = try container.decode(String.self, forKey: .lastname)
        usertype = try container.decode(String.self, forKey: .usertype)
        active = try container.decodeIfPresent(Bool.self, forKey: .active) ?? true
        email = try container.decodeIfPresent(String.self, forKey: .email)
        npi = try container.decodeIfPresent(String.self, forKey: .npi)
        // A list, or one comma-separated string as athenaOne itself writes it ("1,2").
        if let text = try? container.decodeIfPresent(String.self, forKey: .departmentids),
            let ids = Self.commaSeparatedIDs(text)
        {
            departmentids = ids
        } else {
            departmentids = try container.decodeIfPresent([Int].self, forKey: .departmentids) ?? []
        }
        providerid = try container.decodeIfPresent(Int.self, forKey: .providerid)
        supervisingproviderid = try container.decodeIfPresent(Int.self, forKey: .supervisingproviderid)
        schedulingname = try container.decodeIfPresent(String.self, forKey: .schedulingname)
        personid = try container.decodeIfPresent(Int.self, forKey: .personid)
        createddatetime = try container.decodeIfPresent(String.self, forKey: .createddatetime)
    }

    /// `"1, 2"` as `[1, 2]`; nil unless every part is a whole number.
    static func commaSeparatedIDs(_ text: String) -> [Int]? {
        var ids: [Int] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = Int(part.trimmingCharacters(in: .whitespaces)) else { return nil }
            ids.append(id)
        }
        return ids
    }
}
