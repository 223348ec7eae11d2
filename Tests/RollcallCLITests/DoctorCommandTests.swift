import Foundation
import Testing

/// `rollcall doctor` as a user runs it: exit 0 when everything holds, 1 otherwise, and the
/// JSON form for a script.
@Suite struct DoctorCommandTests {
    @Test func aSandboxClinicPassesAndExitsZero() throws {
        let output = try RollcallProcess.run([
            "doctor", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml", "--no-color",
        ])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("✔ practice harbor (195900): users are readable: 11 users"))
        #expect(output.stdout.hasSuffix("Everything checked holds: a plan can read what it needs.\n"))
        #expect(!output.stdout.contains("✘"))
    }

    @Test func missingCredentialsAreAllNamedInJSONAndExitOne() throws {
        let output = try RollcallProcess.run(
            ["doctor", "examples/solo", "--format", "json"],
            environment: ["ATHENA_CLIENT_ID": "", "ATHENA_CLIENT_SECRET": "", "HEALTHIE_API_KEY": ""])
        #expect(output.status == 1, "\(output.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(report["passed"] as? Bool == false)
        let checks = report["checks"] as? [[String: Any]] ?? []
        let failed = checks.filter { $0["status"] as? String == "failed" }.compactMap { $0["name"] as? String }
        #expect(failed == ["ATHENA_CLIENT_ID is set", "ATHENA_CLIENT_SECRET is set", "HEALTHIE_API_KEY is set"])
        #expect(output.stderr.isEmpty, "\(output.stderr)")
    }

    @Test func anInvalidConfigIsNamedAtItsPlaceAndExitsOne() throws {
        let output = try RollcallProcess.run(["doctor", "Tests/Fixtures/does-not-exist.yaml"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("does-not-exist.yaml"), "\(output.stderr)")
    }
}
