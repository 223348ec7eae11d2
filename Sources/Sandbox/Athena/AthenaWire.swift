import RollcallCore

/// Records as athenaOne answers them: every value a JSON string, booleans and ids
/// included, and empty fields left out.
struct AthenaUserWire: AthenaJSONRecord {
    var userid: String
    var username: String
    var firstname: String
    var lastname: String
    var usertype: String
    var active: String
    var email: String?
    var npi: String?
    var departmentids: [String]?
    var providerid: String?
    var supervisingproviderid: String?
    var schedulingname: String?
    var personid: String?
    var createddatetime: String?

    init(_ user: AthenaUser) {
        userid = String(user.userid)
        username = user.username
        firstname = user.firstname
        lastname = user.lastname
        usertype = user.usertype
        active = String(user.active)
        email = user.email
        npi = user.npi
        departmentids = user.departmentids.isEmpty ? nil : user.departmentids.map(String.init)
        providerid = user.providerid.map(String.init)
        supervisingproviderid = user.supervisingproviderid.map(String.init)
        schedulingname = user.schedulingname
        personid = user.personid.map(String.init)
        createddatetime = user.createddatetime
    }

    func write(to json: inout AthenaJSON) {
        json.object([
            "active": .string(active), "createddatetime": createddatetime.map(AthenaJSON.Value.string),
            "departmentids": departmentids.map(AthenaJSON.Value.strings), "email": email.map(AthenaJSON.Value.string),
            "firstname": .string(firstname), "lastname": .string(lastname), "npi": npi.map(AthenaJSON.Value.string),
            "personid": personid.map(AthenaJSON.Value.string), "providerid": providerid.map(AthenaJSON.Value.string),
            "schedulingname": schedulingname.map(AthenaJSON.Value.string),
            "supervisingproviderid": supervisingproviderid.map(AthenaJSON.Value.string), "userid": .string(userid),
            "username": .string(username), "usertype": .string(usertype),
        ])
    }
}

struct AthenaProviderWire: AthenaJSONRecord {
    var providerid: String
    var firstname: String
    var lastname: String
    var npi: String?
    var userid: String?
    var active: String

    init(_ provider: AthenaProvider) {
        providerid = String(provider.providerid)
        firstname = provider.firstname
        lastname = provider.lastname
        npi = provider.npi
        userid = provider.userid.map(String.init)
        active = String(provider.active)
    }

    func write(to json: inout AthenaJSON) {
        json.object([
            "active": .string(active), "firstname": .string(firstname), "lastname": .string(lastname),
            "npi": npi.map(AthenaJSON.Value.string), "providerid": .string(providerid),
            "userid": userid.map(AthenaJSON.Value.string),
        ])
    }
}

struct AthenaDepartmentWire: AthenaJSONRecord {
    var departmentid: String
    var name: String
    var active: String

    init(_ department: AthenaDepartment) {
        departmentid = String(department.departmentid)
        name = department.name
        active = "true"
    }

    func write(to json: inout AthenaJSON) {
        json.object(["active": .string(active), "departmentid": .string(departmentid), "name": .string(name)])
    }
}

/// A page of a list: `totalcount`, the records under the list's own key, and
/// `next`/`previous` links (relative, with `/v1/{practiceid}`) when there are more.
struct AthenaPage<Record: Encodable & Sendable>: Encodable, Sendable {
    var key: String
    var records: [Record]
    var totalcount: Int
    var next: String?
    var previous: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NamedCodingKey.self)
        try container.encode(totalcount, forKey: NamedCodingKey("totalcount"))
        try container.encode(records, forKey: NamedCodingKey(key))
        try container.encodeIfPresent(next, forKey: NamedCodingKey("next"))
        try container.encodeIfPresent(previous, forKey: NamedCodingKey("previous"))
    }
}
