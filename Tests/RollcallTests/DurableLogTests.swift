import Foundation
import RollcallCore
import Synchronization
import Testing

@testable import Rollcall

/// The audit log's appends through an injected writer that fails as a full disk or a
/// failing device does: where no private tmpfs can be mounted, this is the ENOSPC test.
@Suite struct DurableLogTests {
    /// A writer that writes `allowed` bytes in all, then fails every write with `code`.
    static func failing(after allowed: Int, code: Int32 = ENOSPC, syncFails: Bool = false) -> DurableLog.Writer {
        let budget = Mutex(allowed)
        return DurableLog.Writer(
            write: { descriptor, bytes in
                let count = budget.withLock { left in
                    let count = min(left, bytes.count)
                    left -= count
                    return count
                }
                guard count > 0 else {
                    errno = code
                    return -1
                }
                return Glibc.write(descriptor, bytes.baseAddress, count)
            },
            sync: { descriptor in
                if syncFails {
                    errno = EIO
                    return -1
                }
                return fsync(descriptor)
            })
    }

    static func withLog(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rollcall-log-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory.appendingPathComponent("audit.jsonl").path)
    }

    static let change = PlannedChange(
        system: .athena, action: .update, address: .athenaUser(practice: "main", username: "alee"), staffID: "ann",
        practice: "main", fields: [FieldChange(name: "last_name", before: "\"Leigh\"", after: "\"Lee\"")],
        unchangedCount: 3, operation: .athenaUpdate(practiceID: 1, userID: 7, patch: AthenaUserPatch(lastName: "Lee")),
        precondition: .absent(key: "x"))

    @Test(arguments: [ENOSPC, EIO])
    func aWriteThatFailsPartWayIsCutBackAndTheHeadStaysOnDisk(code: Int32) throws {
        try Self.withLog { path in
            let first = try AuditLog(path: path, key: nil)
            let identity = RunIdentity(environment: [:], runID: "run")
            try first.append(identity.entry(Self.change, planChecksum: "p", outcome: .started))
            let head = first.chainHead
            let size = try Data(contentsOf: URL(fileURLWithPath: path)).count
            // Room for half of the next line: the write tears, then fails.
            let log = try AuditLog(
                path: path, key: nil, files: LocalFiles(writer: Self.failing(after: size / 2, code: code)))
            #expect(throws: RollcallError.self) {
                try log.append(identity.entry(Self.change, planChecksum: "p", outcome: .applied))
            }
            #expect(log.chainHead == head, "the head is the last line on disk")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.utf8.count == size, "cut back to the last whole line")
            #expect(AuditChain(key: nil).verify(text, head: head) == .intact(lines: 1, head: head))
        }
    }

    @Test func aFailedSyncIsCutBackToo() throws {
        try Self.withLog { path in
            let log = try AuditLog(
                path: path, key: nil, files: LocalFiles(writer: Self.failing(after: 1 << 20, syncFails: true)))
            let identity = RunIdentity(environment: [:], runID: "run")
            do {
                try log.append(identity.entry(Self.change, planChecksum: "p", outcome: .started))
                Issue.record("a failed fsync fails the append")
            } catch {
                #expect("\(error)".contains("cannot flush"), "\(error)")
                #expect("\(error)".contains("(EIO)"), "\(error)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
            #expect(log.chainHead == "")
        }
    }

    /// The journal's last line torn by a crash is cut off before the next intent, which would
    /// otherwise run into it and be lost to the next resume.
    @Test func aTornJournalLineIsCutBeforeTheNextIntent() throws {
        try Self.withLog { path in
            let journalPath = (path as NSString).deletingLastPathComponent + "/journal.jsonl"
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(#"{"kind":"intent","change_id":"#.utf8).write(to: URL(fileURLWithPath: journalPath))
            let journal = try ApplyJournal(path: journalPath)
            try journal.intent(Self.change, runID: "run")
            #expect(try ApplyJournal(path: journalPath).openIntents == [Self.change.id])
        }
    }
}
