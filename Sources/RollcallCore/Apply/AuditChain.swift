import Crypto
import Foundation

/// The audit log's chain: each line carries the hash of the line before it and a
/// hash of itself, SHA-256 or, with a key, HMAC-SHA256, so whoever can write the
/// file still cannot rewrite the chain without the key. Editing, deleting,
/// reordering or inserting a line breaks the chain at that line; cutting the
/// tail is caught against a chain head kept elsewhere (`--head`).
///
/// Pure: lines in, lines out; the caller writes them and supplies the time.
package struct AuditChain: Sendable {
    package let key: [UInt8]?

    package init(key: [UInt8]?) {
        self.key = key
    }

    /// The entry linked after `previous` (the last line's hash, empty for a new log),
    /// and its line as written: canonical JSON, no line break.
    package func link(_ entry: AuditEntry, after previous: String) throws -> (entry: AuditEntry, line: String) {
        var linked = entry
        linked.previous = previous
        linked.hash = ""
        linked.hash = try hash(of: linked)
        return (linked, String(decoding: try Self.canonical(linked), as: UTF8.self))
    }

    func hash(of entry: AuditEntry) throws -> String {
        var unhashed = entry
        unhashed.hash = ""
        let bytes = try Self.canonical(unhashed)
        if let key {
            return Data(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: key))).hexString
        }
        return SHA256.hash(data: bytes).hexString
    }

    static func canonical(_ entry: AuditEntry) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(entry)
    }

    /// Checks every line; the first broken one is named. `head`, when given, must be the last
    /// whole line's hash.
    package func verify(_ text: String, head: String? = nil) -> AuditVerification {
        read(text, head: head).verification
    }

    /// `verify`, with the entries of the lines that check out, decoded once for a caller that needs them.
    package func read(_ text: String, head: String? = nil) -> (verification: AuditVerification, entries: [AuditEntry]) {
        var entries: [AuditEntry] = []
        let verification = check(text, head: head) { entries.append($0) }
        return (verification, entries)
    }

    /// Each line is checked as the exact bytes written: it must be the canonical JSON of the
    /// entry it decodes to, so a duplicated or unknown key, or another spelling of the same
    /// values, breaks the chain as an edit of a value does.
    private func check(_ text: String, head: String?, _ checked: (AuditEntry) -> Void) -> AuditVerification {
        var previous = ""
        var count = 0
        // Split on the byte: as Characters, "\r\n" is one, and a CRLF file would read as one line.
        let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            Substring(String(decoding: $0, as: UTF8.self))
        }
        for (offset, raw) in lines.enumerated() {
            let number = offset + 1
            if raw.isEmpty { continue }
            let isLast = offset == lines.count - 1
            if raw.utf8.last == 0x0D {
                return .broken(
                    line: number,
                    reason: "it ends in CRLF (\\r\\n), not LF: the file's line endings were converted (an editor, "
                        + "or git's core.autocrlf); Rollcall writes LF only, so the lines are not the bytes it wrote")
            }
            guard let entry = try? JSONDecoder().decode(AuditEntry.self, from: Data(raw.utf8)) else {
                if isLast, JSONObjectKeys.topLevel(of: Array(raw.utf8)) == nil {
                    // The last line has no line break and is no whole JSON: an append that was cut off.
                    return verdict(count: count, previous: previous, head: head, torn: number)
                }
                return .broken(line: number, reason: Self.keyProblem(raw) ?? "not an audit entry (edited or cut off)")
            }
            if let canonical = try? Self.canonical(entry), canonical != Data(raw.utf8) {
                return .broken(line: number, reason: Self.notAsWritten(raw))
            }
            guard entry.previous == previous else {
                return .broken(
                    line: number,
                    reason: "it does not follow the line before it (a line was deleted, inserted or moved)")
            }
            guard let expected = try? hash(of: entry), expected == entry.hash else {
                return .broken(line: number, reason: hashMismatch(lines))
            }
            guard entry.sequence == count + 1 else {
                return .broken(line: number, reason: "its sequence number is \(entry.sequence), not \(count + 1)")
            }
            checked(entry)
            previous = entry.hash
            count += 1
        }
        return verdict(count: count, previous: previous, head: head, torn: nil)
    }

    private func verdict(count: Int, previous: String, head: String?, torn: Int?) -> AuditVerification {
        if let head, head != previous, !HashPrefix.matches(head, previous) {
            return .broken(
                line: count + 1,
                reason: count == 0 || previous.isEmpty
                    ? "the log is empty, but the chain head \(head) was expected"
                    : "the chain ends at \(previous), not at the head \(head) (lines were cut from the end)")
        }
        if let torn { return .torn(lines: count, head: previous, line: torn) }
        return .intact(lines: count, head: previous)
    }

    /// Why a line's hash does not match: an edit, or a log that was keyed otherwise than this
    /// check is. When no line of the log verifies under this key, the key is what differs.
    private func hashMismatch(_ lines: [Substring]) -> String {
        let edited = "its hash does not match its content (the line was edited)"
        let entries = lines.compactMap { try? JSONDecoder().decode(AuditEntry.self, from: Data($0.utf8)) }
        guard !entries.isEmpty, !entries.contains(where: { (try? hash(of: $0)) == $0.hash }) else { return edited }
        if key == nil {
            return "no line's hash is its SHA-256: the log was written with ROLLCALL_AUDIT_KEY (HMAC-SHA256); "
                + "set it to the same key to verify the log (were it never keyed, its lines were edited)"
        }
        return "no line's hash matches under this ROLLCALL_AUDIT_KEY: the log was written with another key, "
            + "or without one; verify it with the key it was written with"
    }

    /// What makes a line that decodes to an entry differ from the bytes Rollcall writes for it.
    static func notAsWritten(_ raw: Substring) -> String {
        keyProblem(raw)
            ?? "the line is not as Rollcall writes it: the same values spelled another way "
            + "(spacing, key order or escapes; the line was edited)"
    }

    /// A key given twice or a key no entry has: what a decoder passes over in silence.
    static func keyProblem(_ raw: Substring) -> String? {
        let keys = JSONObjectKeys.topLevel(of: Array(raw.utf8)) ?? []
        var seen: Set<String> = []
        for key in keys where !seen.insert(key).inserted {
            return "the key '\(key)' appears twice in the line (the line was edited)"
        }
        let known = Set(AuditEntry.CodingKeys.allCases.map(\.stringValue))
        if let unknown = keys.first(where: { !known.contains($0) }) {
            return "the line has a key '\(unknown)' that audit entries do not have (the line was edited)"
        }
        return nil
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(lines: Int, head: String)
    /// Every whole line checks out, but the last one, numbered `line`, has no line break and
    /// is no entry: an append that was interrupted (a full disk, a crash), not an edit. The
    /// write such a line describes was never sent; the next apply removes the line.
    case torn(lines: Int, head: String, line: Int)
    case broken(line: Int, reason: String)
}
