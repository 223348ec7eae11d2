import Foundation
import RollcallCore

// swift-format-ignore: AlwaysUseLowerCamelCase
/// A user as athenaOne answers it, read leniently (strings or numbers), with the seed's field names.
struct AthenaUserRecord: AthenaListed {
    static let listKey = "users"
    var userid: LenientInt
    var listedID: Int? { userid.value }
    var username: String
    var firstname: String?
    var lastname: String?
    var usertype: String?
    var active: LenientBool?
    var email: String?
    var npi: String?
    var departmentids: LenientIDList?
    var providerid: LenientInt?
    var supervisingproviderid: LenientInt?
    var schedulingname: String?

    enum CodingKeys: String, CodingKey {
        case userid, username, firstname, lastname, usertype, active, email, npi, departmentids, providerid
        case supervisingproviderid, schedulingname
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        userid = try container.decodeLenient(LenientInt.self, forKey: .userid)
        username = try container.decode(String.self, forKey: .username)
        firstname = try container.decodeIfPresent(String.self, forKey: .firstname)
        lastname = try container.decodeIfPresent(String.self, forKey: .lastname)
        usertype = try container.decodeIfPresent(String.self, forKey: .usertype)
        active = try container.decodeLenientIfPresent(LenientBool.self, forKey: .active)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        npi = try container.decodeIfPresent(String.self, forKey: .npi)
        departmentids = try container.decodeLenientIfPresent(LenientIDList.self, forKey: .departmentids)
        providerid = try container.decodeLenientIfPresent(LenientInt.self, forKey: .providerid)
        supervisingproviderid = try container.decodeLenientIfPresent(LenientInt.self, forKey: .supervisingproviderid)
        schedulingname = try container.decodeIfPresent(String.self, forKey: .schedulingname)
    }

    func live() throws -> LiveAthenaUser {
        guard let id = userid.value else { throw RecordProblem("a user without a userid") }
        return LiveAthenaUser(
            userID: id, username: username, firstName: firstname ?? "", lastName: lastname ?? "",
            userType: usertype ?? "", active: active?.value ?? true, email: nonEmpty(email), npi: nonEmpty(npi),
            departmentIDs: departmentids?.values ?? [], providerID: providerid?.value,
            supervisingProviderID: supervisingproviderid?.value, schedulingName: nonEmpty(schedulingname))
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
struct AthenaProviderRecord: AthenaListed {
    static let listKey = "providers"
    var providerid: LenientInt
    var listedID: Int? { providerid.value }
    var firstname: String?
    var lastname: String?
    var npi: String?
    var userid: LenientInt?
    var active: LenientBool?

    enum CodingKeys: String, CodingKey { case providerid, firstname, lastname, npi, userid, active }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        providerid = try container.decodeLenient(LenientInt.self, forKey: .providerid)
        firstname = try container.decodeIfPresent(String.self, forKey: .firstname)
        lastname = try container.decodeIfPresent(String.self, forKey: .lastname)
        npi = try container.decodeIfPresent(String.self, forKey: .npi)
        userid = try container.decodeLenientIfPresent(LenientInt.self, forKey: .userid)
        active = try container.decodeLenientIfPresent(LenientBool.self, forKey: .active)
    }

    func live() throws -> LiveAthenaProvider {
        guard let id = providerid.value else { throw RecordProblem("a provider without a providerid") }
        return LiveAthenaProvider(
            providerID: id, firstName: firstname ?? "", lastName: lastname ?? "", npi: nonEmpty(npi),
            userID: userid?.value, active: active?.value ?? true)
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
struct AthenaDepartmentRecord: AthenaListed {
    static let listKey = "departments"
    var departmentid: LenientInt
    var listedID: Int? { departmentid.value }
    var name: String

    enum CodingKeys: String, CodingKey { case departmentid, name }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        departmentid = try container.decodeLenient(LenientInt.self, forKey: .departmentid)
        name = try container.decode(String.self, forKey: .name)
    }

    func live() throws -> LiveDepartment {
        guard let id = departmentid.value else { throw RecordProblem("a department without a departmentid") }
        return LiveDepartment(departmentID: id, name: name)
    }
}

/// A record athenaOne sent that Rollcall cannot use.
struct RecordProblem: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

private func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
}

/// One page of a list: `totalcount`, the records under the list's key, and a `next` link when more remain.
struct AthenaListPage<Record: AthenaListed>: Sendable {
    var totalcount: Int
    var records: [Record]
    var next: String?

    static func decode(_ data: Data) throws -> AthenaListPage {
        let page = try JSONDecoder().decode(Raw.self, from: data)
        guard let total = page.totalcount.value else { throw RecordProblem("no totalcount in the answer") }
        return AthenaListPage(totalcount: total, records: page.records, next: page.next)
    }

    private struct Raw: Decodable {
        var totalcount: LenientInt
        var records: [Record]
        var next: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: NamedCodingKey.self)
            totalcount = try container.decodeLenient(LenientInt.self, forKey: NamedCodingKey("totalcount"))
            records = try container.decode([Record].self, forKey: NamedCodingKey(Record.listKey))
            next = try container.decodeIfPresent(String.self, forKey: NamedCodingKey("next"))
        }
    }
}

/// A record athenaOne lists in pages, under its own key (`users`, `providers`, `departments`).
protocol AthenaListed: Decodable, Sendable {
    static var listKey: String { get }
    /// The record's id, which no other record of the list may share.
    var listedID: Int? { get }
}
