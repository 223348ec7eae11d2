import Sandbox

/// A live sandbox state of any size, for connector tests and the benchmark:
/// practices with departments (one hidden), providers and users, and a Healthie
/// organization with members, an admin key and a few clients.
package enum SyntheticSandbox {
    package static let firstPracticeID = 195_900
    package static let organizationID = "4242"
    package static let adminKey = "synthetic-admin-key"
    package static let plainKey = "synthetic-plain-key"

    package static func state(practices: Int = 1, usersPerPractice: Int, members: Int = 0) -> SandboxState {
        var athena: [String: AthenaPractice] = [:]
        for index in 0..<practices {
            athena[String(firstPracticeID + index)] = practice(users: usersPerPractice)
        }
        var healthieMembers = [
            HealthieMember(
                id: "1", membershipID: "m1", email: "it-admin@example.org", firstName: "Ida", lastName: "Admin",
                isAdmin: true, permissions: ["can_edit_members": true])
        ]
        for index in 0..<members {
            let id = String(10_000 + index)
            var member = HealthieMember(
                id: id, membershipID: "m\(id)", email: "member\(index)@example.org", firstName: "Member",
                lastName: "Number\(index)", active: index % 17 != 0,
                orgRole: index % 3 == 0 ? "Support" : "Standard",
                isProvider: index % 5 == 0, npi: nil,
                permissions: ["can_see_billing": index % 2 == 0, "can_view_reports": index % 4 == 0])
            // Some never signed in; the rest on a day of 2026 that depends on the member.
            let month = index % 11 + 1
            if index % 7 != 0 { member.lastSignInAt = "2026-\(month < 10 ? "0" : "")\(month)-15T09:30:00Z" }
            healthieMembers.append(member)
        }
        let healthie = HealthieState(
            organizationID: organizationID,
            apiKeys: [
                HealthieAPIKey(key: adminKey, admin: true, userID: "1"),
                HealthieAPIKey(key: plainKey, admin: false, userID: healthieMembers.last?.id),
            ],
            members: healthieMembers,
            clients: [
                HealthieClient(id: "900001", email: "member1@example.org", firstName: "Member", lastName: "Number1"),
                HealthieClient(id: "900002", email: "patient@example.com", firstName: "Pat", lastName: "Ient"),
                HealthieClient(
                    id: "900003", email: "MEMBER2@example.org", firstName: "Member", lastName: "Number2",
                    active: true),
            ])
        return SandboxState(athena: AthenaState(practices: athena), healthie: healthie)
    }

    /// One practice: four departments (the last hidden), a provider for every tenth
    /// user, and users with every optional field set on some of them.
    static func practice(users: Int) -> AthenaPractice {
        var practice = AthenaPractice(departments: [
            AthenaDepartment(departmentid: 1, name: "Main Clinic"),
            AthenaDepartment(departmentid: 2, name: "Pediatrics"),
            AthenaDepartment(departmentid: 3, name: "Lab"),
            AthenaDepartment(departmentid: 9, name: "Closed Annex", hidden: true),
        ])
        for index in 0..<users {
            let userID = 1_000 + index
            var providerID: Int?
            if index % 10 == 0 {
                let id = 500 + index / 10
                practice.providers.append(
                    AthenaProvider(
                        providerid: id, firstname: "Doc", lastname: "Tor\(index)", npi: "1234567893", userid: userID,
                        active: true))
                providerID = id
            }
            practice.users.append(
                AthenaUser(
                    userid: userID, username: "user\(index)", firstname: "First\(index)", lastname: "Last\(index)",
                    usertype: providerID == nil ? "STAFF" : "PROVIDER", active: index % 23 != 0,
                    email: index % 7 == 0 ? nil : "user\(index)@example.org",
                    npi: providerID == nil ? nil : "1234567893", departmentids: index % 2 == 0 ? [1, 2] : [3],
                    providerid: providerID, supervisingproviderid: providerID == nil && index > 10 ? 500 : nil,
                    schedulingname: providerID == nil ? nil : "Dr Tor\(index)"))
        }
        return practice
    }
}
