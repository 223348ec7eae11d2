import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// `schemas/offboarding-report.schema.json` is pinned to what the report encodes, both ways.
@Suite struct OffboardingReportSchemaTests {
    static let schemaFile = RepositoryFiles.root.appendingPathComponent("schemas/offboarding-report.schema.json")

    @Test func aReportValidatesAndWritesEveryDocumentedProperty() throws {
        let (config, live) = try OffboardingAuditTests.clinic()
        var after = live
        after.athena[0].users[0].active = false
        let entries = try OffboardingAuditTests.entries(
            config, live, at: [#"athena[main].user["quick"]"#: "2026-11-24T10:20:00Z"])
        var report = OffboardingAuditTests.report(config, after, entries: entries)
        report.commit = "abc"
        report.read = ReadSummary(state: after)
        // A roster person, so a source with a key is written too.
        let roster = try RosterFixture.config(rows: [
            RosterFixture.row("1001", status: "Terminated", ends: "11/20/2026")
        ])
        report.people +=
            OffboardingAuditTests.report(roster, PlanFixture.live(main: [PlanFixture.user(1, "alee")])).people
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        try check.check(try report.encoded(), name: "report")
        #expect(check.problems == [])
        #expect(check.declaredProperties.subtracting(check.usedProperties).sorted() == [])
    }

    @Test func theVerdictsStatesAndBasesAreTheModelsCases() throws {
        let schema = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: Self.schemaFile))
        let person = schema["$defs"]?["person"]?["properties"]
        #expect(
            Set(person?["verdict"]?["enum"]?.texts ?? [])
                == Set(OffboardingPerson.Verdict.allCases.map(\.rawValue)))
        #expect(person?["end_basis"]?["enum"]?.texts == ["ended_at", "termination_date", "expires", "unknown"])
    }
}
