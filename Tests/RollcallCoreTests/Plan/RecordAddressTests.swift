import Foundation
import RollcallCore
import Testing

/// Addresses render from their parts and parse back to the same parts, whatever a username holds.
@Suite struct RecordAddressTests {
    static let addresses: [RecordAddress] = [
        .athenaUser(practice: "main", username: "jdoe"),
        .athenaUser(practice: "main", username: "a[b"),
        .athenaUser(practice: "main", username: "evil\"].user[\"admin"),
        .athenaUser(practice: "north-2", username: #"back\slash]"#),
        .athenaDepartment(practice: "main", name: "Main Clinic"),
        .athenaPractice("main"),
        .healthieMember(email: "Ann.Lee@Clinic.org"),
        .healthieClient(email: "fd@clinic.org"),
        .healthieOrganization,
        .staff("jane.doe"),
        .policy("max_deactivations"),
    ]

    @Test(arguments: addresses)
    func theTextFormParsesBackToTheSameAddress(address: RecordAddress) throws {
        #expect(RecordAddress(parsing: address.description) == address)
        let json = try JSONEncoder().encode([address])
        #expect(try JSONDecoder().decode([RecordAddress].self, from: json) == [address])
    }

    @Test func theTextFormIsTerraformStyle() {
        #expect(
            RecordAddress.athenaUser(practice: "main", username: "jdoe").description == #"athena[main].user["jdoe"]"#)
        #expect(RecordAddress.healthieMember(email: "A@B.org").description == #"healthie.member["a@b.org"]"#)
        #expect(RecordAddress.athenaPractice("main").description == "athena[main]")
        #expect(RecordAddress.staff("x").description == #"staff["x"]"#)
        #expect(RecordAddress.policy("min_admins").description == "policy.min_admins")
    }

    /// A username cannot close the quotes and forge another record's address.
    @Test func aHostileUsernameCannotForgeAnotherAddress() {
        let hostile = RecordAddress.athenaUser(practice: "main", username: "x\"].user[\"admin")
        let admin = RecordAddress.athenaUser(practice: "main", username: "admin")
        #expect(hostile.description != admin.description)
        #expect(hostile.description == #"athena[main].user["x\"\].user[\"admin"]"#)
        #expect(RecordAddress(parsing: hostile.description)?.key == "x\"].user[\"admin")
    }

    @Test(arguments: [
        "", "athena", "athena[]", "athena[main].user[jdoe]", #"athena[main].user["jdoe""#,
        #"athena[main].user["jdoe"]x"#, #"athena[main].group["x"]"#, #"healthie.member["A@b.org"]"#,
        "healthie.members", #"staff["unterminated]"#, "policy.", "policy.min admins", #"athena[main].user["a\"#,
    ])
    func textRollcallDoesNotWriteIsRefused(text: String) {
        #expect(RecordAddress(parsing: text) == nil)
    }

    @Test func changeIDsDependOnlyOnTheActionAndTheAddress() {
        let address = RecordAddress.athenaUser(practice: "main", username: "jdoe")
        let id = ChangeID.make(address: address, action: .update)
        #expect(id.count == 16 && id.allSatisfy(\.isHexDigit))
        #expect(ChangeID.make(address: address, action: .update) == id)
        #expect(ChangeID.make(address: address, action: .deactivate) != id)
        #expect(ChangeID.make(address: .athenaUser(practice: "north", username: "jdoe"), action: .update) != id)
    }
}
