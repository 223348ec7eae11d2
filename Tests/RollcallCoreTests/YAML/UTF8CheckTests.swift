import Testing

@testable import RollcallCore

@Suite struct UTF8CheckTests {
    /// The byte-at-a-time rule the word-at-a-time scan must agree with.
    func plainPrefix(_ bytes: [UInt8]) -> Int {
        bytes.firstIndex { byte in
            !(byte < 0x7F && (byte >= 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D))
        } ?? bytes.count
    }

    @Test func theWordScanStopsWhereTheByteScanDoes() {
        // Every byte value, at every place in a run of plain text long enough to hold words.
        everyByteAtEveryPosition(of: Array("name: Jane\tDoe\r\nrole: nurse, the clinic\n".utf8)) {
            bytes, byte, position in
            let scanned = bytes.withUnsafeBufferPointer { UTF8Check.plainASCIIPrefix($0) }
            #expect(scanned == plainPrefix(bytes), "byte \(byte) at \(position)")
        }
        #expect([UInt8]().withUnsafeBufferPointer { UTF8Check.plainASCIIPrefix($0) } == 0)
    }

    @Test func aProblemAfterLongPlainTextIsPlacedByLineAndColumn() {
        let bytes = Array(String(repeating: "key: value\n", count: 50).utf8) + [0x61, 0x62, 0x00]
        let failure = UTF8Check.firstProblem(in: bytes)
        #expect(failure?.line == 51 && failure?.column == 3 && failure?.isControlCharacter == true)
        let accented = Array(String(repeating: "é key: valüe\n", count: 50).utf8)
        #expect(UTF8Check.firstProblem(in: accented) == nil)
        // Columns count characters: "é" is two bytes and one column.
        let afterAccents = UTF8Check.firstProblem(in: accented + Array("ü é".utf8) + [0xC3])
        #expect(afterAccents?.line == 51 && afterAccents?.column == 4 && afterAccents?.isControlCharacter == false)
        #expect(afterAccents?.reason == "the file ends inside a UTF-8 character")
    }
}
