import Foundation
import RollcallCore

/// The audit log of applies: the chained JSON lines of `AuditChain`, appended and
/// flushed per line. Opening it checks the chain already there, so a run never
/// extends a log that was tampered with, and continues from its head.
final class AuditLog: @unchecked Sendable {
    let path: String
    private let file: DurableLog
    private let chain: AuditChain
    private let lock = NSLock()
    private var head: String
    private var sequence: Int
    private(set) var written = 0
    /// Changes the log already records as made: applied, or settled as applied.
    private var recorded: Set<String> = []

    init(path: String, key: [UInt8]?) throws {
        self.path = path
        chain = AuditChain(key: key)
        let (verification, entries) = chain.read(try DurableLog.text(of: path))
        switch verification {
        case .intact(let lines, let head):
            self.head = head
            sequence = lines
        case .broken(let line, let reason):
            throw RollcallError(
                "the audit log \(path) is broken at line \(line): \(reason); nothing was applied. "
                    + "Keep the file for review and run `rollcall audit verify \(path)`")
        }
        file = try DurableLog(path: path)
        recorded = Set(entries.filter(Self.records).map(\.changeID))
    }

    static func records(_ entry: AuditEntry) -> Bool {
        entry.outcome == .applied || (entry.outcome == .resolved && entry.verified == true)
    }

    /// Whether the log already says this change was made.
    func hasRecorded(_ changeID: String) -> Bool { lock.withLock { recorded.contains(changeID) } }

    /// The hash of the last line: what the run prints, and `audit verify --head` checks.
    var chainHead: String { lock.withLock { head } }

    /// Links `entry` after the last line and writes it to disk; throws when it cannot.
    func append(_ entry: AuditEntry) throws {
        try lock.withLock {
            var numbered = entry
            numbered.sequence = sequence + 1
            let (linked, line) = try chain.link(numbered, after: head)
            try file.append(line)
            head = linked.hash
            sequence += 1
            written += 1
            if Self.records(linked) { recorded.insert(linked.changeID) }
        }
    }
}
