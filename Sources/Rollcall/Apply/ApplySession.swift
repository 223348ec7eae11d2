import Foundation
import RollcallCore

/// Stages **lock** and **open audit** of `ApplyRun`: the lock taken (one apply at a time),
/// then the audit log opened (its chain checked, a torn last line removed) and the journal
/// read for an interrupted run's open intents, all before anything live is read.
struct ApplySession: Sendable {
    let identity: RunIdentity
    let lock: ApplyLock
    let audit: AuditLog
    let journal: ApplyJournal
    /// What taking the lock and opening the log did that the user should hear of.
    let notices: [String]

    static func open(for input: ApplyInput, _ request: ApplyRun.Request) throws -> ApplySession {
        let identity = RunIdentity(environment: request.environment)
        let auditPath = request.auditLog ?? ApplyRun.defaultAuditLog(beside: input.configPath)
        try OutputFile.check(
            auditPath, inputs: [input.configPath] + request.source.inputFiles, what: "the audit log")
        let folder = (auditPath as NSString).deletingLastPathComponent
        let lock = try ApplyLock(
            path: (folder as NSString).appendingPathComponent("apply.lock"), runID: identity.runID,
            files: request.files)
        do {
            let audit = try AuditLog(path: auditPath, key: identity.auditKey, files: request.files)
            let journal = try ApplyJournal(
                path: (folder as NSString).appendingPathComponent("journal.jsonl"), files: request.files)
            lock.startRenewing()
            request.control.atExitNow { lock.release() }
            return ApplySession(
                identity: identity, lock: lock, audit: audit, journal: journal,
                notices: [lock.tookOver, audit.notice].compactMap { $0 })
        } catch {
            lock.release()
            throw error
        }
    }

    func close() {
        lock.release()
    }
}
