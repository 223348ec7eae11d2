import Testing

@testable import RollcallCore

@Suite struct KeySetTests {
    @Test func eachKeyIsItsOwnBitAndNoOther() {
        let keys = StaffKey.allCases
        #expect(keys.count <= 64, "a KeySet holds at most 64 keys")
        for (index, key) in keys.enumerated() {
            let set = KeySet([key])
            #expect(StaffKey.position(of: key) == index)
            #expect(keys.filter { set.contains($0) } == [key])
        }
        let some = KeySet<StaffKey>([.email, .npi, .practices])
        #expect(keys.filter { some.contains($0) } == [.email, .npi, .practices])
    }

    @Test func aKeyIsFoundByItsSpellingOnly() {
        #expect(StaffKey(configKey: "first_name") == .firstName)
        #expect(StaffKey(configKey: "firstName") == nil)
        #expect(StaffKey(configKey: "First_Name") == nil)
        #expect(AssignmentKey.names == AssignmentKey.allCases.map(\.rawValue))
    }

    /// A key is looked up by its length first, which holds only because every name is lower-case
    /// ASCII, digits and `_`: no other text is canonically equal to such a name. A text that is
    /// (a Kelvin sign for a `k`, say) is no key.
    @Test func everyKeyNameIsPlainLowerCaseASCII() {
        let lists = [
            RootKey.names, SystemsKey.names, AthenaKey.names, PracticeKey.names, HealthieKey.names, PolicyKey.names,
            IgnoreKey.names, RoleKey.names, AthenaRoleKey.names, HealthieRoleKey.names, StaffKey.names,
            AssignmentKey.names, RosterKey.names, RosterField.names, RosterLifecycle.names,
        ]
        for name in lists.joined() {
            #expect(
                name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F },
                "\(name)")
        }
        #expect(StaffKey(configKey: "first_nam") == nil)
        #expect(StaffKey(configKey: "first_names") == nil)
        #expect(StaffKey(configKey: "e\u{301}mail") == nil)
    }
}
