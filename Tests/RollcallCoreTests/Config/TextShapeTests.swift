import Testing

@testable import RollcallCore

@Suite struct TextShapeTests {
    /// Every byte value at every place of a text long enough to hold words: the word-at-a-time
    /// scan agrees with a byte-at-a-time one.
    @Test func theWordScanFindsEveryByteOutsidePrintableASCII() {
        everyByteAtEveryPosition(of: Array("jane.doe@example.org-42_x".utf8)) { bytes, byte, position in
            let scanned = bytes.withUnsafeBufferPointer { TextShape.isPrintableWithoutSpace($0) }
            #expect(scanned == bytes.allSatisfy { (0x21...0x7E).contains($0) }, "byte \(byte) at \(position)")
        }
    }

    /// What a value's shape is judged to be does not depend on the fast path.
    @Test(
        arguments: [
            ("jane.doe", false, nil), ("Main Clinic", false, nil), ("", false, .blank), ("   ", false, .blank),
            (" jane", false, .paddedWithSpace), ("jane ", false, .paddedWithSpace),
            ("ja\u{7}ne", false, .controlCharacter),
            ("jane\u{7F}doe1234", false, .controlCharacter), ("line\nbreak", true, nil),
            (
                "ja\u{200B}ne", false,
                .invisibleCharacter
            ), ("Zoë", false, nil),
        ] as [(String, Bool, TextShape.Problem?)])
    func aValueIsJudgedTheSame(text: String, prose: Bool, expected: TextShape.Problem?) {
        #expect(TextShape.problem(with: text, prose: prose) == expected)
    }
}
