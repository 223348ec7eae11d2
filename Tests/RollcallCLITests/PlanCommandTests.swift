import Foundation
import Testing

/// `rollcall plan` as a user runs it: the built binary against the built-in sandbox.
@Suite struct PlanCommandTests {
    /// The read line's cost (requests, time) varies from run to run; everything else is pinned.
    static func pinned(_ text: String) -> String {
        guard let end = text.firstIndex(of: "\n"), let colon = text[..<end].range(of: ": ", options: .backwards)
        else { return text }
        return text[..<colon.upperBound] + "(cost)" + text[end...]
    }

    @Test(arguments: ["solo", "riverside", "roster"])
    func thePlanOfEachExampleMatchesItsGoldenFile(example: String) throws {
        let output = try RollcallProcess.run([
            "plan", "examples/\(example)", "--sandbox", "examples/\(example)/sandbox.yaml", "--today", "2026-11-24",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty)
        try GoldenFile.check(Self.pinned(output.stdout), "plan-\(example).txt")
        #expect(!output.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
    }

    /// The saved plan's JSON, less the read's cost (which varies): change ids, preconditions,
    /// digests and the checksum are the same on every run of the same inputs.
    @Test(arguments: ["solo", "riverside", "roster"])
    func thePlanJSONOfEachExampleMatchesItsGoldenFile(example: String) throws {
        let output = try RollcallProcess.run([
            "plan", "examples/\(example)", "--sandbox", "examples/\(example)/sandbox.yaml", "--today", "2026-11-24",
            "--format", "json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        var document = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(document.removeValue(forKey: "read") != nil)
        let pinned = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try GoldenFile.check(String(decoding: pinned, as: UTF8.self) + "\n", "plan-\(example).json")
    }

    /// The Markdown for a pull request, less the read's cost on its third line.
    @Test func theMarkdownPlanOfSoloMatchesItsGoldenFile() throws {
        let output = try RollcallProcess.run([
            "plan", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml", "--today", "2026-11-24", "--format",
            "markdown",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        var lines = output.stdout.components(separatedBy: "\n")
        #expect(lines.count > 3 && lines[2].hasPrefix("Read athenaOne 1 practice"))
        if lines.count > 3 { lines[2] = Self.pinned(lines[2] + "\n").trimmingCharacters(in: .newlines) }
        try GoldenFile.check(lines.joined(separator: "\n"), "plan-solo.md")
    }

    @Test func detailedExitcodeIsTwoWhenThereAreChanges() throws {
        let output = try RollcallProcess.run([
            "plan", "examples/solo", "--sandbox", "examples/solo/sandbox.yaml", "--detailed-exitcode",
        ])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stdout.contains("Plan: 2 to create, 1 to update, 1 to deactivate, 0 to reactivate."))
    }

    @Test func detailedExitcodeIsZeroWhenLiveMatchesTheConfig() throws {
        try RollcallProcess.withFiles([
            "rollcall.yaml": Array(Self.matchingConfig.utf8), "seed.yaml": Array(Self.matchingSeed.utf8),
        ]) {
            directory in
            let output = try RollcallProcess.run([
                "plan", directory.appendingPathComponent("rollcall.yaml").path, "--sandbox",
                directory.appendingPathComponent("seed.yaml").path, "--detailed-exitcode",
            ])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("No changes. The live accounts match the config."))
        }
    }

    /// A config warning reaches stderr once, as `FILE:LINE:COL: warning:`, and the plan still runs.
    @Test func configWarningsArePrintedByLineAndThePlanRuns() throws {
        let config = Self.matchingConfig + "\n  - { id: old.timer, status: offboarded }\n"
        try RollcallProcess.withFiles(["rollcall.yaml": Array(config.utf8), "seed.yaml": Array(Self.matchingSeed.utf8)])
        {
            directory in
            let file = directory.appendingPathComponent("rollcall.yaml").path
            let output = try RollcallProcess.run([
                "plan", file, "--sandbox", directory.appendingPathComponent("seed.yaml").path,
            ])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.hasPrefix("\(file):14:5: warning: staff 'old.timer' is offboarded"))
            #expect(output.stderr.components(separatedBy: "warning:").count == 2)
            #expect(output.stdout.contains("No changes."))
        }
    }

    /// A Healthie key of another organization than the config names reads nothing into a plan.
    @Test func aHealthieKeyOfAnotherOrganizationIsRefused() throws {
        let config = Self.matchingConfig.replacingOccurrences(
            of: "organization_id: \"77\"", with: "organization_id: \"78\"")
        let seed = Self.matchingSeed.replacingOccurrences(
            of: "api_keys: [{ key: test-admin-key, admin: true }]",
            with: "api_keys: [{ key: test-admin-key, admin: true, user_id: \"5\" }]")
        try RollcallProcess.withFiles(["rollcall.yaml": Array(config.utf8), "seed.yaml": Array(seed.utf8)]) {
            directory in
            let output = try RollcallProcess.run([
                "plan", directory.appendingPathComponent("rollcall.yaml").path, "--sandbox",
                directory.appendingPathComponent("seed.yaml").path,
            ])
            #expect(output.status == 1)
            #expect(
                output.stderr.contains(
                    "Healthie: the API key belongs to organization 77, but the config names organization_id 78"),
                "\(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }

    /// The seed given to `--sandbox` may sit in the config directory under any name: it is not config.
    @Test func theSeedGivenToSandboxIsLeftOutOfTheConfigDirectory() throws {
        try RollcallProcess.withFiles([
            "rollcall.yaml": Array(Self.matchingConfig.utf8), "live-seed.yaml": Array(Self.matchingSeed.utf8),
        ]) {
            directory in
            let seed = directory.appendingPathComponent("live-seed.yaml").path
            let planned = try RollcallProcess.run(["plan", directory.path, "--sandbox", seed, "--detailed-exitcode"])
            #expect(planned.status == 0, "\(planned.stderr)")
            // Without --sandbox naming it, the same file is read as config and rejected by line.
            let validated = try RollcallProcess.run(["validate", directory.path])
            #expect(validated.status == 1)
            #expect(validated.stderr.contains("live-seed.yaml:1:1: error: unknown key 'athena'"))
        }
    }

    @Test func jsonIsAVersionedDocumentAndOutSavesItWithDigestsAndNoSecrets() throws {
        try RollcallProcess.withFiles([:]) { directory in
            let saved = directory.appendingPathComponent("plan.json").path
            let output = try RollcallProcess.run([
                "plan", "examples/riverside", "--sandbox", "examples/riverside/sandbox.yaml", "--format", "json",
                "--out", saved, "--today", "2026-11-24",
            ])
            #expect(output.status == 0, "\(output.stderr)")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            #expect(document["format_version"] as? Int == 1)
            #expect(document["today"] as? String == "2026-11-24")
            #expect((document["config_digest"] as? String)?.count == 64)
            let changes = try #require(document["changes"] as? [[String: Any]])
            #expect(changes.count == 5)
            let updates = changes.filter { $0["action"] as? String != "create" }
            #expect(
                updates.allSatisfy {
                    (($0["precondition"] as? [String: Any])?["matches"] as? [String: Any])?["sha256"] as? String != nil
                })
            let creates = changes.filter { $0["action"] as? String == "create" }
            #expect(creates.allSatisfy { ($0["precondition"] as? [String: Any])?["absent"] is String })
            #expect((document["checksum"] as? String)?.count == 64)
            let read = try #require(document["read"] as? [String: Any])
            #expect(read["athena_practices"] as? Int == 3)
            let file = try String(contentsOfFile: saved, encoding: .utf8)
            #expect(try JSONSerialization.jsonObject(with: Data(file.utf8)) is [String: Any])
            for secret in ["sandbox-secret", "sandbox-admin-key", "riverside-admin-key"] {
                #expect(!file.contains(secret))
            }
        }
    }

    @Test func aRefusedPlanExitsOneAndIsNotSaved() throws {
        let config = Self.matchingConfig.replacingOccurrences(of: "max_deactivations: 5", with: "max_deactivations: 0")
            .replacingOccurrences(of: "status: active", with: "status: offboarded")
        try RollcallProcess.withFiles(["rollcall.yaml": Array(config.utf8), "seed.yaml": Array(Self.matchingSeed.utf8)])
        {
            directory in
            let saved = directory.appendingPathComponent("plan.json").path
            let output = try RollcallProcess.run([
                "plan", directory.appendingPathComponent("rollcall.yaml").path, "--sandbox",
                directory.appendingPathComponent("seed.yaml").path, "--out", saved, "--detailed-exitcode",
            ])
            #expect(output.status == 1)
            #expect(output.stdout.contains("Error: refused by policy.max_deactivations"))
            #expect(output.stderr.contains("not saved"))
            #expect(!FileManager.default.fileExists(atPath: saved))
            let allowed = try RollcallProcess.run([
                "plan", directory.appendingPathComponent("rollcall.yaml").path, "--sandbox",
                directory.appendingPathComponent("seed.yaml").path, "--allow-mass-deactivation",
            ])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            #expect(allowed.stdout.contains("allowed by --allow-mass-deactivation"))
        }
    }

    @Test func withoutCredentialsThePlanSaysWhichVariableIsMissing() throws {
        let output = try RollcallProcess.run(
            ["plan", "examples/solo"],
            environment: ["ATHENA_CLIENT_ID": "", "ATHENA_CLIENT_SECRET": "", "HEALTHIE_API_KEY": ""])
        #expect(output.status == 1)
        #expect(output.stderr.contains("ATHENA_CLIENT_ID, ATHENA_CLIENT_SECRET and HEALTHIE_API_KEY are not set"))
        #expect(output.stderr.contains("--sandbox"))
    }

    @Test func anInvalidConfigIsReportedByLineAndNothingIsRead() throws {
        let yaml = "version: 1\nstaff: [{ id: a, rol: nurse }]\n"
        try RollcallProcess.withFiles(["bad.yaml": Array(yaml.utf8)]) { directory in
            let file = directory.appendingPathComponent("bad.yaml").path
            let output = try RollcallProcess.run(["plan", file, "--sandbox", "examples/solo/sandbox.yaml"])
            #expect(output.status == 1)
            #expect(output.stderr.contains("\(file):2:18: error: unknown key 'rol'"), "\(output.stderr)")
            #expect(output.stdout.isEmpty)
        }
    }

    @Test func aMissingSandboxStateSaysHowToMakeOne() throws {
        let output = try RollcallProcess.run(["plan", "examples/solo", "--sandbox", "/nonexistent/state.json"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("rollcall sandbox init"))
    }

    @Test func anUnknownPracticeIsNamedWithTheOnesThatExist() throws {
        let output = try RollcallProcess.run([
            "plan", "examples/riverside", "--sandbox", "examples/riverside/sandbox.yaml", "--practice", "nort",
        ])
        #expect(output.status == 1)
        #expect(
            output.stderr.contains(
                "rollcall: error: --practice nort: the config has no such practice (it has: main, north, south)"))
    }

    @Test func onePracticeCanBePlannedAlone() throws {
        let output = try RollcallProcess.run([
            "plan", "examples/riverside", "--sandbox", "examples/riverside/sandbox.yaml", "--practice", "north",
            "--format", "json",
        ])
        #expect(output.status == 0, "\(output.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let changes = try #require(document["changes"] as? [[String: Any]])
        #expect(
            changes.allSatisfy {
                ($0["address"] as? String)?.hasPrefix("athena[north]") == true
                    || ($0["address"] as? String)?.hasPrefix("healthie") == true
            })
        #expect((document["read"] as? [String: Any])?["athena_practices"] as? Int == 1)
    }

    static let matchingConfig = """
        version: 1
        systems:
          athena:
            practices:
              main: { practiceid: 1, departments: [Clinic] }
          healthie: { organization_id: "77" }
        policy: { max_deactivations: 5, min_admins: 0, protected: [athena:main/apiuser] }
        roles:
          nurse:
            athena: { usertype: STAFF }
            healthie: { org_role: Support, permissions: { can_view_labs: true } }
        staff:
          - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: nurse, status: active, practices: { main: { username: alee, departments: [Clinic] } } }
        """

    static let matchingSeed = """
        athena:
          practices:
            "1":
              departments: [{ departmentid: 10, name: Clinic }]
              users:
                - { userid: 1, username: alee, firstname: Ann, lastname: Lee, usertype: STAFF, email: ann@clinic.org, departmentids: [10] }
                - { userid: 2, username: apiuser, firstname: Api, lastname: User, usertype: ADMIN }
        healthie:
          organization_id: "77"
          api_keys: [{ key: test-admin-key, admin: true }]
          members:
            - { id: "5", email: ann@clinic.org, first_name: Ann, last_name: Lee, org_role: Support, permissions: { can_view_labs: true } }
        """
}

/// Credentials with control characters are refused at once, naming the variable and never the value.
@Suite struct CredentialTests {
    @Test(arguments: ["HEALTHIE_API_KEY", "ATHENA_CLIENT_ID", "ATHENA_CLIENT_SECRET"])
    func aCredentialWithALineEndingIsNamedNeverShown(variable: String) throws {
        var environment = [
            "ATHENA_CLIENT_ID": "client-id-123", "ATHENA_CLIENT_SECRET": "s3cret-value-456",
            "HEALTHIE_API_KEY": "healthie-key-789",
        ]
        let secret = (environment[variable] ?? "") + "\r"
        environment[variable] = secret
        let output = try RollcallProcess.run(["plan", "examples/solo"], environment: environment)
        #expect(output.status == 1)
        #expect(output.stderr.contains("\(variable) holds a control character"), "\(output.stderr)")
        for value in environment.values {
            #expect(!output.stderr.contains(value.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(!output.stdout.contains(value.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }
}

/// `rollcall plan … | head`: a reader that goes away ends the command quietly, never with a crash.
@Suite struct ClosedOutputTests {
    @Test func aClosedStdoutEndsThePlanQuietly() throws {
        let process = Process()
        process.executableURL = try RollcallProcess.binary()
        process.arguments = ["plan", "examples/riverside", "--sandbox", "examples/riverside/sandbox.yaml"]
        process.currentDirectoryURL = RollcallProcess.packageRoot
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        try stdout.fileHandleForReading.close()
        let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let signal = process.terminationReason == .uncaughtSignal
        #expect(
            (signal && process.terminationStatus == SIGPIPE) || (!signal && process.terminationStatus == 141),
            "status \(process.terminationStatus), signal \(signal)")
        #expect(!errors.contains("Fatal error"), "\(errors)")
    }
}

/// `plan --out` never writes over what it must not: its own inputs, a pipe, a symlink's target.
@Suite struct PlanOutTests {
    @Test(arguments: ["the config", "the seed", "a fifo", "a symlink", "a directory", "inside the config directory"])
    func theOutPathIsRefusedAndLeftAlone(target: String) throws {
        try ApplyScenario.with { scenario in
            let config = scenario.config + "/rollcall.yaml"
            let seed = scenario.directory.appendingPathComponent("seed.yaml").path
            try FileManager.default.copyItem(
                atPath: RollcallProcess.packageRoot.appendingPathComponent("examples/solo/sandbox.yaml").path,
                toPath: seed)
            let path: String
            switch target {
            case "the config": path = config
            case "the seed": path = seed
            case "a fifo":
                path = scenario.directory.appendingPathComponent("fifo").path
                #expect(mkfifo(path, 0o644) == 0)
            case "a symlink":
                path = scenario.directory.appendingPathComponent("link.json").path
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: config)
            case "a directory": path = scenario.directory.path
            default: path = scenario.config + "/plan.yaml"
            }
            let before = try? Data(contentsOf: URL(fileURLWithPath: config))
            let output = try scenario.run(["plan", scenario.config, "--sandbox", seed, "--out", path])
            #expect(output.status == 1, "\(target)")
            #expect(output.stderr.hasPrefix("rollcall: error: \(path)"), "\(target): \(output.stderr)")
            #expect(output.stdout.isEmpty, "refused before any work")
            let after = try? Data(contentsOf: URL(fileURLWithPath: config))
            #expect(after == before)
        }
    }
}
