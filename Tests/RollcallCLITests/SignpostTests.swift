import Foundation
import Testing

/// Errors that point the right way (issue: going live).
@Suite struct SignpostTests {
    @Test func aWellFormedDayThatDoesNotExistIsToldSo() throws {
        let output = try RollcallProcess.run(["plan", "examples/solo", "--today", "2026-02-30"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--today 2026-02-30 is written as YYYY-MM-DD, but there is no such day"))
        let malformed = try RollcallProcess.run(["plan", "examples/solo", "--today", "30.02.2026"])
        #expect(malformed.stderr.contains("--today must be a date as YYYY-MM-DD, not '30.02.2026'"))
    }

    @Test func rollcallTodayFixesTheDayAndABadOneIsNamed() throws {
        let arguments = ["plan", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml"]
        let fixed = try RollcallProcess.run(arguments, environment: ["ROLLCALL_TODAY": "2027-01-20"])
        #expect(fixed.stdout.contains("access of sam.okafor ends on 2027-01-31 (in 11 days)"), "\(fixed.stdout)")
        let given = try RollcallProcess.run(
            arguments + ["--today", "2026-12-01"], environment: ["ROLLCALL_TODAY": "2027-01-20"])
        #expect(!given.stdout.contains("ends on 2027-01-31"), "--today wins over ROLLCALL_TODAY")
        let bad = try RollcallProcess.run(arguments, environment: ["ROLLCALL_TODAY": "2027-02-30"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("ROLLCALL_TODAY 2027-02-30 is written as YYYY-MM-DD, but there is no such day"))
    }

    @Test func aPracticeIDGivenForAKeyIsNamed() throws {
        let output = try RollcallProcess.run([
            "plan", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml", "--practice", "195900",
        ])
        #expect(output.status == 1)
        #expect(output.stderr.contains("that is the practice id of 'harbor'"), "\(output.stderr)")
        #expect(output.stderr.contains("--practice harbor"))
    }

    @Test func aConfigIsRefusedWithoutATerminalBeforeAnythingIsRead() throws {
        try ApplyScenario.with { scenario in
            let served = try InterruptedApplyTests.serve(scenario, latency: 0)
            defer { served.0.stop() }
            let output = try scenario.run(
                ["apply", scenario.config, "--today", ApplyScenario.today], environment: served.1)
            #expect(output.status == 1)
            #expect(output.stderr.contains("no terminal to ask for approval"), "\(output.stderr)")
            #expect(!output.stdout.contains("Rollcall will perform"), "no plan was read or shown")
            #expect(!output.stderr.contains("Read athenaOne"))
            #expect(!FileManager.default.fileExists(atPath: scenario.lock), "no lock was taken")
        }
    }

    /// Transcripts show hashes shortened; a prefix of 12 or more digits is a check, never "broken".
    @Test func aHashPrefixOfTwelveDigitsIsAcceptedAndAShorterOneIsAUsageError() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scenario.plan)))
            let checksum = try #require((plan as? [String: Any])?["checksum"] as? String)
            let short = try scenario.apply(nil, ["--expect-checksum", String(checksum.prefix(8))])
            #expect(short.status == 1)
            #expect(short.stderr.contains("at least its first 12 hex digits"), "\(short.stderr)")
            let applied = try scenario.apply(nil, ["--expect-checksum", String(checksum.prefix(12)).uppercased()])
            #expect(applied.status == 0, "\(applied.stderr)")
            let head = try #require(applied.stdout.components(separatedBy: "chain head ").last?.prefix(64))
            let verified = try scenario.run(["audit", "verify", scenario.audit, "--head", String(head.prefix(12))])
            #expect(verified.status == 0, "\(verified.stderr)")
            let wrong = try scenario.run(["audit", "verify", scenario.audit, "--head", "0123456789ab"])
            #expect(wrong.status == 1)
            #expect(wrong.stderr.contains("not at the head 0123456789ab"), "\(wrong.stderr)")
            let tooShort = try scenario.run(["audit", "verify", scenario.audit, "--head", String(head.prefix(7))])
            #expect(tooShort.status == 1)
            #expect(!tooShort.stderr.contains("broken"), "a short hash is a usage mistake: \(tooShort.stderr)")
        }
    }
}

extension SignpostTests {
    @Test func everyMissingCredentialIsNamedAtOnce() throws {
        let output = try RollcallProcess.run(
            ["plan", "examples/solo"],
            environment: ["ATHENA_CLIENT_ID": "", "ATHENA_CLIENT_SECRET": "", "HEALTHIE_API_KEY": ""])
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "ATHENA_CLIENT_ID, ATHENA_CLIENT_SECRET and HEALTHIE_API_KEY are not set; the config manages "
                    + "athenaOne and Healthie"), "\(output.stderr)")
        let one = try RollcallProcess.run(
            ["plan", "examples/solo"],
            environment: ["ATHENA_CLIENT_ID": "id", "ATHENA_CLIENT_SECRET": "secret", "HEALTHIE_API_KEY": ""])
        #expect(one.stderr.contains("HEALTHIE_API_KEY is not set"), "\(one.stderr)")
    }

    @Test func aMistypedSandboxSaysItDoesNotExistAndListsTheSeedsBesideIt() throws {
        let output = try RollcallProcess.run(["plan", "examples/solo", "--sandbox", "examples/solo/sandbox.yml"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("--sandbox examples/solo/sandbox.yml does not exist"), "\(output.stderr)")
        #expect(output.stderr.contains("beside it: examples/solo/sandbox.yaml"))
        #expect(!output.stderr.contains("create one with"), "not told to create a state at the mistyped path")
    }
}

extension SignpostTests {
    /// A refused connection or an unknown host is no rate limit: it is not retried with backoff,
    /// the error names the host, and the advice fits a Healthie failure.
    @Test func anUnreachableHostFailsNamingItWithoutRetries() throws {
        try RollcallProcess.withFiles([
            "clinic.yaml": Array(
                """
                version: 1
                systems:
                  athena:
                    base_url: http://127.0.0.1:9
                    practices:
                      main: { practiceid: 1, departments: [] }
                  healthie:
                    base_url: https://rollcall-test-host.invalid/graphql
                policy: { min_admins: 0 }
                roles: {}
                staff: []
                """.utf8)
        ]) { directory in
            let running = try RunningProcess(
                ["plan", directory.appendingPathComponent("clinic.yaml").path],
                environment: ["ATHENA_CLIENT_ID": "id", "ATHENA_CLIENT_SECRET": "secret", "HEALTHIE_API_KEY": "key"])
            let (output, timedOut) = running.wait(atMost: 60)
            #expect(!timedOut)
            #expect(output.status == 1)
            #expect(output.stderr.contains("athenaOne cannot be reached"), "\(output.stderr)")
            #expect(output.stderr.contains("Connection refused"))
            #expect(output.stderr.contains("rollcall-test-host.invalid"), "the host is named")
            #expect(output.stderr.contains("nothing was sent, so it was not tried again"))
            #expect(!output.stderr.contains("gave up after"), "no backoff: \(output.stderr)")
            #expect(output.stderr.contains("Fix Healthie's access first"), "\(output.stderr)")
            #expect(!output.stderr.contains("secret") && !output.stderr.contains("Basic key"))
        }
    }
}

extension SignpostTests {
    /// A plan applied to a config that changed since names the files that did.
    @Test func aPlanAppliedToAnotherConfigNamesTheFilesThatChanged() throws {
        try ApplyScenario.with("riverside") { scenario in
            #expect(try scenario.savePlan().status == 0)
            let staff = scenario.config + "/staff-north.yaml"
            try (try String(contentsOfFile: staff, encoding: .utf8) + "\n# edited\n")
                .write(toFile: staff, atomically: true, encoding: .utf8)
            try "staff: []\n".write(toFile: scenario.config + "/staff-extra.yaml", atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: scenario.config + "/staff-departed.yaml")
            let output = try scenario.apply()
            #expect(output.status == 1)
            #expect(
                output.stderr.contains(
                    "(staff-extra.yaml is new, staff-north.yaml changed, staff-departed.yaml is gone)"),
                "\(output.stderr)")
        }
    }
}

extension SignpostTests {
    /// Against another clinic's sandbox no HEALTHIE_API_KEY is in play: the message says so.
    @Test func aPlanAgainstTheWrongSandboxPointsAtTheSandbox() throws {
        let output = try RollcallProcess.run(["plan", "examples/solo", "--sandbox", "examples/riverside/sandbox.yaml"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("check the --sandbox state (is it this config's sandbox?)"), "\(output.stderr)")
        #expect(!output.stderr.contains("HEALTHIE_API_KEY"), "\(output.stderr)")
    }
}
