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
}
