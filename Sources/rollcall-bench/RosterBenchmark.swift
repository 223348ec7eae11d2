import CSV
import Foundation
import Rollcall
import RollcallCore

/// A 50,000-row HR export loaded and resolved into staff (Rollcall's CSV reader, which keeps
/// every field's line and column, then the roster rules), against the bare parse of the same
/// bytes by yaslab/CSV.swift in the same run. Goal: at most 1.5x the bare parse.
enum RosterBenchmark {
    static let rows = 50_000
    static let titles = ["Physician", "Registered Nurse", "Medical Assistant", "Front Desk", "Billing Specialist"]
    static let locations = ["Main Street", "North Campus", "South Clinic", "Corporate"]

    static func export() -> String {
        var lines = [
            "Employee ID,First Name,Last Name,Work Email,Employment Status,Job Title,Location,Hire Date,"
                + "Termination Date"
        ]
        lines.reserveCapacity(rows + 1)
        for index in 0..<rows {
            let title = titles[index % titles.count]
            let location = locations[(index / 7) % locations.count]
            let status = index % 41 == 0 ? "Terminated" : index % 53 == 0 ? "On Leave" : "Active"
            let last = index % 97 == 0 ? "\"Núñez, Jr\"" : "Last\(index)"
            lines.append(
                "\(100_000 + index),First\(index),\(last),p\(index)@clinic.org,\(status),\(title),\(location),"
                    + "\(1 + index % 12)/\(1 + index % 28)/2020,\(index % 61 == 0 ? "12/31/2026" : "")")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static let config = """
        version: 1
        systems:
          athena:
            practices:
              main: { practiceid: 1, departments: [Main Clinic, Lab] }
              north: { practiceid: 2, departments: [North Clinic] }
              south: { practiceid: 3, departments: [South Clinic] }
          healthie: { organization_id: "1" }
        policy: { unmanaged: deactivate, max_deactivations: "10%" }
        roles:
          physician: { athena: { usertype: STAFF }, healthie: { org_role: Standard, provider: true } }
          nurse: { athena: { usertype: STAFF }, healthie: { org_role: Support } }
          assistant: { athena: { usertype: STAFF } }
          desk: { athena: { usertype: STAFF } }
        staff: []
        roster:
          file: roster.csv
          key: Employee ID
          columns:
            first_name: First Name
            last_name: Last Name
            email: Work Email
            status: Employment Status
            job_title: Job Title
            location: Location
            hire_date: Hire Date
            termination_date: Termination Date
          statuses: { active: [Active], leave: [On Leave], terminated: [Terminated] }
          date_format: MM/DD/YYYY
          username: "{f}{last}{id}"
          roles:
            Physician: physician
            Registered Nurse: nurse
            Medical Assistant: assistant
            Front Desk: desk
            Billing Specialist: none
          locations:
            Main Street: { main: [Main Clinic] }
            North Campus: { north: [North Clinic], main: [Lab] }
            South Clinic: { south: [South Clinic] }
            Corporate: none
        """

    /// The benchmark tenant planned twice over loopback: from its YAML staff list, and from the
    /// same people as an HR export. The roster must cost no request more and plan the same changes.
    static func tenantPlans(in directory: URL) async throws -> [Row] {
        let tenant = try BenchmarkTenant(in: directory, prefix: "roster-")
        let export = directory.appendingPathComponent("roster-export.csv")
        try Data(tenant.clinic.rosterCSV().utf8).write(to: export)
        let rosterConfig = directory.appendingPathComponent("roster-clinic.yaml")
        try Data(tenant.clinic.rosterConfigYAML(export: export.lastPathComponent).utf8).write(to: rosterConfig)
        var rows: [Row] = []
        var changes: [String: Set<String>] = [:]
        for (name, path) in [("YAML staff", tenant.configFile.path), ("HR export", rosterConfig.path)] {
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = try await PlanRun.run(
                PlanRun.Request(path: path, source: tenant.source, today: BenchmarkTenant.today))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let read = outcome.document.read ?? ReadSummary()
            changes[name] = Set(outcome.document.changes.map(\.id))
            rows.append(
                Row(
                    name: "roster: tenant plan from the \(name)", size: "\(tenant.clinic.staffCount) people",
                    seconds: seconds,
                    note: "\(read.requests) requests, \(outcome.document.changes.count) changes"
                        + (name == "HR export"
                            ? (changes["YAML staff"] == changes[name]
                                ? "; the same changes as from YAML" : "; DIFFERENT CHANGES")
                            : "")))
        }
        return rows
    }

    static func run() -> [Row] {
        let text = export()
        let bytes = Array(text.utf8)
        guard
            let config = ConfigLoader.load(
                origin: "bench.yaml", files: [ConfigSourceFile(path: "bench.yaml", bytes: Array(Self.config.utf8))]
            ).config
        else {
            print("the roster benchmark's config did not load")
            return []
        }
        var libraryRows = 0
        let librarySeconds = measure(repeats) {
            guard let reader = try? CSVReader(string: text, hasHeaderRow: true) else { return }
            var count = 0
            while reader.next() != nil { count += 1 }
            libraryRows = count
        }
        var staff = 0
        var held = 0
        var problems = 0
        let resolveSeconds = measure(repeats) {
            let outcome = RosterResolver.resolve(config, export: bytes, path: "roster.csv")
            staff = outcome.config?.staff.count ?? -1
            held = outcome.config?.staff.filter { $0.roster?.heldBack != nil }.count ?? 0
            problems = outcome.diagnostics.count
        }
        var tableRows = 0
        let parseSeconds = measure(repeats) {
            if case .success(let table) = CSVTable.parse(bytes) { tableRows = table.rows.count }
        }
        let ratio = resolveSeconds / max(librarySeconds, 1e-9)
        return [
            Row(
                name: "roster: bare CSV parse (yaslab/CSV.swift)", size: "\(rows) rows, \(bytes.count / 1024) KiB",
                seconds: librarySeconds, note: "\(libraryRows) rows"),
            Row(
                name: "roster: Rollcall's CSV reader (with positions)", size: "\(rows) rows", seconds: parseSeconds,
                note:
                    "\(tableRows) rows; \(String(format: "%.2f", parseSeconds / max(librarySeconds, 1e-9)))x the bare parse"
            ),
            Row(
                name: "roster: loaded and resolved into staff", size: "\(rows) rows", seconds: resolveSeconds,
                note: "\(staff) staff (\(held) held back, \(problems) diagnostics); "
                    + "\(String(format: "%.2f", ratio))x the bare parse (goal <= 1.5x)"),
        ]
    }
}
