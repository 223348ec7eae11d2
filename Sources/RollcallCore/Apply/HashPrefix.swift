/// A hash given on the command line (`--expect-checksum`, `audit verify --head`) may be
/// shortened as transcripts and summaries show it, to no fewer than 12 hex digits: that
/// many tell one SHA-256 from another, fewer would not be a check worth the name.
public enum HashPrefix {
    static let minimumDigits = 12

    /// Why `text` cannot stand for a hash, or nil when it can.
    public static func problem(with text: String, option: String) -> String? {
        guard text.count >= minimumDigits, text.count <= 64, text.allSatisfy(\.isHexDigit) else {
            return "\(option) takes the full 64-digit SHA-256 or at least its first \(minimumDigits) hex digits, "
                + "not '\(text)'"
        }
        return nil
    }

    /// Whether `full` begins with `prefix`, ignoring case.
    package static func matches(_ prefix: String, _ full: String) -> Bool {
        prefix.count >= minimumDigits && full.lowercased().hasPrefix(prefix.lowercased())
    }
}
