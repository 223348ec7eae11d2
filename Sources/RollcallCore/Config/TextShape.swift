/// Checks that text compared with live records (names, usernames, ids) is well formed.
///
/// Runs on every value of a large roster, so ASCII text, nearly all of it, is
/// checked byte by byte; other text falls back to Unicode properties.
enum TextShape {
    enum Problem: Equatable {
        case blank
        case paddedWithSpace
        case controlCharacter
        /// A character that shows nothing or turns the text around (U+202E), so the text
        /// reads as something it is not.
        case invisibleCharacter
    }

    /// What is wrong with `text`, or `nil`. `prose` (a description) may hold line breaks,
    /// tabs and spaces at its ends.
    static func problem(with text: String, prose: Bool) -> Problem? {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ asciiProblem($0, prose: prose) }),
            let verdict = ascii
        {
            return verdict.problem
        }
        let scalars = text.unicodeScalars
        if scalars.allSatisfy(\.properties.isWhitespace) { return .blank }
        guard !prose else { return nil }
        if scalars.first?.properties.isWhitespace == true || scalars.last?.properties.isWhitespace == true {
            return .paddedWithSpace
        }
        if scalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacter }
        if scalars.contains(where: isInvisible) { return .invisibleCharacter }
        return nil
    }

    /// Format characters (bidi controls, zero-width joiners, the BOM, soft hyphens) and
    /// other characters that draw nothing.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format || (0x2060...0x2064).contains(scalar.value)
            || scalar.value == 0x115F || scalar.value == 0x1160 || scalar.value == 0x3164
    }

    enum Script: String, CaseIterable {
        case latin = "Latin"
        case greek = "Greek"
        case cyrillic = "Cyrillic"
    }

    /// The scripts whose letters `text` mixes, when it mixes any of Latin, Greek and
    /// Cyrillic: `аlee` with a Cyrillic `а` reads as `alee` but is another name.
    static func mixedScripts(_ text: String) -> [Script]? {
        guard !(text.utf8.withContiguousStorageIfAvailable(isASCII) ?? text.utf8.allSatisfy { $0 < 0x80 }) else {
            return nil
        }
        var found: Set<Script> = []
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: found.insert(.latin)
            case 0x370...0x3FF, 0x1F00...0x1FFF: found.insert(.greek)
            case 0x400...0x52F: found.insert(.cyrillic)
            default: continue
            }
        }
        return found.count > 1 ? Script.allCases.filter { found.contains($0) } : nil
    }

    /// Whether every byte is ASCII, eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var index = 0
        while index + 8 <= bytes.count {
            if base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// Whether every byte is printable ASCII other than the space (0x21 to 0x7E), eight at a
    /// time: such text is never blank, padded or holding a control character.
    static func isPrintableWithoutSpace(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return true }
        var index = 0
        while index + 8 <= bytes.count {
            guard ASCIIWord.isPrintable(base.loadUnaligned(fromByteOffset: index, as: UInt64.self), from: 0x21) else {
                return false
            }
            index += 8
        }
        while index < bytes.count {
            guard (0x21...0x7E).contains(bytes[index]) else { return false }
            index += 1
        }
        return true
    }

    /// The verdict on ASCII text in one pass over its bytes, or nil when it is not ASCII
    /// (Unicode properties then judge it).
    private static func asciiProblem(_ bytes: UnsafeBufferPointer<UInt8>, prose: Bool) -> Verdict? {
        // Most values (ids, usernames, emails, one-word names) have no space at all.
        if !bytes.isEmpty, isPrintableWithoutSpace(bytes) { return Verdict(problem: nil) }
        guard isASCII(bytes) else { return nil }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || (0x09...0x0D).contains(byte)
        }
        var allSpace = true
        var control = false
        for byte in bytes {
            if !isSpace(byte) { allSpace = false }
            if byte < 0x20 || byte == 0x7F { control = true }
        }
        if allSpace { return Verdict(problem: .blank) }
        guard !prose else { return Verdict(problem: nil) }
        if let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) {
            return Verdict(problem: .paddedWithSpace)
        }
        return Verdict(problem: control ? .controlCharacter : nil)
    }

    /// A judgement made: `problem` is nil when the text is well formed.
    private struct Verdict {
        var problem: Problem?
    }
}
