import Foundation
import Testing

/// `rollcall review` over the CLI on the Solo sandbox: a campaign started, filled in, verified
/// incomplete, carried out through the config and an apply, verified complete, and reported.
@Suite struct ReviewCommandTests {
    /// Sets every item's decision in the campaign file: `revoke` for the accounts named, `keep`
    /// (with a reason where privileged) for the rest.
    static func decide(_ path: String, revoke: [String: String]) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var items = text.components(separatedBy: "\n  - account: ")
        for index in items.indices.dropFirst() {
            let account = String(items[index].prefix { $0 != "\n" })
            if let ticket = revoke[account] {
                items[index] = items[index].replacingOccurrences(of: "decision: ''", with: "decision: revoke")
                    .replacingOccurrences(of: "ticket: ''", with: "ticket: \(ticket)")
            } else {
                items[index] = items[index].replacingOccurrences(of: "decision: ''", with: "decision: keep")
                if items[index].contains("privileged: true") {
                    items[index] = items[index].replacingOccurrences(of: "reason: ''", with: "reason: clinic IT")
                }
            }
        }
        try items.joined(separator: "\n  - account: ").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aCampaignIsStartedFilledInCarriedOutAndReported() throws {
        try ApplyScenario.with("solo") { scenario in
            let campaign = scenario.directory.appendingPathComponent("reviews/2026-Q4.yaml").path
            let live = ["--sandbox", scenario.state]
            let started = try scenario.run(
                ["review", "start", scenario.config, "--out", campaign, "--reviewer", "Dana Whitfield"] + live
                    + ["--now", "2026-11-24T09:00:00Z"])
            #expect(started.status == 0, "\(started.stderr)")
            #expect(started.stdout.contains("accounts to review"))
            #expect(started.stdout.contains("next review 2027-02-22"))
            let again = try scenario.run(
                ["review", "start", scenario.config, "--out", campaign, "--reviewer", "Dana Whitfield"] + live)
            #expect(again.status == 1, "a campaign under way is never written over")
            #expect(again.stderr.contains("exists"))

            let fresh = try scenario.run(["review", "verify", campaign, scenario.config] + live)
            #expect(fresh.status == 2)
            #expect(fresh.stdout.contains("\(campaign):"))
            #expect(fresh.stdout.contains(": incomplete: athena:harbor/apiuser has no decision yet"))

            // The reviewer revokes frontdesk2, an account nobody lists, and keeps the rest.
            try Self.decide(campaign, revoke: ["athena:harbor/frontdesk2": "IT-4410"])
            let decided = try scenario.run(["review", "verify", campaign, scenario.config] + live)
            #expect(decided.status == 2, "the revoke is not carried out yet: \(decided.stdout)")
            #expect(
                decided.stdout.contains("incomplete: athena:harbor/frontdesk2 is to revoke, and it is not carried out"))

            // Carried out: the account is deactivated, as a console would do it.
            try scenario.editUser("frontdesk2") { $0["active"] = false }
            let complete = try scenario.run(["review", "verify", campaign, scenario.config] + live)
            #expect(complete.status == 0, "\(complete.stdout)\(complete.stderr)")
            #expect(complete.stdout.contains("1 revoke, 0 modify), every revoke and modify carried out."))

            let page = scenario.directory.appendingPathComponent("attestation.html").path
            let html = try scenario.run(
                ["review", "report", campaign, scenario.config, "--format", "html", "--output", page] + live)
            #expect(html.status == 0, "\(html.stderr)")
            let written = try String(contentsOfFile: page, encoding: .utf8)
            #expect(written.contains("<strong id=\"reviewer\">Dana Whitfield</strong>"))
            #expect(written.contains("Complete: every account decided"))
            #expect(written.contains("<td>athena:harbor/frontdesk2</td>"))
            let csv = try scenario.run(["review", "report", campaign, scenario.config, "--format", "csv"] + live)
            #expect(csv.status == 0)
            #expect(csv.stdout.hasPrefix("account,system,staff_id,role,grants,privileged,"))
            #expect(csv.stdout.contains("athena:harbor/frontdesk2,athena:harbor,unmanaged,none,usertype STAFF,false,"))
            let json = try scenario.run(["review", "report", campaign, scenario.config, "--format", "json"] + live)
            let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect(report?["complete"] as? Bool == true)
            #expect(report?["reviewer"] as? String == "Dana Whitfield")

            // Someone edits what an account was said to hold: an error, and no attestation.
            let text = try String(contentsOfFile: campaign, encoding: .utf8)
            try text.replacingOccurrences(of: "grants: usertype ADMIN", with: "grants: usertype STAFF")
                .write(toFile: campaign, atomically: true, encoding: .utf8)
            let edited = try scenario.run(["review", "report", campaign, scenario.config] + live)
            #expect(edited.status == 1)
            #expect(edited.stdout.isEmpty)
            #expect(edited.stderr.contains("was edited"))
            #expect(edited.stderr.contains("no attestation is written"))
        }
    }
}
