import Foundation
import Testing

/// `rollcall audit offboarding` over the CLI on the Riverside sandbox: leavers deactivated by a
/// real apply inside the SLA and over it, one still active, one deactivated in the console, one
/// with no known end; a broken audit log refused; every format written.
@Suite struct OffboardingCommandTests {
    /// An ISO 8601 time `seconds` from now, in UTC, as a config would write it.
    static func time(_ seconds: Int) -> String {
        Date(timeIntervalSinceNow: Double(seconds)).formatted(.iso8601)
    }

    /// Inserts `lines` after the entry `- id: ID` in the config file `file`.
    static func mark(_ scenario: ApplyScenario, _ file: String, _ id: String, _ lines: [String]) throws {
        let path = scenario.config + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let anchor = "  - id: \(id)\n"
        #expect(text.contains(anchor), "\(file) lists \(id)")
        let added = lines.map { "    \($0)\n" }.joined()
        try text.replacingOccurrences(of: anchor, with: anchor + added).write(
            toFile: path, atomically: true, encoding: .utf8)
    }

    static func report(_ scenario: ApplyScenario, _ extra: [String] = []) throws -> (
        RollcallProcess.Output, [String: [String: Any]]
    ) {
        let output = try scenario.run(
            ["audit", "offboarding", scenario.config, "--sandbox", scenario.state, "--format", "json"] + extra)
        let json = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
        var people: [String: [String: Any]] = [:]
        for person in json["people"] as? [[String: Any]] ?? [] {
            if let id = person["staff_id"] as? String { people[id] = person }
        }
        return (output, people)
    }

    @Test func eachLeaverIsMeasuredFromTheAuditLogAndTheLiveRead() throws {
        try ApplyScenario.with("riverside") { scenario in
            // Frank left 20 minutes ago; Wendy and Mei are offboarded with no known end.
            try Self.mark(scenario, "staff-departed.yaml", "frank.miller", ["ended_at: \(Self.time(-20 * 60))"])
            try Self.mark(scenario, "staff-north.yaml", "mei.tanaka", ["status: offboarded"])
            let applied = try scenario.run(["apply", scenario.config, "--sandbox", scenario.state, "--auto-approve"])
            #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")

            let (first, early) = try Self.report(scenario)
            #expect(first.status == 0, "within the SLA, and no end known is no breach: \(first.stderr)")
            #expect(early["frank.miller"]?["verdict"] as? String == "within_sla")
            #expect(early["mei.tanaka"]?["verdict"] as? String == "end_unknown")
            #expect(early["mei.tanaka"]?["ended_at"] is NSNull, "no end is guessed")
            let frankAccounts = early["frank.miller"]?["accounts"] as? [[String: Any]] ?? []
            #expect(frankAccounts.map { $0["state"] as? String } == ["deactivated", "deactivated"])
            let lines = try scenario.auditLines()
            let line = try #require(frankAccounts.first?["audit_line"] as? Int)
            #expect(lines[line - 1].contains("fmiller"), "the audit line named is the one that deactivated it")
            #expect(lines[line - 1].contains(frankAccounts.first?["audit_hash"] as? String ?? "none"))

            // Then: Wendy's end was five hours ago (her apply was over the SLA), Carla left two
            // hours ago and is still active, Andre was deactivated in the console.
            try Self.mark(scenario, "staff-departed.yaml", "wendy.taylor", ["ended_at: \(Self.time(-5 * 3600))"])
            try Self.mark(
                scenario, "staff-north.yaml", "carla.diaz", ["status: offboarded", "ended_at: \(Self.time(-7200))"])
            try Self.mark(
                scenario, "staff-north.yaml", "andre.baptiste",
                ["status: offboarded", "ended_at: \(Self.time(-3 * 3600))"])
            try scenario.editUser("abaptiste", practice: "195901") { $0["active"] = false }
            try scenario.editMember("andre.baptiste@riverside.org") { $0["active"] = false }

            let (second, people) = try Self.report(scenario)
            #expect(second.status == 2, "a breach and an account still active: \(second.stderr)")
            #expect(people["wendy.taylor"]?["verdict"] as? String == "breach")
            #expect((people["wendy.taylor"]?["latency_seconds"] as? Int ?? 0) >= 5 * 3600 - 60)
            #expect(people["carla.diaz"]?["verdict"] as? String == "still_active")
            #expect(people["carla.diaz"]?["still_active"] as? Bool == true)
            #expect(people["andre.baptiste"]?["verdict"] as? String == "not_measured")
            let andre = people["andre.baptiste"]?["accounts"] as? [[String: Any]] ?? []
            #expect(andre.first?["state"] as? String == "already_inactive")
            #expect(people["frank.miller"]?["verdict"] as? String == "within_sla")
            let json = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
            let order = (json?["people"] as? [[String: Any]] ?? []).compactMap { $0["staff_id"] as? String }
            #expect(Array(order.prefix(2)) == ["carla.diaz", "wendy.taylor"], "breaches and still active lead")

            let text = try scenario.run(["audit", "offboarding", scenario.config, "--sandbox", scenario.state])
            #expect(text.status == 2)
            #expect(text.stdout.contains("STILL ACTIVE carla.diaz (Carla Diaz)"))
            #expect(text.stdout.contains("athena:north/cdiaz: still active, for 2 h"))
            #expect(text.stdout.contains("OVER THE SLA wendy.taylor"))
            #expect(text.stdout.contains("5 leavers since"))
        }
    }

    @Test func aBrokenAuditLogIsAnErrorNotAReport() throws {
        try ApplyScenario.with("riverside") { scenario in
            let applied = try scenario.run(["apply", scenario.config, "--sandbox", scenario.state, "--auto-approve"])
            #expect(applied.status == 0, "\(applied.stderr)")
            var lines = try scenario.auditLines()
            lines[0] = lines[0].replacingOccurrences(of: "\"outcome\":\"started\"", with: "\"outcome\":\"applied\"")
            try (lines.joined(separator: "\n") + "\n").write(toFile: scenario.audit, atomically: true, encoding: .utf8)
            let (output, _) = try Self.report(scenario)
            #expect(output.status == 1)
            #expect(
                output.stdout.hasPrefix(#"{"error":{"code":"audit_log","#),
                "no report from a log that does not verify, only why: \(output.stdout)")
            #expect(output.stderr.contains("the audit log \(scenario.audit) is broken at line 1"))
        }
    }

    @Test func everyFormatIsWrittenToItsFile() throws {
        try ApplyScenario.with("riverside") { scenario in
            try Self.mark(scenario, "staff-departed.yaml", "frank.miller", ["ended_at: \(Self.time(-3 * 3600))"])
            for format in ["markdown", "html", "json"] {
                let file = scenario.directory.appendingPathComponent("offboarding.\(format)").path
                let output = try scenario.run([
                    "audit", "offboarding", scenario.config, "--sandbox", scenario.state, "--format", format,
                    "--output", file, "--commit", "abc123",
                ])
                #expect(output.status == 2, "frank's accounts are still active: \(output.stderr)")
                #expect(output.stderr.contains("rollcall: audit offboarding: 2 leavers since"))
                let written = try String(contentsOfFile: file, encoding: .utf8)
                #expect(written.contains("frank.miller"))
                if format == "markdown" { #expect(written.contains("| **still active** | frank.miller |")) }
                if format == "html" { #expect(written.contains("<td class=\"verdict\">still active</td>")) }
            }
            let bad = try scenario.run([
                "audit", "offboarding", scenario.config, "--sandbox", scenario.state, "--now", "2026-12-07T09:00:00",
            ])
            #expect(bad.status == 1)
            #expect(bad.stderr.contains("--now must be an ISO 8601 time with its offset"))
        }
    }
}
