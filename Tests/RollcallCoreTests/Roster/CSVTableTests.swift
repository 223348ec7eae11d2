import RollcallCore
import Testing

/// The export as HR systems write it, and every way it can be broken, at its line and column.
@Suite struct CSVTableTests {
    static func table(_ text: String) throws -> CSVTable {
        try CSVTable.parse(Array(text.utf8)).get()
    }

    static func problem(_ bytes: [UInt8]) -> CSVTable.Problem? {
        if case .failure(let problem) = CSVTable.parse(bytes) { return problem }
        return nil
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaksAndKeepTheirPlace() throws {
        let text = "\u{FEFF}id,name,note\r\n1,\"Núñez, Jr\",\"said \"\"hi\"\"\"\r\n2,Zoë,\"two\nlines\"\r\n3,Bo,\r\n"
        let table = try Self.table(text)
        #expect(table.header.fields.map(\.value) == ["id", "name", "note"], "the BOM is not part of the header")
        #expect(
            table.rows.map { $0.fields.map(\.value) } == [
                ["1", "Núñez, Jr", "said \"hi\""], ["2", "Zoë", "two\nlines"], ["3", "Bo", ""],
            ])
        #expect(table.rows.map(\.line) == [2, 3, 5], "a quoted line break moves the next row down a line")
        let zoe = table.rows[1].fields
        #expect((zoe[1].line, zoe[1].column) == (3, 3))
        #expect((zoe[2].line, zoe[2].column) == (3, 7), "columns count characters, not bytes (ë is two bytes)")
    }

    @Test func lfAndAMissingLastLineBreakReadTheSame() throws {
        #expect(try Self.table("a,b\n1,2") == Self.table("a,b\r\n1,2\r\n"))
    }

    @Test(arguments: [
        ("a,b\n1,\"open\n2,3\n", "never closed", 2, 3),
        ("a,b\n1,2,3\n", "this row has 3 fields, but the header has 2", 2, 1),
        ("a,b\n1\n", "this row has 1 field, but the header has 2", 2, 1),
        ("a,b\n1,x\"y\n", "a quote inside a field", 2, 4),
        ("a,b\n1,\"x\"y\n", "ends at its closing quote", 2, 6),
        ("", "no header row", 1, 1),
    ])
    func aBrokenFileIsNamedAtItsPlace(text: String, words: String, line: Int, column: Int) throws {
        let problem = try #require(Self.problem(Array(text.utf8)))
        #expect(problem.message.contains(words), "\(problem.message)")
        #expect((problem.line, problem.column) == (line, column))
    }

    @Test func invalidUTF8AndNULAreNamedAtTheirPlace() throws {
        let latin1 = Array("a,b\n1,Zo".utf8) + [0xEB] + Array("\n".utf8)
        let invalid = try #require(Self.problem(latin1))
        #expect(invalid.message.contains("invalid UTF-8"))
        #expect((invalid.line, invalid.column) == (2, 5))
        let nul = try #require(Self.problem(Array("a,b\n\n1,".utf8) + [0] + [0x0A]))
        #expect(nul.message.contains("NUL"))
        #expect((nul.line, nul.column) == (3, 3))
    }
}
