import Foundation
import Rollcall
import RollcallCore
import RollcallSandbox
import RollcallTestSupport
import Sandbox
import Testing

/// `ApplyRun` in process, through its seams: the files (a crash, a full disk) and the live
/// systems (simulators the test serves, whose request log shows what was sent).
@Suite struct ApplyRunTests {
    struct Outcome {
        var appended: Int
        var crashed: Bool
        var writes: [String]
        var report: ApplyReport
        var replanned: Int
        /// Change ids the journal still holds an intent for, with no outcome after it.
        var openIntents: Set<String>
        /// Each change id the audit log records as made (applied, or resolved and verified), with how often.
        var madeInAudit: [String: Int]
    }

    /// An apply that crashes once its `crashAfter`-th journal or audit line is on disk (never,
    /// when nil), then an apply that resumes after it, as the next run after a dead process
    /// would: the lock is left behind naming a pid that is gone.
    func crashThenResume(crashAfter: Int?) async throws -> Outcome {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        return try await SandboxSession.with(scenario.seed) { session in
            let crashing = CrashingFiles(crashAfter: crashAfter)
            var report = try? await ApplyRun.run(
                scenario.request(session.endpoints, files: crashing), observer: ApplyScenario.approve)
            if crashing.crashed {
                #expect(FileManager.default.fileExists(atPath: scenario.lock), "a crash leaves its lock")
                try scenario.holdLock(pid: try ApplyScenario.deadPID())
                report = try await ApplyRun.run(scenario.request(session.endpoints), observer: ApplyScenario.approve)
            }
            let final = try #require(report)
            let again = try await PlanRun.run(
                PlanRun.Request(
                    path: scenario.folder.path, source: .serving(session.endpoints), today: ApplyScenario.today))
            let verified = try AuditFile.verify(
                scenario.auditLog, head: final.chainHead, environment: ["ROLLCALL_AUDIT_KEY": "k"])
            guard case .intact = verified else {
                Issue.record("the audit log does not verify after crash \(crashAfter ?? 0): \(verified)")
                return Outcome(
                    appended: 0, crashed: false, writes: [], report: final, replanned: -1, openIntents: [],
                    madeInAudit: [:])
            }
            return Outcome(
                appended: crashing.appended, crashed: crashing.crashed, writes: await ApplyScenario.writes(session),
                report: final, replanned: again.document.changes.count,
                openIntents: try ApplyLogs.openIntents(scenario.folder),
                madeInAudit: try ApplyLogs.made(scenario.auditLog))
        }
    }

    @Test func aCrashAfterAnyJournalOrAuditLineIsResumedWithNothingSentTwice() async throws {
        let clean = try await crashThenResume(crashAfter: nil)
        #expect(clean.report.converged == true && clean.replanned == 0)
        #expect(clean.madeInAudit.count == clean.writes.count && clean.madeInAudit.values.allSatisfy { $0 == 1 })
        #expect(clean.writes.count == 5, "riverside plans one create, one update and three deactivations")
        // Each change has an audit line and a journal line before its write and after it.
        #expect(clean.appended >= 4 * clean.writes.count)
        for line in 1...clean.appended {
            let resumed = try await crashThenResume(crashAfter: line)
            #expect(resumed.crashed, "line \(line)")
            #expect(resumed.writes.sorted() == clean.writes.sorted(), "after a crash at line \(line) of the logs")
            #expect(resumed.report.converged == true && resumed.replanned == 0, "line \(line)")
            #expect(resumed.openIntents.isEmpty, "the journal is settled after a crash at line \(line)")
            #expect(resumed.madeInAudit == clean.madeInAudit, "each change recorded as made once, line \(line)")
        }
    }

    /// The journal is read back, so it is untrusted: an intent added by hand (a real change's
    /// line copied under another id, or with its fields edited) is closed and records nothing.
    @Test func anEditedJournalIntentIsClosedAndRecordsNothing() async throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        let journal = scenario.folder.appendingPathComponent(".rollcall/journal.jsonl")
        let (linesBefore, linesAfter, notices, writes) = try await SandboxSession.with(scenario.seed) { session in
            _ = try await ApplyRun.run(scenario.request(session.endpoints), observer: ApplyScenario.approve)
            let intent = try #require(try ApplyLogs.lines(journal.path).first { $0["kind"] as? String == "intent" })
            var copied = intent
            copied["change_id"] = "forged0000000000"
            var change = try #require(intent["change"] as? [String: Any])
            change["id"] = "forged0000000000"
            copied["change"] = change
            var edited = intent
            var fields = try #require(change["fields"] as? [[String: Any]])
            fields[0]["after"] = "an edited value"
            change["id"] = intent["change_id"]
            change["fields"] = fields
            edited["change"] = change
            edited["run_id"] = "an-edited-run"
            var text = try String(contentsOf: journal, encoding: .utf8)
            for line in [copied, edited] {
                text += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
            }
            try text.write(to: journal, atomically: true, encoding: .utf8)
            let before = try ApplyLogs.lines(scenario.auditLog).count
            let writesBefore = await ApplyScenario.writes(session).count
            let approving = ApprovingObserver()
            _ = try await ApplyRun.run(scenario.request(session.endpoints), observer: approving.observer)
            return (
                before, try ApplyLogs.lines(scenario.auditLog).count, approving.notices,
                await ApplyScenario.writes(session).count - writesBefore
            )
        }
        #expect(linesAfter == linesBefore, "no audit line for an intent the audit log did not start")
        #expect(writes == 0)
        #expect(try ApplyLogs.openIntents(scenario.folder).isEmpty, "both intents are closed")
        #expect(notices.filter { $0.contains("names no change this audit log started") }.count == 2, "\(notices)")
    }

    @Test func aFullDiskAtTheAuditLogStopsTheRunBeforeAnyWrite() async throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        let full = LocalFiles(
            writer: DurableLog.Writer(
                write: { _, _ in
                    errno = ENOSPC
                    return -1
                }, sync: { fsync($0) }))
        let (report, writes) = try await SandboxSession.with(scenario.seed) { session in
            let report = try? await ApplyRun.run(
                scenario.request(session.endpoints, files: full), observer: ApplyScenario.approve)
            return (report, await ApplyScenario.writes(session))
        }
        #expect(writes.isEmpty, "no audit line, no write: \(writes)")
        let result = try #require(report)
        #expect(result.changes.filter { $0.outcome == .applied }.isEmpty)
        #expect(result.stopped?.contains("No space left on device (ENOSPC)") == true, "\(result.stopped ?? "")")
        let log = try Data(contentsOf: URL(fileURLWithPath: scenario.auditLog))
        #expect(log.isEmpty, "nothing written to the audit log")
        #expect(!FileManager.default.fileExists(atPath: scenario.lock), "the lock is released")
    }

    @Test func aLockHeldByALiveApplyRefusesTheRunBeforeAnythingIsRead() async throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        try scenario.holdLock(pid: getpid())
        let (error, requests) = try await SandboxSession.with(scenario.seed) { session in
            var error: (any Error)?
            do {
                _ = try await ApplyRun.run(scenario.request(session.endpoints), observer: ApplyScenario.approve)
            } catch let thrown {
                error = thrown
            }
            return (error.map { "\($0)" }, await session.log(.athena).count + (await session.log(.healthie).count))
        }
        #expect(error?.contains("another apply holds the lock") == true, "\(error ?? "no error")")
        #expect(error?.contains("run other-run, pid \(getpid())") == true)
        #expect(requests == 0, "nothing was read")
        #expect(try ApplyLockFile.runID(scenario.lock) == "other-run", "the live holder keeps its lock")
    }

    @Test func aLockLeftByADeadApplyIsTakenOverAndTheRunGoesOn() async throws {
        let scenario = try ApplyScenario()
        defer { try? FileManager.default.removeItem(at: scenario.folder) }
        let dead = try ApplyScenario.deadPID()
        try scenario.holdLock(pid: dead)
        let approving = ApprovingObserver()
        let report = try await SandboxSession.with(scenario.seed) { session in
            try await ApplyRun.run(scenario.request(session.endpoints), observer: approving.observer)
        }
        #expect(report.converged == true)
        #expect(
            approving.notices.contains {
                $0.contains("took over the lock of run other-run (pid \(dead)") && $0.contains("that process is gone")
            })
        #expect(!FileManager.default.fileExists(atPath: scenario.lock), "released after the run")
    }
}

/// The journal and the audit log, read as JSON lines.
enum ApplyLogs {
    static func lines(_ path: String) throws -> [[String: Any]] {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    static func openIntents(_ folder: URL) throws -> Set<String> {
        var open: Set<String> = []
        for line in try lines(folder.appendingPathComponent(".rollcall/journal.jsonl").path) {
            guard let id = line["change_id"] as? String else { continue }
            if line["kind"] as? String == "intent" { open.insert(id) } else { open.remove(id) }
        }
        return open
    }

    static func made(_ auditLog: String) throws -> [String: Int] {
        var made: [String: Int] = [:]
        for line in try lines(auditLog) {
            let outcome = line["outcome"] as? String
            guard outcome == "applied" || (outcome == "resolved" && line["verified"] as? Bool == true),
                let id = line["change_id"] as? String
            else { continue }
            made[id, default: 0] += 1
        }
        return made
    }
}

/// The run id a lock file names.
enum ApplyLockFile {
    static func runID(_ path: String) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["run_id"] as? String
    }
}
