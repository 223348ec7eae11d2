import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// `schemas/doctor-report.schema.json` is pinned to what the report encodes, both ways.
@Suite struct DoctorReportSchemaTests {
    static let schemaFile = RepositoryFiles.root.appendingPathComponent("schemas/doctor-report.schema.json")

    static let report = DoctorReport(
        config: "clinic/", source: "environment",
        checks: [
            .passed("config", "the config loads and validates", "3 staff entries"),
            .failed("credentials", "HEALTHIE_API_KEY is set", "not set", fix: "export HEALTHIE_API_KEY=…"),
            .skipped("Healthie", "the API key is an admin key", because: "no credentials"),
        ])

    @Test func aReportValidatesAndWritesEveryDocumentedProperty() throws {
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        try check.check(try Self.report.encoded(), name: "report")
        #expect(check.problems == [])
        #expect(check.declaredProperties.subtracting(check.usedProperties).sorted() == [])
    }

    @Test func aFailedCheckFailsTheReportAndTheTextSaysWhatToDo() {
        #expect(!Self.report.passed)
        let text = DoctorTextRenderer(colored: false).render(Self.report)
        #expect(
            text.contains("  ✘ HEALTHIE_API_KEY is set\n      found: not set\n      do:    export HEALTHIE_API_KEY=…"))
        #expect(text.contains("  – the API key is an admin key: not checked, no credentials"))
        #expect(text.hasSuffix("1 check failed; fix it and run doctor again.\n"))
    }

    @Test func aServersWordsReachTheTerminalEscaped() {
        let report = DoctorReport(
            config: "c", source: "environment",
            checks: [.failed("Healthie", "the API key authenticates", "bad\u{1B}[2Jkey", fix: "x")])
        #expect(DoctorTextRenderer(colored: false).render(report).contains("bad\\u{1B}[2Jkey"))
    }
}
