/// A practical check of email addresses as login identifiers: what a clinic
/// would type, not everything RFC 5322 allows (no quoted local parts, no IP literals).
enum EmailAddress {
    /// Why `text` is not a usable email address, or `nil` when it is one.
    static func problem(with text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count <= 254 else { return "it is longer than 254 characters" }
        let at = UInt8(ascii: "@")
        let parts = bytes.split(separator: at, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return parts.count < 2 ? "it has no '@'" : "it has more than one '@'"
        }
        let local = parts[0]
        let domain = parts[1]
        let dot = UInt8(ascii: ".")
        guard !local.isEmpty, local.count <= 64 else { return "the part before '@' must be 1 to 64 characters" }
        guard local.allSatisfy(isLocalByte) else {
            return "the part before '@' has a character an address cannot hold"
        }
        guard local.first != dot, local.last != dot,
            !zip(local, local.dropFirst()).contains(where: { $0 == dot && $1 == dot })
        else {
            return "the part before '@' has a misplaced '.'"
        }
        let domainText = String(decoding: domain, as: UTF8.self)
        let labels = domain.split(separator: dot, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "the domain '\(domainText)' has no '.'" }
        let hyphen = UInt8(ascii: "-")
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.allSatisfy({ isLetterOrDigit($0) || $0 == hyphen }),
                label.first != hyphen, label.last != hyphen
            else { return "the domain '\(domainText)' is not a valid host name" }
        }
        guard let top = labels.last, top.count >= 2, top.allSatisfy(isLetter) else {
            return "the domain '\(domainText)' does not end in a top-level domain such as .org"
        }
        return nil
    }

    /// The form used to compare addresses: Healthie matches members by email without regard to case.
    static func normalized(_ text: String) -> String {
        // Most addresses are lower-case ASCII already: no copy for them.
        text.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
            ? text : text.lowercased()
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// Letters, digits and the specials RFC 5322 allows unquoted: .!#$%&'*+/=?^_`{|}~-
    private static func isLocalByte(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || Array(".!#$%&'*+/=?^_`{|}~-".utf8).contains(byte)
    }
}
