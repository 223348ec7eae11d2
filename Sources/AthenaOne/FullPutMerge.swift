import RollcallCore

/// athenaOne's PUT replaces the whole user: a field the body leaves out is
/// cleared (email, NPI, departments, supervising provider…) and `active` falls
/// back to true. So an update never sends only what changed: it sends the whole
/// record as just read, with the change laid over it, and then reads the record
/// back to prove every field holds what was meant.
enum FullPutMerge {
    /// Every writable field of `user`, as the form a PUT sends. Empty fields are
    /// left out, which is how athenaOne is told they are empty.
    static func form(_ user: LiveAthenaUser) -> [(String, String)] {
        let order = [
            "username", "firstname", "lastname", "usertype", "active", "email", "npi", "departmentids", "providerid",
            "supervisingproviderid", "schedulingname",
        ]
        let fields = user.writableFields
        return order.compactMap { name in
            guard let value = fields[name], !value.isEmpty else { return nil }
            return (name, value)
        }
    }

    /// The writable fields whose read-back differs from what was sent, by name.
    static func mismatches(expected: LiveAthenaUser, actual: LiveAthenaUser) -> [String] {
        let want = expected.writableFields
        let got = actual.writableFields
        return want.keys.sorted().filter { want[$0] != got[$0] }
    }
}
