import Foundation
import RollcallCore
import Testing

/// With `ROLLCALL_PLAN_KEY`, `plan --out` signs the plan and `apply` takes only a plan
/// signed with that key, byte for byte as it was written.
@Suite struct SignedPlanTests {
    static let key = ["ROLLCALL_PLAN_KEY": "a-plan-key-from-the-secret-store-0123456789"]

    static func signedPlan(_ body: (ApplyScenario, Data) throws -> Void) throws {
        try ApplyScenario.with { scenario in
            let saved = try scenario.run(
                [
                    "plan", scenario.config, "--sandbox", scenario.state, "--today", ApplyScenario.today, "--out",
                    scenario.plan,
                ], environment: key)
            #expect(saved.status == 0, "\(saved.stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: scenario.plan))
            let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect((document?["signature"] as? String)?.count == 64, "the plan carries its signature")
            #expect(!String(decoding: data, as: UTF8.self).contains(key.values.first ?? ""), "never the key")
            try body(scenario, data)
        }
    }

    static func applyRefused(_ scenario: ApplyScenario, environment: [String: String], expected: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: scenario.state))
        let output = try scenario.run(
            ["apply", scenario.plan, "--sandbox", scenario.state, "--today", ApplyScenario.today],
            environment: environment)
        #expect(output.status == 1)
        #expect(output.stderr.contains(expected), "\(output.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: scenario.state)) == before, "nothing was applied")
    }

    @Test func aSignedPlanAppliesWithItsKey() throws {
        try Self.signedPlan { scenario, _ in
            let output = try scenario.run(
                ["apply", scenario.plan, "--sandbox", scenario.state, "--today", ApplyScenario.today],
                environment: Self.key)
            #expect(output.status == 0, "\(output.stderr)")
            #expect(try scenario.replan().status == 0)
        }
    }

    /// Every edit counts, even one a JSON reader would not see: a space, a digit of the read's
    /// timing (outside the checksum), a letter of the signature, the checksum recomputed.
    @Test(arguments: [
        "a space added", "the read's seconds", "the signature", "a change edited and the checksum recomputed",
        "the signature removed",
    ])
    func aSignedPlanEditedInAnyByteIsRefused(edit: String) throws {
        try Self.signedPlan { scenario, data in
            var text = String(decoding: data, as: UTF8.self)
            switch edit {
            case "a space added":
                text = text.replacingOccurrences(of: "\"changes\" : [", with: "\"changes\" :  [")
            case "the read's seconds":
                text = text.replacingOccurrences(of: "\"requests\" : ", with: "\"requests\" : 1")
            case "the signature":
                let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let signature = try #require(document?["signature"] as? String)
                let flipped = (signature.first == "0" ? "1" : "0") + signature.dropFirst()
                text = text.replacingOccurrences(of: signature, with: flipped)
            case "the signature removed":
                let document = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let signature = try #require(document?["signature"] as? String)
                text = text.replacingOccurrences(of: "  \"signature\" : \"\(signature)\",\n", with: "")
            default:
                var document = try JSONDecoder().decode(PlanDocument.self, from: data)
                document.changes.removeLast()
                text = String(decoding: try document.sealed().encoded(), as: UTF8.self)
            }
            #expect(Data(text.utf8) != data, "the edit changed the file")
            try text.write(toFile: scenario.plan, atomically: true, encoding: .utf8)
            let expected =
                edit == "the signature removed"
                ? "the plan is not signed, and ROLLCALL_PLAN_KEY is set" : "the plan's signature does not match"
            try Self.applyRefused(scenario, environment: Self.key, expected: expected)
        }
    }

    @Test func aSignedPlanIsRefusedWithAnotherKeyOrWithoutOne() throws {
        try Self.signedPlan { scenario, _ in
            try Self.applyRefused(
                scenario, environment: ["ROLLCALL_PLAN_KEY": "another-key-of-enough-length-987654"],
                expected: "the plan's signature does not match")
            try Self.applyRefused(
                scenario, environment: ["ROLLCALL_PLAN_KEY": ""], expected: "the plan is signed, but ROLLCALL_PLAN_KEY")
        }
    }

    @Test func anUnsignedPlanIsRefusedWhileAKeyIsSet() throws {
        try ApplyScenario.with { scenario in
            #expect(try scenario.savePlan().status == 0)
            try Self.applyRefused(
                scenario, environment: Self.key, expected: "the plan is not signed, and ROLLCALL_PLAN_KEY is set")
        }
    }

    @Test func aShortKeyIsRefusedBeforeAnythingIsRead() throws {
        try ApplyScenario.with { scenario in
            let output = try scenario.run(
                ["plan", scenario.config, "--sandbox", scenario.state, "--out", scenario.plan],
                environment: ["ROLLCALL_PLAN_KEY": "short"])
            #expect(output.status == 1)
            #expect(output.stderr.contains("ROLLCALL_PLAN_KEY is 5 bytes"), "\(output.stderr)")
            #expect(!output.stderr.contains("short"), "the key is never printed")
            #expect(!FileManager.default.fileExists(atPath: scenario.plan))
        }
    }
}
