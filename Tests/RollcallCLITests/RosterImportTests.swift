import Foundation
import Testing

/// `rollcall import --config` of a config with a roster: each live person linked to their row
/// by email, the mapping inferred from who holds what, the rows without an account listed.
@Suite struct RosterImportTests {
    @Test func importLinksPeopleToTheirRowsAndInfersTheMapping() throws {
        let work = try ImportCommandTests.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("config")
        let imported = try ImportCommandTests.importing("roster", to: out)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("round trip: 0 changes"), "\(imported.stdout)")
        #expect(imported.stdout.contains("roster: 35 entries linked to their row by email, 5 rows not linked:"))
        #expect(imported.stdout.contains("hr/roster.csv:30 (1029, Registered Nurse at Main Street)"), "a hire")
        #expect(imported.stdout.contains("the export asks for 8 changes live does not have yet"))

        let files = try ImportCommandTests.contents(out)
        #expect(files.keys.sorted() == ["policy.yaml", "roles.yaml", "roster.yaml", "staff.yaml", "systems.yaml"])
        let roster = try #require(files["roster.yaml"])
        #expect(
            roster.contains("    # inferred: 9 linked holders\n    Registered Nurse: athena-staff+healthie-support\n"))
        #expect(roster.contains("    North Campus: {main: [Lab], north: [North Clinic]}\n"), "\(roster)")
        #expect(roster.contains("  date_format: MM/DD/YYYY\n"))
        #expect(roster.contains("examples/roster/hr/roster.csv'\n"), "the export is named relative to the output")
        let staff = try #require(files["staff.yaml"])
        #expect(staff.contains("roster_id: '1022'"), "Felix Grant is linked by his email")
        #expect(try #require(files["policy.yaml"]).contains("unmanaged: deactivate"), "the rails come along")

        let validated = try RollcallProcess.run(["validate", out.path])
        #expect(validated.status == 0, "\(validated.stderr)")
        let planned = try RollcallProcess.run([
            "plan", out.path, "--sandbox", "examples/roster/sandbox.yaml", "--today", "2026-11-24", "--format", "json",
        ])
        #expect(planned.status == 0, "\(planned.stderr)")
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(planned.stdout.utf8)) as? [String: Any])
        let changes = plan["changes"] as? [[String: Any]] ?? []
        #expect(changes.count == 8)
        #expect(
            changes.allSatisfy { $0["source"] != nil && $0["action"] as? String != "update" },
            "only what HR asks for: \(changes.map { $0["address"] ?? "" })")
    }
}
