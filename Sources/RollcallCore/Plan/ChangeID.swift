import Crypto

/// A planned change's id: the first 16 hex digits of SHA-256 over its action and
/// address. It depends on nothing else, so planning the same situation again
/// (after a crash, from another checkout, a day later) gives the same ids, which
/// is what lets an audit line, a journal intent and a resumed apply name one change.
public enum ChangeID {
    public static func make(address: RecordAddress, action: PlannedChange.Action) -> String {
        digest("\(action.rawValue) \(address)")
    }

    /// The first 16 hex digits of SHA-256 over `text`.
    static func digest(_ text: String) -> String {
        String(SHA256.hash(data: Array(text.utf8)).hexString.prefix(16))
    }
}
