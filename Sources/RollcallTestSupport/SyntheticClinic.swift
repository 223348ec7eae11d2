import RollcallCore
import Sandbox

/// A large clinic group for the benchmark: a config and the live state it almost
/// matches. Every tenth person is a physician with a Healthie membership; the
/// rest are athenaOne-only staff, with the occasional admin. The live state
/// drifts from the config in a fixed share of accounts: a missing account, a
/// changed name, a moved department, a deactivated account, a hand-made one.
package struct SyntheticClinic: Sendable {
    package var practices: Int
    package var usersPerPractice: Int

    package init(practices: Int, usersPerPractice: Int) {
        self.practices = practices
        self.usersPerPractice = usersPerPractice
    }

    package var staffCount: Int { practices * usersPerPractice }
    package static let departments = ["Main Clinic", "Pediatrics", "Lab", "Urgent Care"]
    package static let organizationID = "5150"
    /// The `can_*` flags the physician role manages: all a Healthie read of this clinic asks for.
    package static let physicianPermissions = ["can_order_labs", "can_view_labs"]

    func practiceKey(_ index: Int) -> String { "p\(index + 1)" }
    func practiceID(_ index: Int) -> Int { 300_000 + index }

    static func role(_ index: Int) -> String {
        index % 10 == 0 ? "physician" : index % 97 == 5 ? "admin" : "staff"
    }

    package func configYAML() -> String {
        var out = "version: 1\nsystems:\n  athena:\n    practices:\n"
        for practice in 0..<practices {
            out +=
                "      \(practiceKey(practice)): { practiceid: \(practiceID(practice)), "
                + "departments: [\(Self.departments.joined(separator: ", "))] }\n"
        }
        out += """
              healthie: { organization_id: "\(Self.organizationID)" }
            policy:
              unmanaged: report
              max_deactivations: "5%"
              min_admins: 1
              protected: [healthie:it-admin@clinic.example, \((0..<practices).map { "athena:\(practiceKey($0))/apiuser" }.joined(separator: ", "))]
            roles:
              physician:
                athena: { usertype: PROVIDER }
                healthie: { org_role: Standard, provider: true, permissions: { \(Self.physicianPermissions.map { "\($0): true" }.joined(separator: ", ")) } }
              staff: { athena: { usertype: STAFF } }
              admin: { athena: { usertype: ADMIN } }
            staff:

            """
        for index in 0..<staffCount {
            let role = Self.role(index)
            out += "  - { id: s\(index), first_name: F\(index), last_name: L\(index), email: s\(index)@clinic.example, "
            out += "role: \(role), "
            if role == "physician" { out += "npi: \"\(SyntheticConfig.npi(for: index))\", " }
            out += "practices: { \(practiceKey(index % practices)): { username: u\(index), "
            out += "departments: [\(Self.departments[index % Self.departments.count])] } } }\n"
        }
        return out
    }

    /// The same clinic with its staff drawn from an HR export (`rosterCSV`): the title is the
    /// role, each practice and department is a location, the key is the person's number, so
    /// `u{id}` is the username the YAML config pins.
    package func rosterConfigYAML(export: String) -> String {
        let yaml = configYAML()
        let head = yaml[..<(yaml.range(of: "staff:\n")?.lowerBound ?? yaml.endIndex)]
        var out = String(head) + "staff: []\nroster:\n  file: \(export)\n  key: Employee ID\n"
        out += "  columns: { first_name: First, last_name: Last, email: Email, status: Status, job_title: Title, "
        out += "location: Location, npi: NPI }\n"
        out += "  username: \"u{id}\"\n"
        out += "  roles: { Physician: physician, Staff: staff, Admin: admin }\n  locations:\n"
        for practice in 0..<practices {
            for department in Self.departments {
                out += "    \(practiceKey(practice)) \(department): { \(practiceKey(practice)): [\(department)] }\n"
            }
        }
        return out
    }

    /// The export `rosterConfigYAML` reads: one row for each person of `configYAML`.
    package func rosterCSV() -> String {
        var lines = ["Employee ID,First,Last,Email,Status,Title,Location,NPI"]
        lines.reserveCapacity(staffCount + 1)
        for index in 0..<staffCount {
            let role = Self.role(index)
            let location = "\(practiceKey(index % practices)) \(Self.departments[index % Self.departments.count])"
            let npi = role == "physician" ? SyntheticConfig.npi(for: index) : ""
            lines.append(
                "\(index),F\(index),L\(index),s\(index)@clinic.example,Active,\(role.prefix(1).uppercased())"
                    + "\(role.dropFirst()),\(location),\(npi)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The live state: the config's accounts, with `drift` of them (0 to 1) differing in one way each.
    package func live(drift: Double = 0.01) -> LiveState {
        let every = drift > 0 ? max(1, Int((1 / drift).rounded())) : Int.max
        var athena = (0..<practices).map { practice in
            LiveAthenaPractice(
                practiceID: practiceID(practice), users: [], providers: [],
                departments: Self.departments.enumerated().map {
                    LiveDepartment(departmentID: $0.offset + 1, name: $0.element)
                }
                    + [LiveDepartment(departmentID: 99, name: "Closed Annex")])
        }
        var members: [LiveHealthieMember] = []
        for index in 0..<staffCount {
            let practice = index % practices
            let role = Self.role(index)
            let kind = index % every == 3 ? (index / every) % 5 : -1
            if kind == 0 { continue }
            let providerID = role == "physician" ? 10_000 + index : nil
            let department = index % Self.departments.count + 1
            athena[practice].users.append(
                LiveAthenaUser(
                    userID: 100_000 + index, username: "u\(index)", firstName: "F\(index)",
                    lastName: kind == 1 ? "Renamed\(index)" : "L\(index)",
                    userType: role == "physician" ? "PROVIDER" : role == "admin" ? "ADMIN" : "STAFF",
                    active: kind != 3, email: "s\(index)@clinic.example",
                    npi: role == "physician" ? SyntheticConfig.npi(for: index) : nil,
                    departmentIDs: kind == 2 ? [department % 4 + 1] : [department], providerID: providerID))
            if let providerID {
                athena[practice].providers.append(
                    LiveAthenaProvider(
                        providerID: providerID, firstName: "F\(index)", lastName: "L\(index)",
                        npi: SyntheticConfig.npi(for: index), userID: 100_000 + index))
                members.append(
                    LiveHealthieMember(
                        userID: String(500_000 + index), membershipID: "m\(500_000 + index)",
                        email: "s\(index)@clinic.example", firstName: "F\(index)", lastName: "L\(index)",
                        active: true, orgRole: "Standard", isAdmin: false, isProvider: true,
                        permissions: ["can_order_labs": true, "can_view_labs": kind != 4]))
            }
            if kind == 4 {
                athena[practice].users.append(
                    LiveAthenaUser(
                        userID: 900_000 + index, username: "hand\(index)", firstName: "Hand", lastName: "Made",
                        userType: "STAFF"))
            }
        }
        for practice in athena.indices {
            athena[practice].users.append(
                LiveAthenaUser(
                    userID: 1 + practice, username: "apiuser", firstName: "Api", lastName: "User", userType: "ADMIN"))
        }
        members.append(
            LiveHealthieMember(
                userID: "1", membershipID: "m1", email: "it-admin@clinic.example", firstName: "It", lastName: "Admin",
                active: true, orgRole: "Standard", isAdmin: true, isProvider: false, permissions: [:]))
        return LiveState(athena: athena, healthie: LiveHealthie(members: members, misroutedClients: []))
    }

    /// The same live state as a sandbox the simulators can serve.
    package func sandbox(drift: Double = 0.01) -> SandboxState {
        let live = live(drift: drift)
        var practices: [String: AthenaPractice] = [:]
        for practice in live.athena {
            practices[String(practice.practiceID)] = AthenaPractice(
                departments: practice.departments.map {
                    AthenaDepartment(departmentid: $0.departmentID, name: $0.name, hidden: $0.departmentID == 99)
                },
                providers: practice.providers.map {
                    AthenaProvider(
                        providerid: $0.providerID, firstname: $0.firstName, lastname: $0.lastName, npi: $0.npi,
                        userid: $0.userID, active: $0.active)
                },
                users: practice.users.map {
                    AthenaUser(
                        userid: $0.userID, username: $0.username, firstname: $0.firstName, lastname: $0.lastName,
                        usertype: $0.userType, active: $0.active, email: $0.email, npi: $0.npi,
                        departmentids: $0.departmentIDs, providerid: $0.providerID)
                })
        }
        let members = (live.healthie?.members ?? []).map {
            HealthieMember(
                id: $0.userID, membershipID: $0.membershipID, email: $0.email, firstName: $0.firstName,
                lastName: $0.lastName, active: $0.active, orgRole: $0.orgRole ?? "Standard", isAdmin: $0.isAdmin,
                isProvider: $0.isProvider, permissions: $0.permissions)
        }
        return SandboxState(
            athena: AthenaState(practices: practices),
            healthie: HealthieState(
                organizationID: Self.organizationID,
                apiKeys: [HealthieAPIKey(key: "bench-admin-key", admin: true, userID: "1")], members: members,
                clients: [HealthieClient(id: "3", email: "s10@clinic.example", firstName: "F10", lastName: "L10")]))
    }
}
