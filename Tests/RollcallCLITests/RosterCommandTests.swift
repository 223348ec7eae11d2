import Foundation
import Testing

/// The roster example over the CLI: its export read as a file of the config, each bad row
/// named at its line and column, and the row named in the plan, the apply, the audit log and drift.
@Suite struct RosterCommandTests {
    /// A copy of examples/roster to break.
    static func withCopy(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-roster-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            at: RollcallProcess.packageRoot.appendingPathComponent("examples/roster"), to: directory)
        try body(directory)
    }

    static func editExport(_ directory: URL, _ edit: (String) -> String) throws {
        let file = directory.appendingPathComponent("hr/roster.csv")
        try edit(try String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func theExampleValidates() throws {
        let output = try RollcallProcess.run(["validate", "examples/roster"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("40 staff members"), "\(output.stdout)")
    }

    @Test(arguments: [
        ("a date", "11/16/2026", "13/45/2026", "'13/45/2026' is not a date in MM/DD/YYYY"),
        (
            "a status", "Active,Registered Nurse,Main Street,11/16", "Contractor,Registered Nurse,Main Street,11/16",
            "status 'Contractor' is not in roster.statuses"
        ),
        ("an email", "kofi.mensah@bayviewhealth.org", "kofi.mensah@", "email 'kofi.mensah@' of 1029 is malformed"),
    ])
    func aBadRowIsNamedAtItsLineAndColumnAndNothingIsPlanned(what: String, from: String, to: String, words: String)
        throws
    {
        try Self.withCopy { directory in
            try Self.editExport(directory) { $0.replacingOccurrences(of: from, with: to) }
            let validated = try RollcallProcess.run(["validate", directory.path])
            #expect(validated.status == 1)
            #expect(validated.stderr.contains("\(directory.path)/hr/roster.csv:30:"), "\(validated.stderr)")
            #expect(validated.stderr.contains("error: \(words)"), "\(validated.stderr)")
            let planned = try RollcallProcess.run([
                "plan", directory.path, "--sandbox", directory.appendingPathComponent("sandbox.yaml").path,
            ])
            #expect(planned.status == 1)
            #expect(planned.stdout.isEmpty, "nothing is planned")
            #expect(planned.stderr.contains(words))
        }
    }

    @Test func aMissingHeaderIsNamedWithTheHeadersFound() throws {
        try Self.withCopy { directory in
            try Self.editExport(directory) { $0.replacingOccurrences(of: "Work Email", with: "Email") }
            let output = try RollcallProcess.run(["validate", directory.path])
            #expect(output.status == 1)
            #expect(output.stderr.contains("hr/roster.csv:1:1: error: the column 'Work Email' (roster.columns.email)"))
            #expect(output.stderr.contains("the header has: Employee ID, First Name, Last Name, Email,"))
        }
    }

    @Test func anExportThatIsAFIFOOrALinkOutsideTheConfigIsRefused() throws {
        try Self.withCopy { directory in
            let export = directory.appendingPathComponent("hr/roster.csv").path
            let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID()).csv").path
            defer { try? FileManager.default.removeItem(atPath: outside) }
            try FileManager.default.moveItem(atPath: export, toPath: outside)
            try FileManager.default.createSymbolicLink(atPath: export, withDestinationPath: outside)
            let linked = try RollcallProcess.run(["validate", directory.path])
            #expect(linked.status == 1)
            #expect(linked.stderr.contains("outside the config's directory"), "\(linked.stderr)")
            try FileManager.default.removeItem(atPath: export)
            #expect(mkfifo(export, 0o644) == 0)
            let fifo = try RunningProcess(["validate", directory.path], environment: [:])
            let (output, timedOut) = fifo.wait(atMost: 30)
            #expect(!timedOut, "a FIFO is refused, not read")
            #expect(output.status == 1)
            #expect(output.stderr.contains("not a regular file"), "\(output.stderr)")
        }
    }

    @Test func theRowIsNamedInThePlanTheApplyTheAuditLogAndDrift() throws {
        try ApplyScenario.with("roster") { scenario in
            let saved = try scenario.savePlan(["--format", "json"])
            #expect(saved.status == 0, "\(saved.stderr)")
            let plan = try #require(try JSONSerialization.jsonObject(with: Data(saved.stdout.utf8)) as? [String: Any])
            let changes = plan["changes"] as? [[String: Any]] ?? []
            let create = try #require(changes.first { ($0["address"] as? String)?.contains("kmensah") == true })
            let source = create["source"] as? [String: Any]
            #expect(source?["file"] as? String == "hr/roster.csv")
            #expect(source?["line"] as? Int == 30)
            #expect(source?["key"] as? String == "1029")
            let applied = try scenario.apply()
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(
                applied.stdout.contains(
                    #"+ athena[main].user["kmensah"] created, from hr/roster.csv:30 (1029, Registered Nurse at Main Street)"#
                ),
                "\(applied.stdout)")
            let lines = try scenario.auditLines()
            #expect(lines.contains { $0.contains(#""source":{"file":"hr/roster.csv","#) && $0.contains("kmensah") })
            #expect(try scenario.run(["audit", "verify", scenario.audit]).status == 0)
            #expect(try scenario.replan().status == 0, "the roster's plan converges")
        }
        let drift = try RollcallProcess.run([
            "drift", "examples/roster", "--sandbox", "examples/roster/sandbox.yaml", "--today", ApplyScenario.today,
        ])
        #expect(drift.status == 2)
        #expect(
            drift.stdout.contains("staff 1022 (hr/roster.csv:23) is offboarded, and the account is still active"),
            "HR terminated them and the account is active: \(drift.stdout)")
    }
}
