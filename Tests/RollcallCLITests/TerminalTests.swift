import Foundation
import Testing

/// What a user sees on a terminal: the progress line, drawn on stderr only when it is a terminal and
/// cleared before the plan prints, and colour unless it is turned off. `script` gives the command a
/// pseudo-terminal.
@Suite struct TerminalTests {
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

    /// Runs `rollcall arguments` on a pseudo-terminal in the package root; stdout and stderr both go to it.
    static func onTerminal(_ arguments: [String], environment: [String: String] = [:], typed: String? = nil) throws
        -> (status: Int32, seen: String)
    {
        let command = ([try RollcallProcess.binary().path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["--quiet", "--return", "--command", command, "/dev/null"]
        process.currentDirectoryURL = RollcallProcess.packageRoot
        var merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        merged.removeValue(forKey: "NO_COLOR")
        if let noColor = environment["NO_COLOR"] { merged["NO_COLOR"] = noColor }
        merged["TERM"] = "xterm-256color"
        process.environment = merged
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let input = Pipe()
        process.standardInput = typed == nil ? FileHandle.nullDevice : input
        try process.run()
        if let typed {
            input.fileHandleForWriting.write(Data(typed.utf8))
            try input.fileHandleForWriting.close()
        }
        let seen = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, seen)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func progressIsDrawnOnATerminalAndClearedBeforeThePlan() throws {
        try RollcallProcess.withFiles(["rollcall.yaml": Array(Self.config.utf8), "seed.yaml": Array(Self.seed.utf8)]) {
            directory in
            let (status, seen) = try Self.onTerminal([
                "plan", directory.appendingPathComponent("rollcall.yaml").path,
                "--sandbox", directory.appendingPathComponent("seed.yaml").path,
            ])
            #expect(status == 0, "\(seen)")
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

    /// `apply PATH` on a terminal shows the plan and applies it only when `yes` is typed.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func applyAsksOnATerminalAndOnlyYesApplies() throws {
        try ApplyScenario.with { scenario in
            let apply = ["apply", scenario.config, "--sandbox", scenario.state, "--today", ApplyScenario.today]
            let declined = try Self.onTerminal(apply, typed: "no\n")
            #expect(declined.status == 1)
            #expect(declined.seen.contains("Do you want to apply these changes? Only 'yes' is accepted:"))
            #expect(declined.seen.contains("nothing was applied"), "\(declined.seen)")
            #expect(try scenario.users()["lfischer"] == nil)
            let accepted = try Self.onTerminal(apply, typed: "yes\n")
            #expect(accepted.status == 0, "\(accepted.seen)")
            #expect(accepted.seen.contains("Apply complete: 2 created"))
            #expect(try scenario.users()["lfischer"] != nil)
        }
    }

    /// Colour on a terminal; none with `NO_COLOR` or `--no-color`, even on a terminal.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func thePlanIsColouredOnATerminalUnlessTurnedOff() throws {
        let plan = ["plan", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml", "--today", "2026-11-24"]
        func colours(_ seen: String) -> Bool {
            seen.replacingOccurrences(of: "\r\u{1B}[2K", with: "").contains("\u{1B}[")
        }
        let coloured = try Self.onTerminal(plan)
        #expect(coloured.status == 0, "\(coloured.seen)")
        #expect(coloured.seen.contains("\u{1B}[32m+\u{1B}[0m user \"lfischer\""), "\(coloured.seen.debugDescription)")
        let noColor = try Self.onTerminal(plan, environment: ["NO_COLOR": "1"])
        #expect(noColor.status == 0)
        #expect(!colours(noColor.seen), "\(noColor.seen.debugDescription)")
        #expect(noColor.seen.contains("+ user \"lfischer\""))
        let flag = try Self.onTerminal(plan + ["--no-color"])
        #expect(!colours(flag.seen), "\(flag.seen.debugDescription)")
    }
}
