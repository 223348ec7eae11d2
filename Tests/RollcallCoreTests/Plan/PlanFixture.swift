import RollcallCore
import Testing

/// A small clinic for planner tests: two practices, roles for every kind of account,
/// and a policy the test can override; staff entries are appended as YAML.
enum PlanFixture {
    static let today = CalendarDate(iso: "2026-11-24") ?? .unixEpoch

    /// The policy block unless a test gives its own: no refusals from the safety rails.
    static let lenientPolicy = "  max_deactivations: 50\n  min_admins: 0"

    static func config(staff: String, policy: String = lenientPolicy, file: String = "clinic.yaml") throws -> Config {
        let yaml = Self.yaml(staff: staff, policy: policy)
        let result = ConfigLoader.load(origin: file, files: [ConfigSourceFile(path: file, bytes: Array(yaml.utf8))])
        guard let config = result.config else {
            throw FixtureError(message: result.diagnostics.map(\.message).joined(separator: "\n"))
        }
        return config
    }

    /// The clinic's YAML with `staff` entries (YAML list items, indented two spaces) and `policy`.
    static func yaml(staff: String, policy: String = lenientPolicy) -> String {
        """
        version: 1
        systems:
          athena:
            practices:
              main: { practiceid: 100, departments: [Main Clinic, Pediatrics, Lab] }
              north: { practiceid: 200, departments: [North Clinic] }
          healthie: { organization_id: "4242" }
        policy:
        \(policy)
        roles:
          physician:
            athena: { usertype: PROVIDER }
            healthie: { org_role: Standard, provider: true, permissions: { can_order_labs: true } }
          nurse:
            athena: { usertype: STAFF }
            healthie: { org_role: Support, permissions: { can_see_billing: false, can_view_labs: true } }
          front-desk:
            athena: { usertype: STAFF }
          admin:
            athena: { usertype: ADMIN }
            healthie: { org_role: Standard, admin: true, permissions: { can_edit_members: true } }
        staff:
        \(staff)
        """
    }

    static let departments = [
        LiveDepartment(departmentID: 1, name: "Main Clinic"), LiveDepartment(departmentID: 2, name: "Pediatrics"),
        LiveDepartment(departmentID: 3, name: "Lab"),
    ]

    static func live(
        main: [LiveAthenaUser] = [], north: [LiveAthenaUser] = [], providers: [LiveAthenaProvider] = [],
        members: [LiveHealthieMember] = [], clients: [LiveHealthieClient] = []
    ) -> LiveState {
        LiveState(
            athena: [
                LiveAthenaPractice(practiceID: 100, users: main, providers: providers, departments: departments),
                LiveAthenaPractice(
                    practiceID: 200, users: north, providers: [],
                    departments: [LiveDepartment(departmentID: 5, name: "North Clinic")]),
            ],
            healthie: LiveHealthie(members: members, misroutedClients: clients))
    }

    static func user(
        _ id: Int, _ username: String, first: String = "Ann", last: String = "Lee", type: String = "STAFF",
        active: Bool = true, email: String? = nil, departments: [Int] = [1], providerID: Int? = nil,
        supervising: Int? = nil
    ) -> LiveAthenaUser {
        LiveAthenaUser(
            userID: id, username: username, firstName: first, lastName: last, userType: type, active: active,
            email: email, departmentIDs: departments, providerID: providerID, supervisingProviderID: supervising)
    }

    static func member(
        _ id: String, _ email: String, active: Bool = true, orgRole: String = "Support", admin: Bool = false,
        provider: Bool = false, permissions: [String: Bool] = [:]
    ) -> LiveHealthieMember {
        LiveHealthieMember(
            userID: id, membershipID: "m\(id)", email: email, firstName: "Ann", lastName: "Lee", active: active,
            orgRole: orgRole, isAdmin: admin, isProvider: provider, permissions: permissions)
    }

    static func plan(_ config: Config, _ live: LiveState, today: CalendarDate = today) -> Plan {
        Planner.plan(config: config, live: live, policy: config.policy, today: today)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension Plan {
    func change(_ address: String) -> PlannedChange? {
        changes.first { $0.address.description == address }
    }

    func field(_ address: String, _ name: String) -> FieldChange? {
        change(address)?.fields.first { $0.name == name }
    }

    func findings(_ kind: Finding.Kind) -> [Finding] {
        findings.filter { $0.kind == kind }
    }
}
