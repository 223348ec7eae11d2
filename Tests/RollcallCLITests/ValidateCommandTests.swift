import Foundation
import RollcallTestSupport
import Testing

@Suite struct ValidateCommandTests {
    @Test(arguments: ["examples/solo", "examples/riverside", "examples/riverside/"])
    func theExamplesAreValid(_ path: String) throws {
        let output = try RollcallProcess.run(["validate", path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        #expect(output.stdout.hasPrefix("Valid: \(path) ("))
    }

    @Test func problemsGoToStandardErrorAsFileLineColumn() throws {
        let yaml =
            "version: 1\nroles:\n  nurse: { athena: { usertype: STAFF } }\nstaff:\n  - { id: a, first_name: A, last_name: B, role: nurce }\n"
        try RollcallProcess.withFiles(["bad.yaml": Array(yaml.utf8)]) { directory in
            let file = directory.appendingPathComponent("bad.yaml").path
            let output = try RollcallProcess.run(["validate", file])
            #expect(output.status == 1)
            #expect(
                output.stderr == """
                    \(file):3:3: warning: role 'nurse' has athena settings, but systems.athena declares no practices
                    \(file):5:49: error: staff 'a' has role 'nurce', which is not defined; did you mean 'nurse'?
                        hint: roles are defined under `roles:`

                    """)
            #expect(output.stdout == "Invalid: \(file) (1 error, 1 warning).\n")
        }
    }

    @Test func colourIsOffWhenNotATerminalAndWithNoColor() throws {
        let yaml = "version: 1\nstaff: [{ id: a }]\n"
        try RollcallProcess.withFiles(["bad.yaml": Array(yaml.utf8)]) { directory in
            let file = directory.appendingPathComponent("bad.yaml").path
            for environment in [["NO_COLOR": "1"], ["TERM": "xterm-256color"]] {
                let output = try RollcallProcess.run(["validate", file], environment: environment)
                #expect(output.status == 1)
                #expect(!output.stderr.contains("\u{1B}["))
            }
        }
    }

    @Test func jsonReportsEveryDiagnosticForMachines() throws {
        let yaml =
            "version: 1\nsystems:\n  athena:\n    practices:\n      main: { practiceid: \"12\", departmnets: [] }\n"
        try RollcallProcess.withFiles(["bad.yaml": Array(yaml.utf8)]) { directory in
            let file = directory.appendingPathComponent("bad.yaml").path
            let output = try RollcallProcess.run(["validate", "--format", "json", file])
            #expect(output.status == 1)
            #expect(output.stderr.isEmpty)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            #expect(document["format_version"] as? Int == 1)
            #expect(document["valid"] as? Bool == false)
            #expect(document["error_count"] as? Int == 2)
            let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
            #expect(diagnostics.map { $0["line"] as? Int } == [5, 5])
            #expect(diagnostics.map { $0["column"] as? Int } == [27, 33])
            #expect(diagnostics.allSatisfy { $0["file"] as? String == file && $0["severity"] as? String == "error" })
        }
    }

    @Test func hostileFilesFailWithAPointedError() throws {
        var laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            laughs +=
                "a\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", "))]\n"
        }
        let latin1: [UInt8] = Array("version: 1\nstaff:\n  - id: ren".utf8) + [0xE9] + Array("\n".utf8)
        try RollcallProcess.withFiles(["laughs.yaml": Array(laughs.utf8), "latin1.yaml": latin1]) { directory in
            let bomb = try RollcallProcess.run(["validate", directory.appendingPathComponent("laughs.yaml").path])
            #expect(bomb.status == 1)
            #expect(bomb.stderr.contains("laughs.yaml:5:"))
            #expect(bomb.stderr.contains("aliases expand to more than"))
            let encoding = try RollcallProcess.run(["validate", directory.appendingPathComponent("latin1.yaml").path])
            #expect(encoding.status == 1)
            #expect(encoding.stderr.contains("latin1.yaml:3:12: error: file is not valid UTF-8"))
        }
    }

    @Test func aLargeRosterValidates() throws {
        let yaml = SyntheticConfig.yaml(staffCount: 5_000, practices: 3)
        try RollcallProcess.withFiles(["roster.yaml": Array(yaml.utf8)]) { directory in
            let output = try RollcallProcess.run(["validate", directory.appendingPathComponent("roster.yaml").path])
            #expect(output.status == 0, "\(output.stderr.prefix(500))")
            #expect(output.stdout.contains("5000 staff members"))
        }
    }

    @Test func usageMistakesExitOne() throws {
        let missing = try RollcallProcess.run(["validate"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("Missing expected argument '<paths> ...'"))
        let unknown = try RollcallProcess.run(["validate", "--frmat", "json", "examples/solo"])
        #expect(unknown.status == 1)
        #expect(try RollcallProcess.run(["vaildate", "examples/solo"]).status == 1)
    }

    @Test func helpNamesTheExitCodes() throws {
        let help = try RollcallProcess.run(["validate", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes: 0 valid (warnings allowed), 1 any error."))
        #expect(help.stdout.contains("--format <format>"))
    }
}
