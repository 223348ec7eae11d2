import Foundation
import RollcallCore
import Synchronization

/// The audit log of applies: the chained JSON lines of `AuditChain`, appended and
/// flushed per line. Opening it checks the chain already there, so a run never
/// extends a log that was tampered with, and continues from its head. A last line
/// an interrupted append left torn is removed first (the write it described was never
/// sent), and said so, so an apply after a full disk goes on once space is freed.
final class AuditLog: Sendable {
    struct State {
        var head: String
        var sequence: Int
        var written = 0
        /// Changes the log already records as made: applied, or settled as applied.
        var recorded: Set<String>
        /// The last `started` line of each change: what a write about to be made was.
        var started: [String: AuditEntry] = [:]
    }

    let path: String
    private let file: any AppendOnlyFile
    private let chain: AuditChain
    private let state: Mutex<State>
    /// What opening the log did that the user should hear of (a torn line removed).
    let notice: String?

    init(path: String, key: [UInt8]?, files: any RunFiles = LocalFiles()) throws {
        self.path = path
        chain = AuditChain(key: key)
        let bytes = try files.readRegular(path, what: "the audit log", limit: nil) ?? Data()
        let (verification, entries) = chain.read(String(decoding: bytes, as: UTF8.self))
        var cutTo: Int?
        var breakMissing = false
        var notice: String?
        let head: String
        let lines: Int
        switch verification {
        case .intact(let count, let last):
            (head, lines) = (last, count)
            breakMissing = !bytes.isEmpty && bytes.last != 0x0A
        case .torn(let count, let last, let line):
            (head, lines) = (last, count)
            cutTo = DurableLog.wholeLines(bytes)
            notice =
                "the audit log \(path) ended in a torn line \(line) (an append that was interrupted, by a full "
                + "disk or a crash; the write it described was never sent); removed it, and the log goes on "
                + "from line \(count)"
        case .broken(let line, let reason):
            throw RollcallError(
                .auditLog,
                "the audit log \(path) is broken at line \(line): \(reason); nothing was applied. "
                    + "Keep the file for review and run `rollcall audit verify \(path)`")
        }
        file = try files.appendOnly(path, what: "the audit log")
        if let cutTo { try file.cut(to: cutTo) }
        if breakMissing { try file.append("") }
        self.notice = notice
        var state = State(head: head, sequence: lines, recorded: Set(entries.filter(Self.records).map(\.changeID)))
        for entry in entries where entry.outcome == .started { state.started[entry.changeID] = entry }
        self.state = Mutex(state)
    }

    static func records(_ entry: AuditEntry) -> Bool {
        entry.outcome == .applied || (entry.outcome == .resolved && entry.verified == true)
    }

    /// Whether the log already says this change was made.
    func hasRecorded(_ changeID: String) -> Bool { state.withLock { $0.recorded.contains(changeID) } }

    /// Whether the log's `started` line for `change` describes it part for part: a change read
    /// back from elsewhere (the journal) is believed only when the chained log agrees.
    func startedLine(matches change: PlannedChange) -> Bool {
        guard let line = state.withLock({ $0.started[change.id] }) else { return false }
        return line.system == change.system && line.practice == change.practice && line.address == change.address
            && line.recordID == change.recordID && line.operation == change.action && line.fields == change.fields
    }

    /// The hash of the last line on disk: what the run prints, and `audit verify --head` checks.
    var chainHead: String { state.withLock { $0.head } }

    var written: Int { state.withLock { $0.written } }

    /// Links `entry` after the last line and writes it to disk; throws when it cannot, and
    /// then the head stays the last line that is on disk.
    func append(_ entry: AuditEntry) throws {
        try state.withLock { state in
            var numbered = entry
            numbered.sequence = state.sequence + 1
            let (linked, line) = try chain.link(numbered, after: state.head)
            try file.append(line)
            state.head = linked.hash
            state.sequence += 1
            state.written += 1
            if Self.records(linked) { state.recorded.insert(linked.changeID) }
            if linked.outcome == .started { state.started[linked.changeID] = linked }
        }
    }
}
