import Foundation
import Testing

/// `rollcall import` as a user runs it: the built binary against the built-in sandbox.
@Suite struct ImportCommandTests {
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func importing(_ example: String, to out: URL, _ extra: [String] = []) throws -> RollcallProcess.Output {
        try RollcallProcess.run(
            ["import", "--config", "examples/\(example)", "--sandbox", "examples/\(example)/sandbox.yaml"]
                + ["--out", out.path, "--schema", "../schemas/rollcall.schema.json"] + extra)
    }

    static func contents(_ directory: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            files[name] = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    @Test(arguments: ["solo", "riverside"])
    func theImportOfEachExamplePlansToNothingAndValidates(example: String) throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("config")
        let imported = try Self.importing(example, to: out)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("round trip: 0 changes"))

        let files = try Self.contents(out)
        #expect(files.keys.sorted() == ["policy.yaml", "roles.yaml", "staff.yaml", "systems.yaml"])
        for (name, text) in files {
            #expect(text.hasPrefix("# yaml-language-server: $schema=../schemas/rollcall.schema.json\n"), "\(name)")
            for secret in ["sandbox-secret", "sandbox-admin-key"] { #expect(!text.contains(secret), "\(name)") }
        }
        let validated = try RollcallProcess.run(["validate", out.path])
        #expect(validated.status == 0, "\(validated.stderr)")
        #expect(!validated.stderr.contains("warning"))
        let planned = try RollcallProcess.run([
            "plan", out.path, "--sandbox", "examples/\(example)/sandbox.yaml", "--detailed-exitcode",
        ])
        #expect(planned.status == 0, "\(planned.stdout)\(planned.stderr)")
        #expect(planned.stdout.contains("No changes."))
    }

    @Test func theSoloImportMatchesItsGoldenFile() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("solo.yaml")
        let imported = try Self.importing("solo", to: out)
        #expect(imported.status == 0, "\(imported.stderr)")
        try GoldenFile.check(try String(contentsOf: out, encoding: .utf8), "import-solo.yaml")
    }

    @Test func twoImportsOfTheSameStateAreByteIdentical() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let first = work.appendingPathComponent("first")
        let second = work.appendingPathComponent("second")
        #expect(try Self.importing("riverside", to: first).status == 0)
        #expect(try Self.importing("riverside", to: second).status == 0)
        #expect(try Self.contents(first) == Self.contents(second))
    }

    @Test func existingFilesAreReplacedOnlyWithForce() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("config")
        #expect(try Self.importing("solo", to: out).status == 0)
        let staff = out.appendingPathComponent("staff.yaml")
        try Data("# edited by hand\n".utf8).write(to: staff)

        let refused = try Self.importing("solo", to: out)
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "/config/staff.yaml already exist; pass --force to replace them. Nothing was written"))
        #expect(try String(contentsOf: staff, encoding: .utf8) == "# edited by hand\n")

        let forced = try Self.importing("solo", to: out, ["--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOf: staff, encoding: .utf8).contains("staff:"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 4, "no temporary file is left")
    }

    @Test func aDirectoryWithOtherConfigFilesIsRefusedEvenWithForce() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        try Data("version: 1\n".utf8).write(to: work.appendingPathComponent("mine.yaml"))
        let refused = try Self.importing("solo", to: work, ["--force"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("already holds other config files (mine.yaml)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["mine.yaml"])
    }

    @Test func aStaffEmailAmongHealthieClientsIsReportedAndNotImported() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let imported = try Self.importing("riverside", to: work.appendingPathComponent("config"))
        #expect(imported.status == 0)
        #expect(
            imported.stderr.contains(
                "rollcall: warning: Healthie client (patient) 3043 has the email hannah.moore@riverside.org, "
                    + "which staff hannah.moore also has; clients are never imported"))
        let staff = try String(contentsOf: work.appendingPathComponent("config/staff.yaml"), encoding: .utf8)
        #expect(staff.components(separatedBy: "email: hannah.moore@riverside.org").count == 2, "one entry, the member")
    }

    @Test func theSandboxAloneNamesEveryPracticeItHolds() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("riverside.yaml")
        let imported = try RollcallProcess.run([
            "import", "--sandbox", "examples/riverside/sandbox.yaml", "--out", out.path, "--format", "json",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Any])
        #expect(report["format_version"] as? Int == 1)
        #expect((report["round_trip_problems"] as? [Any])?.isEmpty == true)
        #expect(report["written"] as? [String] == [out.path])
        let text = try String(contentsOf: out, encoding: .utf8)
        for key in ["practice-195900:", "practice-195901:", "practice-195902:"] { #expect(text.contains(key)) }
    }

    @Test func onePracticeCanBeImportedAlone() throws {
        let work = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: work) }
        let out = work.appendingPathComponent("config")
        let imported = try Self.importing("riverside", to: out, ["--practice", "north"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Read athenaOne 1 practice"))
        let systems = try String(contentsOf: out.appendingPathComponent("systems.yaml"), encoding: .utf8)
        #expect(systems.contains("north:") && !systems.contains("main:") && !systems.contains("south:"))
    }

    @Test func withoutSystemsTheImportSaysHowToNameThem() throws {
        let output = try RollcallProcess.run(["import", "--out", "/tmp/never-written"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("name the systems to import: --config PATH"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written"))
    }

    @Test(arguments: [
        ["--athena-practice", "main"], ["--athena-practice", "main=0"], ["--athena-base-url", "http://athena.example"],
    ])
    func badSystemFlagsAreUsageErrors(flags: [String]) throws {
        let output = try RollcallProcess.run(["import", "--out", "/tmp/never-written"] + flags)
        #expect(output.status == 1)
        #expect(output.stderr.contains("Error:"))
    }
}
