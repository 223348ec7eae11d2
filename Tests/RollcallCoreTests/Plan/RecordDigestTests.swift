import RollcallCore
import Testing

/// A record's digest covers exactly its declared fields: any of them changing changes it,
/// anything else (fields outside the list, where the config lives) does not.
@Suite struct RecordDigestTests {
    static let user = LiveAthenaUser(
        userID: 7, username: "alee", firstName: "Ann", lastName: "Lee", userType: "STAFF", active: true,
        email: "ann@clinic.org", npi: "1234567893", departmentIDs: [1, 3], providerID: 40, supervisingProviderID: 41,
        schedulingName: "LEE")

    static let athenaEdits: [(String, @Sendable (inout LiveAthenaUser) -> Void)] = [
        ("username", { $0.username = "alee2" }), ("first name", { $0.firstName = "Anne" }),
        ("last name", { $0.lastName = "Li" }), ("usertype", { $0.userType = "ADMIN" }),
        ("active", { $0.active = false }), ("email", { $0.email = nil }), ("npi", { $0.npi = "1245319599" }),
        ("departments", { $0.departmentIDs = [1] }), ("provider", { $0.providerID = nil }),
        ("supervisor", { $0.supervisingProviderID = 42 }), ("scheduling name", { $0.schedulingName = nil }),
    ]

    @Test func everyHashedAthenaFieldChangesTheDigest() {
        let before = RecordDigest.of(Self.user)
        #expect(before.scheme == "athena-user/1")
        #expect(before.sha256.count == 64)
        for (name, edit) in Self.athenaEdits {
            var changed = Self.user
            edit(&changed)
            #expect(RecordDigest.of(changed) != before, "changing the \(name) must change the digest")
        }
    }

    /// Departments are a set to athenaOne; the user id is the record's identity, held by the operation.
    @Test func whatIsNotHashedLeavesTheDigestAlone() {
        var reordered = Self.user
        reordered.departmentIDs = [3, 1]
        #expect(RecordDigest.of(reordered) == RecordDigest.of(Self.user))
        var moved = Self.user
        moved.userID = 8
        #expect(RecordDigest.of(moved) == RecordDigest.of(Self.user))
    }

    static let member = LiveHealthieMember(
        userID: "9", membershipID: "m9", email: "ann@clinic.org", firstName: "Ann", lastName: "Lee", active: true,
        orgRole: "Support", isAdmin: false, isProvider: false,
        permissions: ["can_order_labs": true, "can_see_billing": false])

    @Test func healthieDigestsCoverTheRoleFieldsAndOnlyTheManagedFlags() {
        let managed: Set = ["can_order_labs"]
        let before = RecordDigest.of(Self.member, managedFlags: managed)
        #expect(before.scheme == "healthie-member/1")
        let edits: [(String, (inout LiveHealthieMember) -> Void)] = [
            ("active", { $0.active = false }), ("org role", { $0.orgRole = "Standard" }),
            ("admin", { $0.isAdmin = true }), ("provider", { $0.isProvider = true }),
            ("a managed flag", { $0.permissions["can_order_labs"] = false }),
        ]
        for (name, edit) in edits {
            var changed = Self.member
            edit(&changed)
            #expect(RecordDigest.of(changed, managedFlags: managed) != before, "changing \(name) must change it")
        }
        var unmanaged = Self.member
        unmanaged.permissions["can_see_billing"] = true
        unmanaged.firstName = "Anne"
        #expect(RecordDigest.of(unmanaged, managedFlags: managed) == before)
    }

    @Test func theConfigDigestNamesFilesRelativeToTheConfigRoot() {
        let bytes = Array("version: 1\n".utf8)
        let here = ConfigDigest.of([ConfigSourceFile(path: "/home/ci/checkout-1/clinic/staff.yaml", bytes: bytes)])
        let there = ConfigDigest.of([ConfigSourceFile(path: "clinic/staff.yaml", bytes: bytes)])
        #expect(here == there)
        #expect(ConfigDigest.of([ConfigSourceFile(path: "clinic/roles.yaml", bytes: bytes)]) != here)
        #expect(ConfigDigest.of([ConfigSourceFile(path: "clinic/staff.yaml", bytes: bytes + [0x0A])]) != here)
    }
}
