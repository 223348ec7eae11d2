import Foundation
import Testing

/// `rollcall apply` as a user runs it: the built binary, a sandbox state file, saved plans.
@Suite struct ApplyCommandTests {
    @Test func applyingASavedPlanLeavesNothingToPlanAndKeepsEveryUntouchedField() throws {
        try ApplyScenario.with { scenario in
            let before = try scenario.users()["mlopez"] ?? [:]
            #expect(try scenario.savePlan().status == 0)
            let applied = try scenario.apply()
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(
                applied.stdout.contains(
                    "Apply complete: 2 created, 1 updated, 0 reactivated, 1 deactivated, 0 failed, 0 skipped."))
            #expect(applied.stdout.contains("chain head "))
            let again = try scenario.replan()
            #expect(again.status == 0, "plan after apply must show no changes: \(again.stdout)")
            let after = try scenario.users()["mlopez"] ?? [:]
            #expect(after["departmentids"] as? [Int] == [101, 102])
            for field in ["email", "npi", "schedulingname", "supervisingproviderid", "providerid", "firstname"] {
                #expect(
                    "\(after[field] ?? "nil")" == "\(before[field] ?? "nil")",
                    "the department update must keep \(field)")
            }
            #expect(try scenario.users()["jpark"]?["active"] as? Bool == false)
            let verified = try scenario.run(["audit", "verify", scenario.audit])
            #expect(verified.status == 0, "\(verified.stderr)")
        }
    }

    @Test func applyingTwiceMakesNoSecondWrite() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            #expect(try scenario.apply().status == 0)
            let state = try Data(contentsOf: URL(fileURLWithPath: scenario.state))
            let lines = try scenario.auditLines().count
            let second = try scenario.apply()
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("0 created, 0 updated, 0 reactivated, 0 deactivated, 0 failed, 0 skipped."))
            #expect(second.stdout.contains("4 already applied"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: scenario.state)) == state, "no record may change")
            #expect(try scenario.auditLines().count == lines, "no write, so no audit line")
        }
    }

    @Test func aConfigIsAppliedWithAutoApproveAndRefusedWithoutATerminal() throws {
        try ApplyScenario.with { scenario in
            let refused = try scenario.apply(scenario.config)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("--auto-approve"))
            #expect(try scenario.users()["lfischer"] == nil, "nothing applied without approval")
            let applied = try scenario.apply(scenario.config, ["--auto-approve"])
            #expect(applied.status == 0, "\(applied.stderr)")
            #expect(applied.stdout.contains("Rollcall will perform the following actions:"))
            #expect(try scenario.replan().status == 0)
        }
    }

    /// A record changed behind Rollcall's back after the review: the whole plan is refused,
    /// naming the record and the fields; --skip-stale applies the others.
    @Test func aStalePlanIsRefusedAndSkipStaleAppliesTheRest() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            try scenario.editUser("mlopez") { $0["email"] = "maria.lopez@elsewhere.example" }
            let refused = try scenario.apply()
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("the plan is stale"), "\(refused.stderr)")
            #expect(refused.stderr.contains(#"athena[harbor].user["mlopez"]: email"#), "\(refused.stderr)")
            #expect(try scenario.users()["lfischer"] == nil, "nothing applied from a stale plan")
            let skipped = try scenario.apply(nil, ["--skip-stale"])
            #expect(skipped.status == 1, "a stale change is not applied, so the run is not a success")
            #expect(skipped.stdout.contains("1 created") || skipped.stdout.contains("2 created"))
            #expect(try scenario.users()["lfischer"] != nil)
            #expect(try scenario.users()["mlopez"]?["departmentids"] as? [Int] == [101])
            #expect(try scenario.users()["mlopez"]?["email"] as? String == "maria.lopez@elsewhere.example")
        }
    }

    @Test(arguments: ["edited", "truncated", "unknown version", "wrong expected checksum"])
    func aPlanThatIsNotTheReviewedOneIsRefused(tampering: String) throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            var text = try String(contentsOfFile: scenario.plan, encoding: .utf8)
            var extra: [String] = []
            var expected = ""
            switch tampering {
            case "edited":
                text = text.replacingOccurrences(of: "\"lfischer\"", with: "\"lfischer2\"")
                expected = "does not match its checksum"
            case "truncated":
                text = String(text.prefix(text.count / 2))
                expected = "not a complete JSON document"
            case "unknown version":
                text = text.replacingOccurrences(of: "\"format_version\" : 1", with: "\"format_version\" : 9")
                expected = "format_version 9"
            default:
                extra = ["--expect-checksum", String(repeating: "a", count: 64)]
                expected = "not the reviewed"
            }
            try text.write(toFile: scenario.plan, atomically: true, encoding: .utf8)
            let output = try scenario.apply(nil, extra)
            #expect(output.status == 1)
            #expect(output.stderr.contains(expected), "\(output.stderr)")
            #expect(try scenario.users()["lfischer"] == nil)
            let lines = FileManager.default.fileExists(atPath: scenario.audit) ? try scenario.auditLines() : []
            #expect(lines.isEmpty, "nothing was written, so nothing was audited")
        }
    }

    @Test func noDeactivationsAppliesEverythingElse() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let output = try scenario.apply(nil, ["--no-deactivations"])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("2 created, 1 updated, 0 reactivated, 0 deactivated"))
            #expect(output.stdout.contains("left out by --no-deactivations"))
            #expect(try scenario.users()["jpark"]?["active"] as? Bool == true)
        }
    }

    @Test func aPracticeCanBeAppliedAloneAsACanary() throws {
        try ApplyScenario.with("riverside") { scenario in
            #expect(try scenario.savePlan().status == 0)
            let output = try scenario.apply(nil, ["--practice", "north", "--format", "json"])
            #expect(output.status == 0, "\(output.stderr)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            let changes = try #require(report["changes"] as? [[String: Any]])
            for change in changes {
                let address = change["address"] as? String ?? ""
                let outcome = change["outcome"] as? String
                #expect(
                    address.hasPrefix("athena[north]") ? outcome == "applied" : outcome == "excluded",
                    "\(address): \(outcome ?? "none")")
            }
            #expect(changes.contains { ($0["address"] as? String)?.hasPrefix("athena[north]") == true })
        }
    }

    @Test func anotherApplysLockIsRespectedAndADeadHoldersIsTakenOver() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            try FileManager.default.createDirectory(
                atPath: scenario.directory.appendingPathComponent("config/.rollcall").path,
                withIntermediateDirectories: true)
            let host = ProcessInfo.processInfo.hostName
            let alive =
                #"{"pid": \#(getpid()), "host": "\#(host)", "run_id": "other-run", "started": "now", "expires": \#(Date().timeIntervalSince1970 + 600)}"#
            try alive.write(toFile: scenario.lock, atomically: true, encoding: .utf8)
            let held = try scenario.apply()
            #expect(held.status == 1)
            #expect(held.stderr.contains("another apply holds the lock"), "\(held.stderr)")
            #expect(held.stderr.contains("other-run"))
            #expect(try scenario.users()["lfischer"] == nil)
            let dead =
                #"{"pid": 2147483000, "host": "\#(host)", "run_id": "dead-run", "started": "then", "expires": \#(Date().timeIntervalSince1970 + 600)}"#
            try dead.write(toFile: scenario.lock, atomically: true, encoding: .utf8)
            let taken = try scenario.apply()
            #expect(taken.status == 0, "\(taken.stderr)")
            #expect(taken.stderr.contains("took over the lock of run dead-run"), "\(taken.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scenario.lock), "the lock is released at the end")
        }
    }

    /// A live change after the review that leaves a reviewed deactivation taking the last admin:
    /// refused on the fresh read, though the plan was fine when it was made.
    @Test func minAdminsIsCheckedAgainOnTheFreshRead() throws {
        try ApplyScenario.with { scenario in
            let config = scenario.config + "/rollcall.yaml"
            var text = try String(contentsOfFile: config, encoding: .utf8)
            text = text.replacingOccurrences(
                of: "    - athena:harbor/apiuser      # the integration account Rollcall itself uses\n", with: "")
            try text.write(toFile: config, atomically: true, encoding: .utf8)
            try scenario.editUser("jpark") { $0["usertype"] = "ADMIN" }
            #expect(try scenario.savePlan().status == 0, "apiuser and pshah are active admins at plan time")
            try scenario.editUser("apiuser") { $0["active"] = false }
            try scenario.editUser("pshah") { $0["active"] = false }
            let output = try scenario.apply()
            #expect(output.status == 1)
            #expect(output.stderr.contains("policy.min_admins"), "\(output.stderr)")
            #expect(try scenario.users()["jpark"]?["active"] as? Bool == true)
            #expect(try scenario.users()["lfischer"] == nil)
        }
    }
}

/// `rollcall audit verify` on a real apply's log: intact, then each kind of tampering named by line.
@Suite struct AuditVerifyCommandTests {
    @Test func verifyNamesTheFirstBrokenLineAndACutTail() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let applied = try scenario.apply()
            #expect(applied.status == 0)
            let head = try #require(applied.stdout.split(separator: " ").last.map { String($0.dropLast()) })
            let intact = try scenario.run(["audit", "verify", scenario.audit, "--head", head])
            #expect(intact.status == 0, "\(intact.stderr)")
            #expect(intact.stdout.contains("Intact: \(scenario.audit), 8 lines"))
            let lines = try scenario.auditLines()
            let tamperings: [(String, [String], Int)] = [
                (
                    "edited",
                    [lines[0]] + [lines[1].replacingOccurrences(of: "\"actor\":\"", with: "\"actor\":\"mallory-")]
                        + lines.dropFirst(2), 2
                ),
                ("deleted", [lines[0]] + lines.dropFirst(2), 2),
                ("reordered", [lines[1], lines[0]] + lines.dropFirst(2), 1),
            ]
            for (what, tampered, line) in tamperings {
                try (tampered.joined(separator: "\n") + "\n").write(
                    toFile: scenario.audit, atomically: true, encoding: .utf8)
                let output = try scenario.run(["audit", "verify", scenario.audit])
                #expect(output.status == 1, "\(what)")
                #expect(
                    output.stderr.hasPrefix("\(scenario.audit):\(line): error: the chain is broken here"),
                    "\(what): \(output.stderr)")
            }
            try (lines.prefix(6).joined(separator: "\n") + "\n").write(
                toFile: scenario.audit, atomically: true, encoding: .utf8)
            #expect(
                try scenario.run(["audit", "verify", scenario.audit]).status == 0, "a cut log is a chain on its own")
            let cut = try scenario.run(["audit", "verify", scenario.audit, "--head", head])
            #expect(cut.status == 1)
            #expect(cut.stderr.contains("cut from the end"), "\(cut.stderr)")
            let refused = try scenario.apply()
            #expect(refused.status == 0, "a cut log is intact as far as apply can tell: \(refused.stderr)")
        }
    }
}

@Suite struct ApplyInputTests {
    /// A config written as one YAML flow mapping starts with `{` like a plan; its name says it is a config.
    @Test func aFlowStyleConfigIsAppliedAsAConfigNotReadAsAPlan() throws {
        let config = """
            {version: 1, systems: {athena: {practices: {main: {practiceid: 1, departments: [Clinic]}}}},
             policy: {min_admins: 0}, roles: {nurse: {athena: {usertype: STAFF}}},
             staff: [{id: ann, first_name: Ann, last_name: Lee, role: nurse, practices: {main: {username: alee}}}]}
            """
        let seed = """
            athena:
              practices:
                "1":
                  departments: [{ departmentid: 10, name: Clinic }]
                  users: []
            """
        try RollcallProcess.withFiles(["flow.yaml": Array(config.utf8), "seed.yaml": Array(seed.utf8)]) { directory in
            let output = try RollcallProcess.run([
                "apply", directory.appendingPathComponent("flow.yaml").path, "--sandbox",
                directory.appendingPathComponent("seed.yaml").path, "--auto-approve",
            ])
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stdout.contains("Apply complete: 1 created"), "\(output.stdout)")
        }
    }
}
