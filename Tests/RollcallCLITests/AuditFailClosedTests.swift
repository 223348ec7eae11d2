import Foundation
import Testing

/// No audit line, no write: an apply that cannot write its audit log changes nothing.
@Suite struct AuditFailClosedTests {
    /// The audit log is read-only to the user running apply. Tests often run as root, whom
    /// file modes do not stop, so there apply runs as `nobody` (util-linux's setpriv).
    @Test func aReadOnlyAuditLogStopsApplyBeforeAnyWrite() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let manager = FileManager.default
            let folder = scenario.directory.appendingPathComponent("config/.rollcall").path
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data().write(to: URL(fileURLWithPath: scenario.audit))
            try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: scenario.audit)
            var command = ["apply", scenario.plan, "--sandbox", scenario.state, "--today", ApplyScenario.today]
            var executable: [String] = []
            if getuid() == 0 {
                for path in [scenario.directory.path, scenario.config, folder] {
                    try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: path)
                }
                for path in [scenario.state, scenario.plan] {
                    try manager.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path)
                }
                executable = [
                    "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    try RollcallProcess.binary().path,
                ]
                command = executable + command
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: scenario.state))
            let output =
                executable.isEmpty
                ? try scenario.run(command) : try RollcallProcess.runExecutable(command)
            #expect(output.status == 1)
            #expect(output.stderr.contains("audit.jsonl"), "\(output.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: scenario.state)) == before, "nothing may be written")
        }
    }
}
