/// A practical check of email addresses as login identifiers: what a clinic
/// would type, not everything RFC 5322 allows (no quoted local parts, no IP literals).
public enum EmailAddress {
    /// Why `text` is not a usable email address, or `nil` when it is one.
    public static func problem(with text: String) -> String? {
        guard text.utf8.count <= 254 else { return "it is longer than 254 characters" }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return parts.count < 2 ? "it has no '@'" : "it has more than one '@'"
        }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64 else { return "the part before '@' must be 1 to 64 characters" }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard local.allSatisfy({ localAllowed.contains($0) }) else {
            return "the part before '@' has a character an address cannot hold"
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            return "the part before '@' has a misplaced '.'"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "the domain '\(domain)' has no '.'" }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.allSatisfy({ labelAllowed.contains($0) }),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return "the domain '\(domain)' is not a valid host name" }
        }
        guard let top = labels.last, top.count >= 2, top.allSatisfy({ $0.isLetter }) else {
            return "the domain '\(domain)' does not end in a top-level domain such as .org"
        }
        return nil
    }

    /// The form used to compare addresses: Healthie matches members by email without regard to case.
    public static func normalized(_ text: String) -> String {
        text.lowercased()
    }
}
