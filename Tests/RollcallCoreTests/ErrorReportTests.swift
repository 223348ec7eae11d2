import Foundation
import RollcallCore
import RollcallTestSupport
import Testing

/// `schemas/error.schema.json` is pinned to what `ErrorReport` encodes, and every error keeps its code.
@Suite struct ErrorReportTests {
    static let schemaFile = RepositoryFiles.root.appendingPathComponent("schemas/error.schema.json")

    struct Uncoded: Error {}

    struct Placed: CodedError {
        var errorCode: String { "config_invalid" }
        var errorMessage: String { "unknown key 'rol'" }
        var errorPlace: ErrorPlace? { ErrorPlace(file: "staff.yaml", line: 4, column: 3) }
    }

    @Test func aCodedErrorWithAPlaceValidatesAndWritesEveryProperty() throws {
        let report = ErrorReport(Placed())
        #expect(
            report.error
                == .init(code: "config_invalid", message: "unknown key 'rol'", file: "staff.yaml", line: 4, column: 3))
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        try check.check(Data(report.json().utf8), name: "error")
        #expect(check.problems == [])
        #expect(check.declaredProperties.subtracting(check.usedProperties).sorted() == [])
    }

    @Test func anErrorWithoutAPlaceWritesNullsAndOneWithoutACodeIsInternal() throws {
        let stale = ErrorReport(PreconditionFailed(record: "user 7 in practice 100", changedFields: ["status"]))
        #expect(stale.json().hasPrefix(#"{"error":{"code":"stale","column":null,"file":null,"line":null,"#))
        let unknown = ErrorReport(Uncoded())
        #expect(unknown.error.code == ErrorReport.internalCode)
        var check = try JSONSchemaCheck(schema: try Data(contentsOf: Self.schemaFile))
        try check.check(Data(stale.json().utf8), name: "stale")
        try check.check(Data(unknown.json().utf8), name: "internal")
        #expect(check.problems == [])
    }

    @Test func codesAreSnakeCasedWords() {
        #expect("missingScope".snakeCased == "missing_scope")
        #expect("badCredentials".snakeCased == "bad_credentials")
        #expect("notFound".snakeCased == "not_found")
    }
}
