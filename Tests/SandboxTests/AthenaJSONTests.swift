import Foundation
import Testing

@testable import Sandbox

/// The simulator writes its list pages itself; the text must be what `JSONEncoder` writes
/// with sorted keys and unescaped slashes, byte for byte, whatever a record holds.
@Suite struct AthenaJSONTests {
    static func encoded<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Every control character, quotes, backslashes, slashes and text beyond ASCII.
    static let awkward =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined() + #"a"b\c/d é 漢 🙂 \u{7F}"#

    @Test func pagesOfEveryRecordAreWhatJSONEncoderWrites() throws {
        let users = [
            AthenaUser(
                userid: 7, username: Self.awkward, firstname: "Ann", lastname: "O'Neil", usertype: "CLINICAL",
                active: false, email: "a/b@example.org", npi: "123", departmentids: [1, 22], providerid: 3,
                supervisingproviderid: 4, schedulingname: "Dr \"A\"", personid: 9, createddatetime: "06/01/2024"),
            AthenaUser(userid: 8, username: "bare", firstname: "", lastname: "B", usertype: "ADMIN"),
        ].map(AthenaUserWire.init)
        let providers = [
            AthenaProvider(providerid: 1, firstname: Self.awkward, lastname: "L", npi: nil, userid: 7, active: true),
            AthenaProvider(providerid: 2, firstname: "F", lastname: "L", npi: "9", userid: nil, active: false),
        ].map(AthenaProviderWire.init)
        let departments = [AthenaDepartment(departmentid: 5, name: Self.awkward)].map(AthenaDepartmentWire.init)
        for (next, previous) in [(nil, nil), ("/v1/1/users?limit=2&offset=4", "/v1/1/users?limit=2&offset=0")] {
            let userPage = AthenaPage(key: "users", records: users, totalcount: 9, next: next, previous: previous)
            #expect(String(decoding: userPage.json, as: UTF8.self) == (try Self.encoded(userPage)))
            let providerPage = AthenaPage(
                key: "providers", records: providers, totalcount: 2, next: next, previous: previous)
            #expect(String(decoding: providerPage.json, as: UTF8.self) == (try Self.encoded(providerPage)))
            let departmentPage = AthenaPage(
                key: "departments", records: departments, totalcount: 1, next: next, previous: previous)
            #expect(String(decoding: departmentPage.json, as: UTF8.self) == (try Self.encoded(departmentPage)))
        }
        let empty = AthenaPage<AthenaUserWire>(key: "users", records: [], totalcount: 0, next: nil, previous: nil)
        #expect(String(decoding: empty.json, as: UTF8.self) == (try Self.encoded(empty)))
    }
}
