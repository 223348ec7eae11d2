import Testing

@testable import RollcallCore

@Suite struct LowercasedSparinglyTests {
    @Test(arguments: ["jdoe", "J.Doe", "JDOE@EXAMPLE.ORG", "Émile", "ÆSIR", "straße", "İstanbul", "", "a_b-9"])
    func itIsWhatLowercasedGives(text: String) {
        #expect(text.lowercasedSparingly == text.lowercased())
    }
}
