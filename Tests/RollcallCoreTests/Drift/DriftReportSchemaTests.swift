import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// `schemas/drift-report.schema.json` is pinned to what the report encodes, both ways.
@Suite struct DriftReportSchemaTests {
    static let schemaFile = RepositoryFiles.root.appendingPathComponent("schemas/drift-report.schema.json")

    /// A report that writes every property: suppressed and expired rules, an expiring person,
    /// a Healthie finding, a read, a commit, and `--since` marks.
    static func report() throws -> DriftReport {
        let config = try PlanFixture.config(
            staff: """
                  - { id: ann, first_name: Ann, last_name: Lee, email: ann@clinic.org, role: nurse, expires: 2026-11-30, practices: { main: { username: ann } } }
                """,
            policy: PlanFixture.lenientPolicy + """

                  ignore:
                    - { account: "athena:main/kiosk", fields: [account], reason: "vendor kiosk", until: 2026-12-31 }
                    - { account: "athena:main/old", reason: "ended", until: 2026-01-01 }
                """)
        let live = PlanFixture.live(
            main: [PlanFixture.user(1, "ann", first: "Anne", email: "ann@clinic.org"), PlanFixture.user(2, "kiosk")],
            members: [PlanFixture.member("9", "ann@clinic.org", permissions: ["can_see_billing": true])])
        let source = DriftDetector.Source(
            paths: ["clinic.yaml"], digest: String(repeating: "ab", count: 32), commit: "c")
        var read = ReadSummary(state: live)
        read.requests = 3
        let before = DriftDetector.report(
            config: config, live: PlanFixture.live(main: [PlanFixture.user(3, "gone")]), today: PlanFixture.today,
            source: source)
        return DriftDetector.report(config: config, live: live, today: PlanFixture.today, source: source, read: read)
            .marked(since: before)
    }

    @Test func aReportValidatesAndWritesEveryDocumentedProperty() throws {
        let report = try Self.report()
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        try check.check(try report.encoded(), name: "report")
        #expect(check.problems == [])
        #expect(check.declaredProperties.subtracting(check.usedProperties).sorted() == [])
    }

    @Test func theKindsAndSeveritiesAreTheModelsCases() throws {
        let schema = try JSONDecoder().decode(JSONValue.self, from: try Data(contentsOf: Self.schemaFile))
        let finding = schema["$defs"]?["finding"]?["properties"]
        #expect(Set(finding?["kind"]?["enum"]?.texts ?? []) == Set(DriftFinding.Kind.allCases.map(\.rawValue)))
        #expect(Set(finding?["severity"]?["enum"]?.texts ?? []) == Set(DriftSeverity.allCases.map(\.rawValue)))
    }
}
