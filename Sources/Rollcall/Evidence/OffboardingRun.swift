import Foundation
import RollcallCore
import RollcallHTTP

/// `rollcall audit offboarding`: the audit log verified first (a broken chain is an error, not a
/// report), then the live systems read through the reader that cannot write, then the report.
public enum OffboardingRun {
    public struct Request: Sendable {
        public var path: String
        public var source: LiveSource
        public var today: CalendarDate
        /// The instant latencies are measured to; the layer above reads the clock.
        public var now: Timestamp
        /// The window's first day; nil means 90 days before `today`.
        public var since: CalendarDate?
        /// nil means apply's default, `.rollcall/audit.jsonl` beside the config.
        public var auditLog: String?
        public var commit: String?
        public var environment: [String: String]

        /// The files the run reads and writes: the disk, unless a test puts in another.
        package var files: any RunFiles = LocalFiles()

        public init(
            path: String, source: LiveSource, today: CalendarDate, now: Timestamp, since: CalendarDate? = nil,
            auditLog: String? = nil, commit: String? = nil, environment: [String: String] = [:]
        ) {
            self.path = path
            self.source = source
            self.today = today
            self.now = now
            self.since = since
            self.auditLog = auditLog
            self.commit = commit
            self.environment = environment
        }
    }

    public struct Outcome: Sendable {
        public var report: OffboardingReport
        public var configWarnings: [Diagnostic]
        public var warnings: [String]
    }

    /// How far back the window reaches when `--since` is not given.
    static let defaultWindowDays = 90

    public static func run(_ request: Request, progress: ProgressSink? = nil) async throws -> Outcome {
        let loaded = try LoadedConfig(path: request.path, excluding: request.source.inputFiles, files: request.files)
        let auditPath = request.auditLog ?? ApplyRun.defaultAuditLog(beside: request.path)
        let (entries, summary, logWarnings) = try verifiedEntries(auditPath, environment: request.environment)
        let config = loaded.config
        let snapshot = try await ReadOnlySystems.completeSnapshot(
            config: config, source: request.source, progress: progress, refusal: "no offboarding report is made",
            command: "audit offboarding")
        let inputs = OffboardingAudit.Inputs(
            config: config, live: snapshot.state, entries: entries,
            since: request.since ?? request.today.adding(days: -defaultWindowDays), today: request.today,
            now: request.now)
        let report = OffboardingAudit.report(
            inputs,
            provenance: OffboardingAudit.Provenance(
                paths: [request.path], digest: loaded.digest, commit: request.commit ?? GitCommit.of(request.path),
                auditLog: summary, read: snapshot.summary))
        return Outcome(report: report, configWarnings: loaded.warnings, warnings: logWarnings + snapshot.warnings)
    }

    /// The log's entries, only once its chain verified; a missing log is empty, and said so.
    static func verifiedEntries(_ path: String, environment: [String: String]) throws -> (
        [AuditEntry], OffboardingReport.AuditLogSummary, [String]
    ) {
        guard FileKind(at: path) != .missing else {
            return (
                [], .init(path: path, lines: 0, head: ""),
                [
                    "there is no audit log at \(path): no Rollcall deactivation is known, so every inactive "
                        + "account reads as deactivated elsewhere; name the log with --audit-log"
                ]
            )
        }
        let (verification, entries) = try AuditFile.read(path, environment: environment)
        switch verification {
        case .intact(let lines, let head):
            return (entries, .init(path: path, lines: lines, head: head), [])
        case .torn(let lines, let head, let line):
            return (
                entries, .init(path: path, lines: lines, head: head),
                [
                    "the audit log \(path) ends in a torn line \(line) (an interrupted append); the whole lines before it are used"
                ]
            )
        case .broken(let line, let reason):
            throw RollcallError(
                .auditLog,
                "the audit log \(path) is broken at line \(line): \(reason); no offboarding report is made from a log "
                    + "that does not verify. Keep the file for review and run `rollcall audit verify \(path)`")
        }
    }
}
