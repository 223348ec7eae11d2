import Foundation
import RollcallTestSupport
import Testing

/// With `--format json`, a command that fails prints why on stdout as JSON (the error's stable
/// code, its words, its place), holding to `schemas/error.schema.json`, and exits 1; stderr
/// still says it in words.
@Suite struct ErrorJSONTests {
    static func error(_ output: RollcallProcess.Output) throws -> [String: Any] {
        var check = try JSONSchemaCheck(
            schema: try Data(contentsOf: RepositoryFiles.root.appendingPathComponent("schemas/error.schema.json")))
        try check.check(Data(output.stdout.utf8), name: "stdout")
        #expect(check.problems == [], "\(output.stdout)")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        return try #require(object?["error"] as? [String: Any])
    }

    @Test func anInvalidConfigIsNamedAtItsFileLineAndColumn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-error-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("clinic.yaml")
        try Data("version: 1\nsystemz: {}\n".utf8).write(to: config)
        for command in [["plan"], ["drift"], ["doctor"], ["audit", "offboarding"]] {
            let output = try RollcallProcess.run(command + [config.path, "--format", "json"])
            #expect(output.status == 1, "\(command)")
            let error = try Self.error(output)
            #expect(error["code"] as? String == "config_invalid", "\(command)")
            #expect(error["file"] as? String == config.path)
            #expect(error["line"] as? Int == 2 && error["column"] as? Int == 1, "\(error)")
            #expect(output.stderr.contains("\(config.path):2:1: error:"), "\(output.stderr)")
        }
    }

    @Test func missingCredentialsHaveTheirCodeAndNoPlace() throws {
        let output = try RollcallProcess.run(
            ["plan", "examples/solo", "--format", "json"],
            environment: ["ATHENA_CLIENT_ID": "", "ATHENA_CLIENT_SECRET": "", "HEALTHIE_API_KEY": ""])
        #expect(output.status == 1)
        let error = try Self.error(output)
        #expect(error["code"] as? String == "credentials")
        #expect(
            (error["message"] as? String)?.contains("ATHENA_CLIENT_ID, ATHENA_CLIENT_SECRET and HEALTHIE_API_KEY")
                == true)
        #expect(error["file"] is NSNull)
        #expect(output.stderr.hasPrefix("rollcall: error: "), "\(output.stderr)")
    }

    @Test func applyAndImportTellTheirErrorsInJSONToo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-errors-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let apply = try RollcallProcess.run(
            [
                "apply", "examples/solo", "--auto-approve", "--format", "json", "--audit-log",
                folder.appendingPathComponent("audit.jsonl").path,
            ],
            environment: ["ATHENA_CLIENT_ID": "", "ATHENA_CLIENT_SECRET": "", "HEALTHIE_API_KEY": ""])
        #expect(apply.status == 1)
        #expect(try Self.error(apply)["code"] as? String == "credentials", "\(apply.stdout)")
        let imported = try RollcallProcess.run([
            "import", "--out", folder.appendingPathComponent("imported").path, "--format", "json",
        ])
        #expect(imported.status == 1)
        #expect(try Self.error(imported)["code"] as? String == "usage", "\(imported.stdout)")
    }

    @Test func aMissingSandboxHasItsCode() throws {
        let output = try RollcallProcess.run(
            ["drift", "examples/solo", "--sandbox", "examples/solo/no-such-state.json", "--format", "json"])
        #expect(output.status == 1)
        #expect(try Self.error(output)["code"] as? String == "sandbox")
    }

    @Test func withoutJSONTheStdoutStaysEmpty() throws {
        let output = try RollcallProcess.run(
            ["plan", "examples/solo"],
            environment: ["ATHENA_CLIENT_ID": "", "ATHENA_CLIENT_SECRET": "", "HEALTHIE_API_KEY": ""])
        #expect(output.status == 1)
        #expect(output.stdout.isEmpty)
    }
}
