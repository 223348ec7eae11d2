import Crypto
import Foundation

/// The audit log's chain: each line carries the hash of the line before it and a
/// hash of itself, SHA-256 or, with a key, HMAC-SHA256, so whoever can write the
/// file still cannot rewrite the chain without the key. Editing, deleting,
/// reordering or inserting a line breaks the chain at that line; cutting the
/// tail is caught against a chain head kept elsewhere (`--head`).
///
/// Pure: lines in, lines out; the caller writes them and supplies the time.
public struct AuditChain: Sendable {
    public let key: [UInt8]?

    public init(key: [UInt8]?) {
        self.key = key
    }

    /// The entry linked after `previous` (the last line's hash, empty for a new log),
    /// and its line as written: canonical JSON, no line break.
    public func link(_ entry: AuditEntry, after previous: String) throws -> (entry: AuditEntry, line: String) {
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

    /// Checks every line; the first broken one is named. `head`, when given, must be the last line's hash.
    public func verify(_ text: String, head: String? = nil) -> AuditVerification {
        read(text, head: head).verification
    }

    /// `verify`, with the entries of the lines that check out, decoded once for a caller that needs them.
    public func read(_ text: String, head: String? = nil) -> (verification: AuditVerification, entries: [AuditEntry]) {
        var entries: [AuditEntry] = []
        let verification = check(text, head: head) { entries.append($0) }
        return (verification, entries)
    }

    private func check(_ text: String, head: String?, _ checked: (AuditEntry) -> Void) -> AuditVerification {
        var previous = ""
        var count = 0
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            if raw.isEmpty { continue }
            guard let entry = try? JSONDecoder().decode(AuditEntry.self, from: Data(raw.utf8)) else {
                return .broken(line: number, reason: "not an audit entry (edited or cut off)")
            }
            guard entry.previous == previous else {
                return .broken(
                    line: number,
                    reason: "it does not follow the line before it (a line was deleted, inserted or moved)")
            }
            guard let expected = try? hash(of: entry), expected == entry.hash else {
                return .broken(line: number, reason: "its hash does not match its content (the line was edited)")
            }
            guard entry.sequence == count + 1 else {
                return .broken(line: number, reason: "its sequence number is \(entry.sequence), not \(count + 1)")
            }
            checked(entry)
            previous = entry.hash
            count += 1
        }
        if let head, head != previous {
            return .broken(
                line: count + 1,
                reason: count == 0 || previous.isEmpty
                    ? "the log is empty, but the chain head \(head) was expected"
                    : "the chain ends at \(previous), not at the head \(head) (lines were cut from the end)")
        }
        return .intact(lines: count, head: previous)
    }
}

public enum AuditVerification: Sendable, Equatable {
    case intact(lines: Int, head: String)
    case broken(line: Int, reason: String)
}
