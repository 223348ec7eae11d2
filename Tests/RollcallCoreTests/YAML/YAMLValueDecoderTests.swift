import RollcallCore
import Testing

@Suite struct YAMLValueDecoderTests {
    struct Record: Decodable, Equatable {
        var id: Int
        var active: Bool
        var name: String
    }

    func decode(_ text: String, quoted: Bool) throws -> Record {
        let root = try #require(YAMLParser.parse(Array(text.utf8), file: "seed.yaml").root)
        return try YAMLValueDecoder(acceptsQuotedValues: quoted).decode(Record.self, from: root, file: "seed.yaml")
    }

    @Test func scalarsAreTypedByTheFieldNotByYAMLGuessing() throws {
        #expect(
            try decode("{id: 7, active: true, name: 0123}", quoted: false) == Record(id: 7, active: true, name: "0123"))
    }

    /// Strict by default, and the message says the quotes are the problem.
    @Test func quotedNumbersAndBooleansAreRefusedUnlessAsked() throws {
        #expect {
            try decode("{id: \"7\", active: true, name: a}", quoted: false)
        } throws: { error in
            "\(error)" == "seed.yaml:1:6: error: 'id' must be a whole number, but \"7\" is quoted text"
        }
        #expect {
            try decode("{id: 7, active: 'false', name: a}", quoted: false)
        } throws: { error in
            "\(error)" == "seed.yaml:1:17: error: 'active' must be true or false, but \"false\" is quoted text"
        }
        #expect(
            try decode("{id: \"7\", active: 'false', name: a}", quoted: true) == Record(id: 7, active: false, name: "a")
        )
    }

    @Test func quotedTextThatIsNoNumberIsStillAnError() throws {
        #expect {
            try decode("{id: \"seven\", active: true, name: a}", quoted: true)
        } throws: { error in
            "\(error)" == "seed.yaml:1:6: error: 'id' must be a whole number, not 'seven'"
        }
    }
}
