import RollcallCore
import Testing

/// A clinic whose staff come from an HR export: the planner fixture's practices and roles,
/// a roster mapping, and a CSV the test writes row by row.
enum RosterFixture {
    static let header = "Employee ID,First Name,Last Name,Work Email,Status,Job Title,Location,Hire Date,End Date,NPI"

    static func roster(
        onLeave: String = "keep", dateFormat: String = "MM/DD/YYYY", extra: String = ""
    ) -> String {
        """
        roster:
          file: hr/roster.csv
          key: Employee ID
          columns:
            first_name: First Name
            last_name: Last Name
            email: Work Email
            status: Status
            job_title: Job Title
            location: Location
            hire_date: Hire Date
            termination_date: End Date
            npi: NPI
          statuses: { active: [Active], leave: [On Leave], terminated: [Terminated] }
          date_format: \(dateFormat)
          on_leave: \(onLeave)
          roles:
            Physician: physician
            Registered Nurse: nurse
            Front Desk: front-desk
            Billing: none
          locations:
            Main Street: { main: [Main Clinic] }
            North Campus: { north: [North Clinic], main: [Lab] }
            Corporate: none
        \(extra)
        """
    }

    /// The config loaded and its roster resolved; `nil` config with the diagnostics on an error.
    static func load(
        rows: [String], staff: String = "", policy: String = PlanFixture.lenientPolicy, roster: String = roster(),
        header: String = header
    ) -> RosterResolver.Outcome {
        let yaml = PlanFixture.yaml(staff: staff.isEmpty ? "  []" : staff, policy: policy) + "\n" + roster
        let loaded = ConfigLoader.load(
            origin: "clinic/config.yaml",
            files: [ConfigSourceFile(path: "clinic/config.yaml", bytes: Array(yaml.utf8))])
        guard let config = loaded.config else {
            return RosterResolver.Outcome(config: nil, diagnostics: loaded.diagnostics)
        }
        let csv = ([header] + rows).joined(separator: "\r\n") + "\r\n"
        return RosterResolver.resolve(config, export: Array(csv.utf8), path: "clinic/hr/roster.csv")
    }

    static func config(
        rows: [String], staff: String = "", policy: String = PlanFixture.lenientPolicy,
        roster: String = roster()
    ) throws -> Config {
        let outcome = load(rows: rows, staff: staff, policy: policy, roster: roster)
        guard let config = outcome.config else {
            throw FixtureError(
                message: outcome.diagnostics.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }.joined(
                    separator: "\n"))
        }
        return config
    }

    /// `1042,Ann,Lee,ann.lee@clinic.org,Active,Registered Nurse,Main Street,01/02/2020,,`
    static func row(
        _ key: String, _ first: String = "Ann", _ last: String = "Lee", email: String? = nil, status: String = "Active",
        title: String = "Registered Nurse", location: String = "Main Street", hired: String = "01/02/2020",
        ends: String = "", npi: String = ""
    ) -> String {
        let mail = email ?? "\(first.lowercased()).\(last.lowercased())@clinic.org"
        return [key, first, last, mail, status, title, location, hired, ends, npi].joined(separator: ",")
    }

    static func plan(_ config: Config, _ live: LiveState, today: CalendarDate = PlanFixture.today) -> Plan {
        Planner.plan(config: config, live: live, policy: config.policy, today: today)
    }
}
