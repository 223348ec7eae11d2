/// A practical check of email addresses as login identifiers: what a clinic
/// would type, not everything RFC 5322 allows (no quoted local parts, no IP literals).
enum EmailAddress {
    /// Why `text` is not a usable email address, or `nil` when it is one.
    static func problem(with text: String) -> String? {
        let found =
            text.utf8.withContiguousStorageIfAvailable(problem(in:))
            ?? Array(text.utf8).withUnsafeBufferPointer(problem(in:))
        guard let found else { return nil }
        // The domain, for a message that names it: what follows the one '@'.
        var domain: String { text.firstIndex(of: "@").map { String(text[text.index(after: $0)...]) } ?? "" }
        switch found {
        case .tooLong: return "it is longer than 254 characters"
        case .noAt: return "it has no '@'"
        case .manyAt: return "it has more than one '@'"
        case .localLength: return "the part before '@' must be 1 to 64 characters"
        case .localCharacter: return "the part before '@' has a character an address cannot hold"
        case .localDot: return "the part before '@' has a misplaced '.'"
        case .noDomainDot: return "the domain '\(domain)' has no '.'"
        case .badHost: return "the domain '\(domain)' is not a valid host name"
        case .noTopLevel: return "the domain '\(domain)' does not end in a top-level domain such as .org"
        }
    }

    private enum Problem {
        case tooLong, noAt, manyAt, localLength, localCharacter, localDot, noDomainDot, badHost, noTopLevel
    }

    /// One pass over the address's bytes, nothing copied: it runs on every staff entry.
    private static func problem(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        guard bytes.count <= 254 else { return .tooLong }
        let at = UInt8(ascii: "@")
        let dot = UInt8(ascii: ".")
        let hyphen = UInt8(ascii: "-")
        var atIndex: Int?
        for index in bytes.indices where bytes[index] == at {
            if atIndex != nil { return .manyAt }
            atIndex = index
        }
        guard let atIndex else { return .noAt }
        let local = bytes[..<atIndex]
        guard !local.isEmpty, local.count <= 64 else { return .localLength }
        guard local.allSatisfy(isLocalByte) else { return .localCharacter }
        var previous: UInt8 = 0
        for byte in local {
            if byte == dot && previous == dot { return .localDot }
            previous = byte
        }
        guard local.first != dot, local.last != dot else { return .localDot }
        let domain = bytes[(atIndex + 1)...]
        guard domain.contains(dot) else { return .noDomainDot }
        var labelStart = domain.startIndex
        var lastLabel = domain[domain.startIndex..<domain.startIndex]
        while labelStart <= domain.endIndex {
            let labelEnd = domain[labelStart...].firstIndex(of: dot) ?? domain.endIndex
            let label = domain[labelStart..<labelEnd]
            guard !label.isEmpty, label.count <= 63, label.allSatisfy({ isLetterOrDigit($0) || $0 == hyphen }),
                label.first != hyphen, label.last != hyphen
            else { return .badHost }
            lastLabel = label
            labelStart = labelEnd + 1
        }
        guard lastLabel.count >= 2, lastLabel.allSatisfy(isLetter) else { return .noTopLevel }
        return nil
    }

    /// The form used to compare addresses: Healthie matches members by email without regard to case.
    static func normalized(_ text: String) -> String { text.lowercasedSparingly }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Letters, digits and the specials RFC 5322 allows unquoted: .!#$%&'*+/=?^_`{|}~-
    private static func isLocalByte(_ byte: UInt8) -> Bool {
        if isLetterOrDigit(byte) { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
