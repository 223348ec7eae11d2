import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// `schemas/apply-report.schema.json` is pinned to what the report encodes, both ways.
@Suite struct ApplyReportSchemaTests {
    static let schemaFile = RepositoryFiles.root.appendingPathComponent("schemas/apply-report.schema.json")

    static func report() throws -> ApplyReport {
        let scenario = try PlannerPropertyTests.scenario(seed: 5)
        let plan = PlanFixture.plan(scenario.config, scenario.live)
        var report = ApplyReport(runID: "run-1", planChecksum: String(repeating: "ab", count: 32))
        for (index, change) in plan.changes.enumerated() {
            let outcome = ApplyReport.Outcome.allCases[index % ApplyReport.Outcome.allCases.count]
            report.changes.append(
                .init(
                    change: change, outcome: outcome, detail: outcome == .applied ? nil : "why",
                    requestIDs: ["r\(index)"], verified: outcome == .applied ? true : nil))
        }
        // A change a roster drives carries its row.
        let roster = try RosterFixture.config(rows: [RosterFixture.row("1042")])
        for change in RosterFixture.plan(roster, PlanFixture.live()).changes {
            report.changes.append(.init(change: change, outcome: .applied, requestIDs: ["r"], verified: true))
        }
        report.converged = true
        report.stopped = "interrupted by SIGINT"
        report.auditLog = ".rollcall/audit.jsonl"
        report.chainHead = String(repeating: "cd", count: 32)
        return report
    }

    @Test func aReportValidatesAndWritesEveryDocumentedProperty() throws {
        let report = try Self.report()
        #expect(Set(report.changes.map(\.outcome)) == Set(ApplyReport.Outcome.allCases))
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        try check.check(try JSONEncoder().encode(report), name: "report")
        #expect(check.problems == [])
        #expect(check.declaredProperties.subtracting(check.usedProperties).sorted() == [])
    }

    @Test func theOutcomesAreTheModelsCases() throws {
        let schema = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: Self.schemaFile))
        #expect(
            Set(schema["$defs"]?["change"]?["properties"]?["outcome"]?["enum"]?.texts ?? [])
                == Set(ApplyReport.Outcome.allCases.map(\.rawValue)))
    }

    @Test func onlyAppliedAlreadyAppliedExcludedAndUnreviewedChangesSucceed() throws {
        var report = try Self.report()
        report.stopped = nil
        #expect(!report.succeeded)
        report.changes.removeAll { [.failed, .skipped, .stale].contains($0.outcome) }
        #expect(report.succeeded)
        report.converged = false
        #expect(!report.succeeded)
    }
}
