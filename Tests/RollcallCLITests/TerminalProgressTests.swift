import Foundation
import Testing

/// The progress line as a user sees it: drawn on stderr only when it is a terminal, and
/// cleared before the plan prints. `script` gives the command a pseudo-terminal.
@Suite struct TerminalProgressTests {
    static let script = "/usr/bin/script"

    /// A practice of 300 users (three pages of 100) and 120 Healthie members, so the reads
    /// report progress before they finish.
    static let seed: String = {
        var text = """
            athena:
              practices:
                "1":
                  departments: [{departmentid: 1, name: Clinic}]
                  users:

            """
        for index in 0..<300 {
            text += "        - {userid: \(10 + index), username: u\(index), firstname: F, lastname: L, "
            text += "usertype: STAFF}\n"
        }
        text += "healthie:\n  organization_id: \"5\"\n  api_keys: [{key: k, admin: true}]\n  members:\n"
        for index in 0..<120 {
            text += "    - {id: \"\(1000 + index)\", email: m\(index)@x.org, first_name: M, last_name: L}\n"
        }
        return text
    }()

    static let config = """
        version: 1
        systems:
          athena: { practices: { main: { practiceid: 1, departments: [Clinic] } } }
          healthie: { organization_id: "5" }
        policy: { unmanaged: ignore, min_admins: 0 }
        roles:
          nurse: { athena: { usertype: STAFF }, healthie: { org_role: Support } }
        staff:
          - { id: a, first_name: F, last_name: L, email: m0@x.org, role: nurse, practices: { main: { username: u0 } } }
        """

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func progressIsDrawnOnATerminalAndClearedBeforeThePlan() throws {
        try RollcallProcess.withFiles(["rollcall.yaml": Array(Self.config.utf8), "seed.yaml": Array(Self.seed.utf8)]) {
            directory in
            let command = [
                try RollcallProcess.binary().path, "plan", directory.appendingPathComponent("rollcall.yaml").path,
                "--sandbox", directory.appendingPathComponent("seed.yaml").path,
            ].joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.script)
            process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let seen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(seen)")
            let clear = "\r\u{1B}[2K"
            // Whichever read reports first is drawn; the others join the line at the next redraw.
            let drawn = #/\r\u{1B}\[2Kreading (athena 1 users \d+/300|healthie members \d+/120)/#
            #expect(seen.contains(drawn), "\(seen.debugDescription)")
            let lastProgress = try #require(seen.range(of: "reading ", options: .backwards))
            let cleared = try #require(seen.range(of: clear, options: .backwards))
            let plan = try #require(seen.range(of: "Read athenaOne 1 practice"))
            #expect(lastProgress.lowerBound < cleared.lowerBound && cleared.upperBound <= plan.lowerBound)
        }
    }
}
