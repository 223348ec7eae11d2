import Foundation
import RollcallCore
import Testing

/// A saved plan carries a checksum over its own content and the policy it was made under.
@Suite struct PlanChecksumTests {
    static func document() throws -> PlanDocument {
        let scenario = try PlannerPropertyTests.scenario(seed: 3)
        let plan = PlanFixture.plan(scenario.config, scenario.live)
        return try PlanDocument(
            plan: plan, policy: scenario.config.policy, config: ["clinic"], configDigest: "c0ffee",
            read: ReadSummary(state: scenario.live)
        ).sealed()
    }

    @Test func aSealedPlanVerifiesAndSurvivesARoundTrip() throws {
        let document = try Self.document()
        let checksum = try #require(document.checksum)
        #expect(try document.computedChecksum() == checksum)
        let decoded = try JSONDecoder().decode(PlanDocument.self, from: try document.encoded())
        #expect(try decoded.computedChecksum() == checksum)
    }

    /// The read's timing differs from run to run; the same inputs give the same checksum.
    @Test func theReadIsNotCovered() throws {
        var document = try Self.document()
        let checksum = try document.computedChecksum()
        document.read?.seconds = 99
        document.read?.requests = 1234
        #expect(try document.computedChecksum() == checksum)
    }

    @Test func anyEditToTheContentOrPolicyBreaksIt() throws {
        let document = try Self.document()
        let checksum = try #require(document.checksum)
        var edits: [(String, PlanDocument)] = []
        var changed = document
        changed.policy.minAdmins += 1
        edits.append(("policy", changed))
        changed = document
        changed.changes.removeLast()
        edits.append(("a change removed", changed))
        changed = document
        changed.changes[0].fields[0].after = "\"someone else\""
        edits.append(("a value", changed))
        changed = document
        changed.today = changed.today.adding(days: 1)
        edits.append(("the day", changed))
        changed = document
        changed.configDigest = "other"
        edits.append(("the config digest", changed))
        for (what, edited) in edits {
            #expect(try edited.computedChecksum() != checksum, "\(what) must break the checksum")
        }
    }
}
