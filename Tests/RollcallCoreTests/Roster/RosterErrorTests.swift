import RollcallCore
import Testing

/// Bad input in the export is an error at its line and column, and nothing is planned.
@Suite struct RosterErrorTests {
    typealias F = RosterFixture

    static func errors(_ rows: [String], header: String = F.header, staff: String = "", roster: String = F.roster())
        -> [Diagnostic]
    {
        let outcome = F.load(rows: rows, staff: staff, roster: roster, header: header)
        #expect(outcome.config == nil, "an error leaves no config to plan from")
        return outcome.diagnostics.filter(\.isError)
    }

    static func expect(
        _ diagnostics: [Diagnostic], _ words: String, line: Int, column: Int, file: String = "clinic/hr/roster.csv"
    ) {
        let found = diagnostics.first { $0.message.contains(words) }
        #expect(found != nil, "\(words) in \(diagnostics.map(\.message))")
        #expect(found?.file == file)
        #expect(found?.line == line && found?.column == column, "\(String(describing: found))")
    }

    @Test func aMappedHeaderThatIsMissingIsNamedWithTheHeadersFound() {
        let header = F.header.replacingOccurrences(of: "Work Email", with: "E-mail")
        let errors = Self.errors([F.row("1")], header: header)
        Self.expect(errors, "the column 'Work Email' (roster.columns.email) is not in the header", line: 1, column: 1)
        #expect(errors.first?.hint?.contains("E-mail") == true)
    }

    @Test func aDuplicateKeyNamesBothLines() {
        let errors = Self.errors([F.row("1042"), F.row("7", "Bo", "Li"), F.row("1042", "Cy", "Ng")])
        Self.expect(errors, "Employee ID '1042' is on two rows; it was first on line 2", line: 4, column: 1)
    }

    @Test func anEmptyKeyIsNamed() {
        Self.expect(Self.errors([F.row("  ")]), "the row has no Employee ID", line: 2, column: 1)
    }

    @Test func aDateThatDoesNotReadInTheFormatIsNamed() {
        let row = F.row("1042", hired: "13/45/2026")
        let column = row.distance(from: row.startIndex, to: row.range(of: "13/45")?.lowerBound ?? row.startIndex) + 1
        Self.expect(Self.errors([row]), "'13/45/2026' is not a date in MM/DD/YYYY", line: 2, column: column)
    }

    @Test func aStatusTheRosterDoesNotListIsNamed() {
        let errors = Self.errors([F.row("1", "Ann", "Lee"), F.row("2", "Bo", "Li", status: "Contractor")])
        let row = F.row("2", "Bo", "Li", status: "Contractor")
        let column =
            row.distance(from: row.startIndex, to: row.range(of: "Contractor")?.lowerBound ?? row.startIndex) + 1
        Self.expect(errors, "status 'Contractor' is not in roster.statuses", line: 3, column: column)
    }

    @Test func anInvalidEmailIsNamed() {
        Self.expect(
            Self.errors([F.row("1", email: "ann@@clinic")]), "email 'ann@@clinic' of 1 is malformed", line: 2,
            column: 11)
    }

    @Test func aBrokenFileIsNamedAtItsPlace() {
        Self.expect(Self.errors(["1,\"Ann,Lee"]), "this quote is never closed", line: 2, column: 3)
    }

    @Test func aBrokenFileIsTheOnlyErrorEvenAfterBadRows() {
        let errors = Self.errors([F.row("1", status: "Contractor"), F.row("2", "Bo", "Li"), "3,\"Cy,Ng"])
        #expect(errors.count == 1, "\(errors.map(\.message))")
        Self.expect(errors, "this quote is never closed", line: 4, column: 3)
    }

    @Test func aMissingHeaderDoesNotHideABrokenFile() {
        let header = F.header.replacingOccurrences(of: "Work Email", with: "E-mail")
        let errors = Self.errors([F.row("1"), "2,\"Bo"], header: header)
        #expect(errors.map(\.message).count == 1, "\(errors.map(\.message))")
        Self.expect(errors, "this quote is never closed", line: 3, column: 3)
    }

    @Test func aYAMLIDThatIsARosterKeyIsRefused() {
        let entry = "  - { id: \"1042\", first_name: Ann, last_name: Lee, role: front-desk }"
        let errors = Self.errors([F.row("1042")], staff: entry)
        let found = errors.first { $0.message.contains("is also the roster key of clinic/hr/roster.csv:2") }
        #expect(found?.file == "clinic/config.yaml", "\(errors)")
    }

    @Test func theMappingNamesRolesAndPracticesTheConfigHas() {
        let roster = F.roster().replacingOccurrences(of: "Front Desk: front-desk", with: "Front Desk: frontdesk")
            .replacingOccurrences(of: "Corporate: none", with: "Corporate: { hq: [Office] }")
        let outcome = F.load(rows: [F.row("1")], roster: roster)
        let messages = outcome.diagnostics.filter(\.isError).map(\.message)
        #expect(messages.contains { $0.contains("maps 'Front Desk' to role 'frontdesk', which is not defined") })
        #expect(messages.contains { $0.contains("maps 'Corporate' to practice 'hq', which is not declared") })
        #expect(outcome.diagnostics.allSatisfy { $0.file == "clinic/config.yaml" })
    }
}

extension RosterErrorTests {
    @Test func aTitleMappedTwiceIsNamed() {
        let roster = RosterFixture.roster().replacingOccurrences(
            of: "    Billing: none", with: "    Billing: none\n    registered nurse : nurse")
        let outcome = RosterFixture.load(rows: [RosterFixture.row("1")], roster: roster)
        #expect(
            outcome.diagnostics.contains {
                $0.message.contains("job title 'registered nurse' is mapped again") && $0.file == "clinic/config.yaml"
            }, "\(outcome.diagnostics.map(\.message))")
    }
}
