/// Checks that text compared with live records (names, usernames, ids) is well formed.
///
/// Runs on every value of a large roster, so ASCII text, nearly all of it, is
/// checked byte by byte; other text falls back to Unicode properties.
enum TextShape {
    enum Problem: Equatable {
        case blank
        case paddedWithSpace
        case controlCharacter
    }

    /// What is wrong with `text`, or `nil`. `prose` (a description) may hold line breaks,
    /// tabs and spaces at its ends.
    static func problem(with text: String, prose: Bool) -> Problem? {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            return asciiProblem(utf8, prose: prose)
        }
        let scalars = text.unicodeScalars
        if scalars.allSatisfy(\.properties.isWhitespace) { return .blank }
        guard !prose else { return nil }
        if scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true {
            return .paddedWithSpace
        }
        if scalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacter }
        return nil
    }

    private static func asciiProblem(_ utf8: String.UTF8View, prose: Bool) -> Problem? {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || (0x09...0x0D).contains(byte)
        }
        if utf8.allSatisfy(isSpace) { return .blank }
        guard !prose else { return nil }
        if let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) { return .paddedWithSpace }
        if utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return .controlCharacter }
        return nil
    }
}
