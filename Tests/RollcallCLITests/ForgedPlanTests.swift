import Foundation
import RollcallCore
import Testing

/// An attacker with write access to the saved plan (a CI artifact) edits it and recomputes
/// its checksum, which anyone can. Each forgery is built from real changes (planned from a
/// second, edited config against the same sandbox), so its operations and digests are as
/// good as a real plan's; only the config the plan claims differs. Apply must refuse the
/// whole plan, name each forged change, and send nothing: the sandbox's state is unchanged
/// and the audit log has no line.
@Suite struct ForgedPlanTests {
    /// The reviewed plan, a second plan from `edit`ed config, and the scenario they were made in.
    struct Forgery {
        let scenario: ApplyScenario
        var reviewed: PlanDocument
        var other: PlanDocument

        /// The other plan's change at `username` with `action`.
        func change(_ username: String, _ action: PlannedChange.Action) throws -> PlannedChange {
            try #require(
                other.changes.first { $0.address.key == username && $0.action == action },
                "the edited config plans \(action) of \(username)")
        }

        /// Writes `changes` as the reviewed plan's changes, sealed again as an attacker would.
        func save(_ changes: [PlannedChange]) throws {
            var forged = reviewed
            forged.changes = changes
            forged.summary = forged.plan.summary
            try forged.sealed().encoded().write(to: URL(fileURLWithPath: scenario.plan))
        }

        /// Applies the forged plan and checks that it was refused whole with nothing sent.
        func expectRefused(naming reasons: [String], extra: [String] = []) throws -> RollcallProcess.Output {
            let before = try Data(contentsOf: URL(fileURLWithPath: scenario.state))
            let output = try scenario.apply(nil, extra)
            #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
            #expect(
                output.stderr.contains("not what the config asks for now, so nothing was applied"), "\(output.stderr)")
            for reason in reasons {
                #expect(output.stderr.contains(reason), "\(reason) in \(output.stderr)")
            }
            #expect(!output.stdout.contains("Apply complete"), "\(output.stdout)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: scenario.state)) == before, "nothing reaches the sandbox")
            let lines = FileManager.default.fileExists(atPath: scenario.audit) ? try scenario.auditLines() : []
            #expect(lines.isEmpty, "nothing was written, so nothing was audited")
            return output
        }
    }

    static func forgery(_ body: (Forgery) throws -> Void, edit: (String) -> String) throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            let reviewed = try JSONDecoder().decode(
                PlanDocument.self, from: Data(contentsOf: URL(fileURLWithPath: scenario.plan)))
            let otherConfig = scenario.directory.appendingPathComponent("other.yaml").path
            let text = try String(contentsOfFile: scenario.config + "/rollcall.yaml", encoding: .utf8)
            try edit(text).write(toFile: otherConfig, atomically: true, encoding: .utf8)
            let otherPlan = scenario.directory.appendingPathComponent("other.json").path
            let planned = try scenario.run([
                "plan", otherConfig, "--sandbox", scenario.state, "--today", ApplyScenario.today, "--out", otherPlan,
            ])
            #expect(planned.status == 0, "\(planned.stderr)")
            let other = try JSONDecoder().decode(
                PlanDocument.self, from: Data(contentsOf: URL(fileURLWithPath: otherPlan)))
            try body(Forgery(scenario: scenario, reviewed: reviewed, other: other))
        }
    }

    /// The config with `staff` offboarded and the safety rules opened wide, to plan forged changes from.
    static func offboarding(_ staff: [String], unprotect: Bool = false) -> (String) -> String {
        { text in
            var text = text.replacingOccurrences(of: "max_deactivations: 2", with: "max_deactivations: 50")
                .replacingOccurrences(of: "min_admins: 1", with: "min_admins: 0")
            for id in staff {
                text = text.replacingOccurrences(of: "  - id: \(id)\n", with: "  - id: \(id)\n    status: offboarded\n")
            }
            if unprotect {
                text = text.replacingOccurrences(of: "    - athena:harbor/apiuser", with: "")
                    .replacingOccurrences(of: "unmanaged: report", with: "unmanaged: deactivate")
            }
            return text
        }
    }

    /// `change` relabelled as an attacker would: its id recomputed for the new address and action.
    static func relabelled(
        _ change: PlannedChange, action: PlannedChange.Action? = nil, address: RecordAddress? = nil,
        practice: String?? = nil
    ) -> PlannedChange {
        var forged = change
        if let action { forged.action = action }
        if let address { forged.address = address }
        if let practice { forged.practice = practice }
        forged.id = ChangeID.make(address: forged.address, action: forged.action)
        return forged
    }

    @Test func deactivationsLabelledAsUpdatesAreRefused() throws {
        try Self.forgery(
            { forgery in
                let forged = try ["gobi", "tnguyen", "asilva"].map {
                    Self.relabelled(try forgery.change($0, .deactivate), action: .update)
                }
                try forgery.save(forgery.reviewed.changes + forged)
                let output = try forgery.expectRefused(naming: [
                    "action and operation disagree: it says update, but its operation would deactivate the account",
                    #"athena[harbor].user["gobi"]"#, #"athena[harbor].user["tnguyen"]"#,
                    #"athena[harbor].user["asilva"]"#,
                ])
                #expect(output.stderr.contains("3 changes that are not"), "\(output.stderr)")
            }, edit: Self.offboarding(["grace.obi", "tom.nguyen", "ana.silva"]))
    }

    /// Honest labels this time: each change agrees with itself, but the config does not ask for it.
    @Test func changesTheConfigDoesNotAskForAreRefusedEvenWithSkipStale() throws {
        try Self.forgery(
            { forgery in
                let forged = try ["gobi", "tnguyen", "asilva"].map { try forgery.change($0, .deactivate) }
                try forgery.save(forgery.reviewed.changes + forged)
                _ = try forgery.expectRefused(
                    naming: ["not what the config asks for", #"athena[harbor].user["asilva"] (deactivate"#],
                    extra: ["--skip-stale", "--allow-mass-deactivation"])
            }, edit: Self.offboarding(["grace.obi", "tom.nguyen", "ana.silva"]))
    }

    @Test func aDeactivationOfAProtectedAccountIsRefused() throws {
        try Self.forgery(
            { forgery in
                let forged = try forgery.change("apiuser", .deactivate)
                try forgery.save(forgery.reviewed.changes + [forged])
                _ = try forgery.expectRefused(naming: [
                    "athena:harbor/apiuser is in policy.protected: Rollcall never changes it"
                ])
            }, edit: Self.offboarding([], unprotect: true))
    }

    /// Both admins' deactivations moved under a practice label the config does not have.
    @Test func adminDeactivationsUnderAnotherPracticeLabelAreRefused() throws {
        try Self.forgery(
            { forgery in
                let forged = [
                    Self.relabelled(
                        try forgery.change("pshah", .deactivate),
                        address: .athenaUser(practice: "north", username: "pshah"), practice: "north"),
                    Self.relabelled(
                        try forgery.change("apiuser", .deactivate),
                        address: .athenaUser(practice: "north", username: "apiuser"), practice: "north"),
                ]
                try forgery.save(forgery.reviewed.changes + forged)
                _ = try forgery.expectRefused(naming: [
                    "outside the config's practices: the config declares no practice 'north'",
                    #"athena[north].user["pshah"]"#,
                ])
            }, edit: Self.offboarding(["priya.shah"], unprotect: true))
    }

    @Test func anAdminCreatedInAPracticeTheConfigDoesNotDeclareIsRefused() throws {
        try Self.forgery(
            { forgery in
                var forged = try forgery.change("lfischer", .create)
                guard case .athenaCreate(_, var draft) = forged.operation else {
                    Issue.record("lfischer's change is an athenaOne create")
                    return
                }
                draft.userType = "ADMIN"
                draft.username = "mallory"
                forged.operation = .athenaCreate(practiceID: 888_888, draft: draft)
                forged = Self.relabelled(forged, address: .athenaUser(practice: "harbor", username: "mallory"))
                try forgery.save(forgery.reviewed.changes + [forged])
                _ = try forgery.expectRefused(naming: [
                    "outside the config's practices: its operation writes to practice 888888, which "
                        + "systems.athena.practices does not declare"
                ])
            }, edit: { $0 })
    }

    /// The address (and the audit line) would say mlopez; the operation deactivates asilva.
    @Test func anAddressThatIsNotTheAccountTheOperationWritesIsRefused() throws {
        try Self.forgery(
            { forgery in
                let forged = Self.relabelled(
                    try forgery.change("asilva", .deactivate),
                    address: .athenaUser(practice: "harbor", username: "mlopez"))
                try forgery.save(forgery.reviewed.changes + [forged])
                _ = try forgery.expectRefused(naming: [
                    "address and operation disagree: it is addressed to 'mlopez', but its operation writes to user "
                ])
                #expect(try forgery.scenario.users()["asilva"]?["active"] as? Bool != false)
            }, edit: Self.offboarding(["ana.silva"]))
    }

    /// A reviewed change whose operation was swapped for another account's, labels kept.
    @Test func aReviewedChangeWithAnotherOperationIsRefused() throws {
        try Self.forgery(
            { forgery in
                var changes = forgery.reviewed.changes
                let index = try #require(changes.firstIndex { $0.address.key == "jpark" && $0.action == .deactivate })
                var swapped = changes[index]
                swapped.operation = try forgery.change("gobi", .deactivate).operation
                changes[index] = swapped
                try forgery.save(changes)
                _ = try forgery.expectRefused(naming: ["address and operation disagree"])
            }, edit: Self.offboarding(["grace.obi"]))
    }

    /// The honest plan still applies: the check refuses forgeries, not plans.
    @Test func theReviewedPlanResealedUnchangedStillApplies() throws {
        try Self.forgery(
            { forgery in
                try forgery.save(forgery.reviewed.changes)
                let output = try forgery.scenario.apply()
                #expect(output.status == 0, "\(output.stderr)")
                #expect(try forgery.scenario.replan().status == 0)
            }, edit: { $0 })
    }
}
