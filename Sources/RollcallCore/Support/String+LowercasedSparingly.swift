extension String {
    /// `lowercased()`, with no new string for text that is lower-case ASCII already, as most
    /// usernames and email addresses are.
    var lowercasedSparingly: String {
        utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ? self : lowercased()
    }
}
